from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chorus.accounts.permissions import owner_required
from chorus.core.errors import ChorusError
from chorus.core.spreadsheet import csv_response
from chorus.program import selectors, services
from chorus.program.choices import NETWORKS
from chorus.program.forms import (
    AnalyticsSettingsForm,
    ProgramSettingsForm,
    PulseForm,
    ReadinessChecklistForm,
    RecognitionForm,
)
from chorus.program.models import PulseSurvey
from chorus.program.readiness import (
    ENPS_HIGH,
    ENPS_LOW,
    ENPS_QUESTION,
    LIKERT,
    MIN_GROUP,
    QUESTIONS,
    Results,
)
from chorus.program.selectors import program_settings_get


@owner_required
def settings_edit(request):
    program = program_settings_get()
    initial = {
        "name": program.name,
        "networks": program.networks,
        "allowed_signup_domains": "\n".join(program.allowed_signup_domains),
        "default_language": program.default_language,
        "disclosure_tag": program.disclosure_tag,
        "company_domains": "\n".join(program.company_domains),
    }
    form = ProgramSettingsForm(request.POST or None, request.FILES or None, initial=initial)
    if not program.logo:
        del form.fields["remove_logo"]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.program_settings_update(
                name=data["name"],
                networks=data["networks"],
                allowed_signup_domains=services.domains_parse(data["allowed_signup_domains"]),
                default_language=data["default_language"],
                logo=data["logo"],
                remove_logo=data.get("remove_logo", False),
                disclosure_tag=data["disclosure_tag"],
                company_domains=services.domains_parse(
                    data["company_domains"], field="company_domains"
                ),
            )
        except ChorusError as error:
            error.add_to(form)
        else:
            messages.success(request, _("The program settings are saved."))
            return redirect("program:settings")
    return render(request, "program/settings.html", {"form": form, "program": program})


@owner_required
def analytics_settings_edit(request):
    """Privacy of the dashboards and the rates behind the earned media value."""
    program = program_settings_get()
    networks = [(key, label) for key, label in NETWORKS if key in program.networks]
    initial = {
        "individual_figures": program.individual_figures,
        "headcount": program.headcount,
        "currency": program.currency,
    }
    for key, _label in networks:
        rates = (program.emv_rates or {}).get(key) or {}
        initial[f"cpc_{key}"] = rates.get("cpc")
        initial[f"cpm_{key}"] = rates.get("cpm")
    form = AnalyticsSettingsForm(request.POST or None, initial=initial, networks=networks)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.program_analytics_update(
                individual_figures=data["individual_figures"],
                emv_rates=form.rates(),
                currency=data["currency"],
                headcount=data["headcount"],
            )
        except ChorusError as error:
            error.add_to(form)
        else:
            messages.success(request, _("The analytics settings are saved."))
            return redirect("program:analytics-settings")
    rate_rows = [(label, form[f"cpc_{key}"], form[f"cpm_{key}"]) for key, label in networks]
    return render(
        request, "program/analytics_settings.html", {"form": form, "rate_rows": rate_rows}
    )


@owner_required
def recognition_edit(request):
    """Off, milestones or an opt-in leaderboard, with why points per action backfire."""
    program = program_settings_get()
    form = RecognitionForm(request.POST or None, initial={"recognition": program.recognition})
    if request.method == "POST" and form.is_valid():
        try:
            services.program_recognition_update(recognition=form.cleaned_data["recognition"])
        except ChorusError as error:
            error.add_to(form)
        else:
            messages.success(request, _("The recognition setting is saved."))
            return redirect("program:recognition")
    return render(request, "program/recognition.html", {"form": form})


def _closed_survey(request) -> PulseSurvey | None:
    """The closed survey asked for with ?survey=, else the latest closed one."""
    closed = selectors.pulse_surveys_closed()
    wanted = request.GET.get("survey", "")
    if wanted:
        if not (wanted.isascii() and wanted.isdecimal() and len(wanted) < 12):
            raise Http404
        return get_object_or_404(closed, pk=int(wanted))
    return closed.first()


@owner_required
def readiness(request):
    """The verdict, the owner's checklist and the pulse survey's anonymous results."""
    program = program_settings_get()
    form = ReadinessChecklistForm(request.POST or None, initial=program.readiness_checklist or {})
    if request.method == "POST" and form.is_valid():
        try:
            services.readiness_checklist_update(checklist=form.cleaned_data)
        except ChorusError as error:
            error.add_to(form)
        else:
            messages.success(request, _("The checklist is saved."))
            return redirect("program:readiness")
    open_survey = selectors.pulse_survey_open_get()
    survey = _closed_survey(request)
    return render(
        request,
        "program/readiness.html",
        {
            "verdict": selectors.readiness_verdict(),
            "form": form,
            "open_survey": open_survey,
            "open_results": selectors.pulse_survey_results(survey=open_survey)
            if open_survey
            else None,
            "survey": survey,
            "results": selectors.pulse_survey_results(survey=survey) if survey else None,
            "closed_surveys": selectors.pulse_surveys_closed()[:12],
            "questions": QUESTIONS,
            "likert": LIKERT,
            "min_group": MIN_GROUP,
        },
    )


@owner_required
@require_POST
def pulse_survey_open(request):
    try:
        services.pulse_survey_open(by=request.user)
    except ChorusError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("The pulse survey is open. Employees see it on their home page.")
        )
    return redirect("program:readiness")


@owner_required
@require_POST
def pulse_survey_close(request, pk: int):
    survey = get_object_or_404(PulseSurvey, pk=pk)
    try:
        services.pulse_survey_close(survey=survey)
    except ChorusError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The pulse survey is closed."))
    return redirect("program:readiness")


def readiness_rows(results: Results) -> list[list]:
    """The export's table: the count always, answers only as far as the page shows them."""
    rows: list[list] = [
        [_("Responses"), results.responses],
        [
            _("Participation (%)"),
            "" if results.participation is None else round(100 * results.participation),
        ],
    ]
    if not results.visible:
        rows.append(
            [
                _("Answers are shown once at least %(min)s people have answered.")
                % {"min": MIN_GROUP}
            ]
        )
        return rows
    header = [
        _("Breakdown"),
        _("Group"),
        _("Responses"),
        _("eNPS"),
        _("Promoters (%)"),
        _("Passives (%)"),
        _("Detractors (%)"),
        *[str(question.text) for question in QUESTIONS],
    ]

    def line(breakdown, label, figures):
        return [
            breakdown,
            label,
            figures.responses,
            figures.enps,
            figures.promoters_percent,
            figures.passives_percent,
            figures.detractors_percent,
            *[figures.means.get(question.key, "") for question in QUESTIONS],
        ]

    rows += [[], header, line(_("All"), _("Everyone"), results.overall)]
    for breakdown in results.breakdowns:
        for group in breakdown.groups:
            rows.append(line(str(breakdown.title), group.label, group.figures))
    rows += [[], [str(ENPS_QUESTION), *range(11)], [_("Answers"), *results.enps_counts]]
    rows += [[], [_("Question"), *[str(label) for _value, label in LIKERT]]]
    rows += [[str(d.question.text), *d.counts] for d in results.distributions]
    return rows


@owner_required
def readiness_export(request):
    """The results and breakdowns as CSV, with the same groups hidden as on the page."""
    survey = _closed_survey(request)
    if survey is None:
        raise Http404
    results = selectors.pulse_survey_results(survey=survey)
    stamp = timezone.localdate(survey.closed_at).isoformat()
    return csv_response(readiness_rows(results), f"readiness-survey-{stamp}.csv")


@login_required
def pulse(request):
    """The open pulse survey for every employee, once per person, anonymous."""
    survey = selectors.pulse_survey_open_get()
    answered = survey is not None and selectors.pulse_answered(survey=survey, user=request.user)
    shown = request.POST.get("survey", "")
    if request.method == "POST" and survey and not answered and shown != str(survey.pk):
        # The form was for a survey that has closed since: its answers must not land in this one.
        messages.info(request, _("That survey has closed: nothing was saved."))
        return redirect("program:pulse")
    form = None
    if survey is not None and not answered:
        form = PulseForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.pulse_response_submit(
                    survey=survey,
                    user=request.user,
                    enps=form.cleaned_data["enps"],
                    answers=form.answers(),
                )
            except ChorusError as error:
                error.add_to(form)
            else:
                messages.success(request, _("Thank you. Your answers are in, anonymously."))
                return redirect("program:pulse")
    return render(
        request,
        "program/pulse.html",
        {
            "survey": survey,
            "answered": answered,
            "form": form,
            "min_group": MIN_GROUP,
            "enps_low": ENPS_LOW,
            "enps_high": ENPS_HIGH,
        },
    )
