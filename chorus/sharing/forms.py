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


class ReactionFlagForm(forms.Form):
    url = forms.URLField(
        label=_("Link to the reaction"),
        required=False,
        max_length=2000,
        assume_scheme="https",
        help_text=_("Open the comment or post, copy its address and paste it here, if you can."),
    )
    note = forms.CharField(
        label=_("What happened, in a few words"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the program's owners and curators read this."),
    )


class ReactionReplyForm(forms.Form):
    reply = forms.CharField(
        label=_("Your reply"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("A personal word to the advocate: only they see it. Markdown works."),
    )
