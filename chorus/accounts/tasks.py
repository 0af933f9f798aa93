"""Background work for people: doors into the services."""

import smtplib

from django.conf import settings
from django.contrib.sites.models import Site
from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from chorus.accounts import services
from chorus.accounts.models import Invitation
from chorus.core.tasks import retry_later


@task()
def invitation_send_task(invitation_id: int, attempt: int = 1) -> bool:
    """E-mail the invitation link in the invitee's language; skips closed invitations, retries."""
    invitation = Invitation.objects.select_related("invited_by").filter(pk=invitation_id).first()
    if invitation is None or invitation.accepted_at or invitation.revoked_at:
        return False
    language = invitation.language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "invitation": invitation,
            "program_name": Site.objects.get_current().name,
            "url": settings.CHORUS_BASE_URL
            + reverse("accounts:invitation-accept", args=[invitation.key]),
        }
        subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
        text = render_to_string("accounts/email/invitation_message.txt", context)
        html = render_to_string("accounts/email/invitation_message.html", context)
    message = EmailMultiAlternatives(subject, text, to=[invitation.email])
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except (OSError, smtplib.SMTPException) as error:
        retry_later(invitation_send_task, invitation_id, attempt=attempt, error=error)
        raise
    services.invitation_mark_sent(invitation=invitation)
    return True
