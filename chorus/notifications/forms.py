from django import forms
from django.utils.translation import gettext_lazy as _

from chorus.notifications.models import BODY_MAX, TITLE_MAX


class AnnouncementForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    body = forms.CharField(
        label=_("Message"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Every advocate sees it on their home page. Simple Markdown works: **bold**, "
            "*italic*, links and lists."
        ),
    )
