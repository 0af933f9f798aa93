from django import forms
from django.utils.translation import gettext_lazy as _

from chorus.analytics.selectors import Period, today

MAX_DAYS = 366


class PeriodForm(forms.Form):
    """Which period a dashboard shows: the last 7, 30 or 90 days, or chosen dates."""

    days = forms.ChoiceField(
        label=_("Period"),
        choices=[
            ("7", _("Last 7 days")),
            ("30", _("Last 30 days")),
            ("90", _("Last 90 days")),
            ("custom", _("Custom")),
        ],
        required=False,
    )
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        if data.get("days") != "custom":
            return data
        start, end = data.get("start"), data.get("end")
        if not start or not end:
            raise forms.ValidationError(_("Choose both a first and a last day."), code="incomplete")
        if end < start:
            raise forms.ValidationError(_("The last day comes before the first."), code="order")
        if end > today():
            raise forms.ValidationError(_("The last day cannot be in the future."), code="future")
        if (end - start).days + 1 > MAX_DAYS:
            raise forms.ValidationError(
                _("Choose at most %(days)s days.") % {"days": MAX_DAYS}, code="too_long"
            )
        return data

    def period(self) -> Period:
        """The chosen period; the last 30 days until the form is valid."""
        data = self.cleaned_data if self.is_valid() else {}
        days = data.get("days") or "30"
        if days == "custom":
            return Period(data["start"], data["end"])
        return Period.last(int(days))


def period_form(params) -> PeriodForm:
    form = PeriodForm(params or {"days": "30"})
    form.is_valid()
    return form


def period_from(params) -> tuple[Period | None, dict]:
    """A period from query parameters, or None and the reasons (the API's reading)."""
    form = PeriodForm(params or {"days": "30"})
    if not form.is_valid():
        return None, {k: [str(e) for e in v] for k, v in form.errors.items()}
    return form.period(), {}


def query_of(period: Period, preset: str) -> str:
    """The query string that shows the same period again (for exports and the print page)."""
    if preset in ("7", "30", "90"):
        return f"days={preset}"
    return f"days=custom&start={period.start:%Y-%m-%d}&end={period.end:%Y-%m-%d}"
