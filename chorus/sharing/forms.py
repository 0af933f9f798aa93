from django import forms
from django.utils.translation import gettext_lazy as _

from chorus.sharing.services import TEXT_MAX


class ComposeForm(forms.Form):
    text = forms.CharField(
        label=_("Your post"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    instance = forms.CharField(
        label=_("Your Mastodon server"),
        required=False,
        max_length=300,
        help_text=_("Asked once, e.g. mastodon.social."),
        widget=forms.TextInput(attrs={"placeholder": "mastodon.social", "autocomplete": "off"}),
    )


class SharingProfileForm(forms.Form):
    mastodon_instance = forms.CharField(
        label=_("Your Mastodon server"),
        required=False,
        max_length=300,
        help_text=_("The server your Mastodon account lives on, e.g. mastodon.social."),
    )
