from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from chorus.program.choices import NETWORKS
from chorus.program.models import ProgramSettings
from chorus.program.readiness import CHECKLIST, ENPS_QUESTION, LIKERT, QUESTIONS


class ProgramSettingsForm(forms.Form):
    name = forms.CharField(label=_("Program name"), max_length=100)
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG, JPEG, WebP or GIF, up to 5 MB. It is shown in the header."),
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}),
    )
    remove_logo = forms.BooleanField(label=_("Remove the current logo"), required=False)
    networks = forms.MultipleChoiceField(
        label=_("Networks offered to advocates"),
        choices=NETWORKS,
        widget=forms.CheckboxSelectMultiple,
    )
    allowed_signup_domains = forms.CharField(
        label=_("E-mail domains that may sign up without an invitation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "example.com"}),
        help_text=_("One domain a line. Leave empty to allow invitations only."),
    )
    disclosure_tag = forms.CharField(
        label=_("Disclosure tag"),
        required=False,
        max_length=60,
        help_text=_(
            "Appended to every share of company content, and advocates cannot remove it. "
            "Consumer-protection law in several countries asks employees to disclose that "
            "they work for the company, e.g. #iworkatACME. Leave empty for none."
        ),
    )
    company_domains = forms.CharField(
        label=_("Company web domains"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "example.com"}),
        help_text=_(
            "One domain a line. When advocates write a post of their own, links to these "
            "domains (and their subdomains) get a tracked link; other links stay as they are."
        ),
    )
    default_language = forms.ChoiceField(
        label=_("Default language"),
        choices=settings.LANGUAGES,
        help_text=_("Used when neither the person nor their browser chose one of ours."),
    )


class AnalyticsSettingsForm(forms.Form):
    """Privacy of the dashboards, the earned-media-value rates and the funnel's headcount."""

    individual_figures = forms.BooleanField(
        label=_("Individual figures visible to owners"),
        required=False,
        help_text=_(
            "Off: dashboards, exports and the API show groups only, and leave out any group "
            "of fewer than 5 people. On: owners also see each advocate's figures and the top "
            "advocates. Advocates always see their own."
        ),
    )
    headcount = forms.IntegerField(
        label=_("Number of employees"),
        required=False,
        min_value=1,
        max_value=10_000_000,
        help_text=_("The top of the participation funnel. Empty: the people Chorus knows."),
    )
    currency = forms.CharField(
        label=_("Currency"),
        max_length=3,
        min_length=3,
        help_text=_("Three letters, like EUR, PLN, THB or USD."),
    )

    def __init__(self, *args, networks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.networks = list(networks)
        for key, label in self.networks:
            self.fields[f"cpc_{key}"] = forms.DecimalField(
                label=_("%(network)s: cost per click") % {"network": label},
                required=False,
                min_value=0,
                max_value=100_000,
                decimal_places=2,
            )
            self.fields[f"cpm_{key}"] = forms.DecimalField(
                label=_("%(network)s: cost per 1,000 impressions") % {"network": label},
                required=False,
                min_value=0,
                max_value=100_000,
                decimal_places=2,
            )

    def rates(self) -> dict:
        data = self.cleaned_data
        return {
            key: {"cpc": data.get(f"cpc_{key}"), "cpm": data.get(f"cpm_{key}")}
            for key, _label in self.networks
        }


class ReadinessChecklistForm(forms.Form):
    """The owner's four ticks, each with a line on why it matters."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for item in CHECKLIST:
            self.fields[item.key] = forms.BooleanField(
                label=item.label, help_text=item.why, required=False
            )


class PulseForm(forms.Form):
    """The anonymous pulse survey: eNPS from 0 to 10, then the engagement questions, 1 to 5."""

    enps = forms.TypedChoiceField(
        label=ENPS_QUESTION,
        choices=[(score, str(score)) for score in range(11)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose a number from 0 to 10.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in QUESTIONS:
            self.fields[question.key] = forms.TypedChoiceField(
                label=question.text,
                choices=LIKERT,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Please choose one answer.")},
            )

    def answers(self) -> dict[str, int]:
        return {question.key: self.cleaned_data[question.key] for question in QUESTIONS}

    def likert_fields(self):
        return [self[question.key] for question in QUESTIONS]


class RecognitionForm(forms.Form):
    recognition = forms.ChoiceField(
        label=_("Recognition"),
        choices=ProgramSettings.Recognition.choices,
        widget=forms.RadioSelect,
    )
