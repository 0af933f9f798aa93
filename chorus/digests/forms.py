from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from chorus.digests.models import INTRO_MAX, DigestSettings, Weekday


class DigestSettingsForm(forms.Form):
    """When the digest goes out, and the owners' introduction in each interface language."""

    weekday = forms.TypedChoiceField(
        label=_("Day of the weekly digest"), choices=Weekday.choices, coerce=int
    )
    hour = forms.TypedChoiceField(
        label=_("Hour"),
        choices=[(hour, f"{hour:02d}:00") for hour in range(24)],
        coerce=int,
        help_text=_("In each person's own time zone; a daily digest comes at the same hour."),
    )

    def __init__(self, *args, config: DigestSettings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["weekday"].initial = config.weekday
        self.fields["hour"].initial = config.hour
        for code, name in settings.LANGUAGES:
            self.fields[f"intro_{code}"] = forms.CharField(
                label=_("Introduction (%(language)s)") % {"language": name},
                required=False,
                max_length=INTRO_MAX,
                widget=forms.Textarea(attrs={"rows": 4, "lang": code}),
                initial=(config.intro or {}).get(code, ""),
            )

    def intro_fields(self):
        return [self[f"intro_{code}"] for code, _name in settings.LANGUAGES]

    def intro(self) -> dict:
        return {code: self.cleaned_data[f"intro_{code}"] for code, _name in settings.LANGUAGES}
