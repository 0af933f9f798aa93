from django import forms
from django.utils.translation import gettext_lazy as _

from chorus.accounts.models import Department, Location
from chorus.notifications.choices import Channel, Kind
from chorus.notifications.models import BODY_MAX, TITLE_MAX


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

    def __init__(self, *args, choices: dict[tuple[str, str], bool], **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for kind in Kind:
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
            for channel in Channel
        }
