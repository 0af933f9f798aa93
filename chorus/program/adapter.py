"""django-allauth's hooks: who may sign up without an invitation, and where people land."""

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.utils.translation import gettext as _

from chorus.program.selectors import program_settings_get, signup_domain_allowed


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        """Open when owners allowed an e-mail domain (invitations have their own page)."""
        return bool(program_settings_get().allowed_signup_domains)

    def clean_email(self, email: str) -> str:
        email = super().clean_email(email)
        request = getattr(self, "request", None)
        signing_up = (
            request is not None
            and request.resolver_match is not None
            and (request.resolver_match.url_name == "account_signup")
        )
        if signing_up and not signup_domain_allowed(email=email):
            domains = ", ".join(program_settings_get().allowed_signup_domains)
            raise forms.ValidationError(
                _("Sign-up is open to addresses at %(domains)s. Ask an owner for an invitation.")
                % {"domains": domains}
            )
        return email
