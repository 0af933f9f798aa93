from django import forms
from django.utils.translation import gettext_lazy as _

from chorus.accounts.models import Department, Location
from chorus.notifications.choices import EMAIL_ONLY, Channel, DigestFrequency, Kind
from chorus.notifications.models import BODY_MAX, TITLE_MAX, WEBHOOK_URL_MAX, ChatWebhook


class AnnouncementForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    body = forms.CharField(
        label=_("Message"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Advocates see it on their home page and in their notifications, and by e-mail "
            "unless they turned that off. Simple Markdown works: **bold**, *italic*, links "
            "and lists."
        ),
    )
    departments = forms.ModelMultipleChoiceField(
        Department.objects.all(),
        label=_("Only these departments"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every department."),
    )
    locations = forms.ModelMultipleChoiceField(
        Location.objects.all(),
        label=_("Only these locations"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every location."),
    )


def preference_field_name(kind: str, channel: str) -> str:
    return f"{kind}__{channel}"


class NotificationPreferencesForm(forms.Form):
    """One checkbox per kind and channel, and the switch for everything."""

    all_off = forms.BooleanField(label=_("Turn everything off"), required=False)
    # The digest comes by e-mail only; how often replaces its checkboxes.
    digest = forms.ChoiceField(
        label=Kind.DIGEST.label,
        choices=DigestFrequency.choices,
        initial=DigestFrequency.WEEKLY,
        required=False,  # left out: unchanged
    )

    def __init__(self, *args, choices: dict[tuple[str, str], bool], **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for kind in Kind:
            if kind in EMAIL_ONLY:
                continue
            cells = []
            for channel in Channel:
                name = preference_field_name(kind, channel)
                self.fields[name] = forms.BooleanField(
                    label=f"{kind.label}: {channel.label}",
                    required=False,
                    initial=choices[kind, channel],
                )
                cells.append(name)
            self.rows.append((kind, cells))

    def row_fields(self):
        """(kind, [bound field per channel]) for the table."""
        return [(kind, [self[name] for name in names]) for kind, names in self.rows]

    def choices(self) -> dict[tuple[str, str], bool]:
        return {
            (kind.value, channel.value): self.cleaned_data[preference_field_name(kind, channel)]
            for kind in Kind
            if kind not in EMAIL_ONLY
            for channel in Channel
        }


class ChatWebhookForm(forms.Form):
    """A Slack or Teams incoming webhook. When changing one, an empty address keeps the old one:
    the page never shows it in full."""

    name = forms.CharField(
        label=_("Channel name"),
        max_length=100,
        help_text=_("As your colleagues know it, e.g. #news."),
    )
    service = forms.ChoiceField(
        label=_("Service"), choices=ChatWebhook.Service.choices, widget=forms.RadioSelect
    )
    url = forms.CharField(
        label=_("Webhook address"),
        max_length=WEBHOOK_URL_MAX,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "inputmode": "url"}
        ),
        help_text=_(
            "In Slack: an app's Incoming Webhooks. In Teams: a channel's Workflows, "
            '"Post to a channel when a webhook request is received". It starts with https://.'
        ),
    )
    on_featured = forms.BooleanField(label=_("Post new featured content"), required=False)
    on_campaign = forms.BooleanField(label=_("Post campaign starts"), required=False)

    def __init__(self, *args, webhook: ChatWebhook | None = None, **kwargs):
        if webhook is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": webhook.name,
                    "service": webhook.service,
                    "on_featured": webhook.on_featured,
                    "on_campaign": webhook.on_campaign,
                },
            )
        else:
            kwargs.setdefault(
                "initial", {"service": "slack", "on_featured": True, "on_campaign": True}
            )
        super().__init__(*args, **kwargs)
        if webhook is not None:
            self.fields["url"].required = False
            self.fields["url"].help_text = _(
                "Leave empty to keep the current one (%(hint)s), or paste a new one."
            ) % {"hint": webhook.url_hint}
