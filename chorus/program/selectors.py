"""Reads about the program."""

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import QuerySet

from chorus.program.models import ProgramSettings, PulseSurvey
from chorus.program.readiness import Answer, Results, Verdict, results_of, verdict_of

CACHE_KEY = "program:settings:v1"


def program_settings_get() -> ProgramSettings:
    """The program's settings, created with defaults on first use; cached between requests."""
    settings = cache.get(CACHE_KEY)
    if settings is None:
        settings, _created = ProgramSettings.objects.get_or_create(pk=1)
        cache.set(CACHE_KEY, settings, 300)
    return settings


def signup_domain_allowed(*, email: str) -> bool:
    domain = email.rsplit("@", 1)[-1].strip().lower()
    return domain in program_settings_get().allowed_signup_domains


# The readiness check: the anonymous pulse survey and the verdict.


def pulse_survey_open_get() -> PulseSurvey | None:
    """The survey employees can answer now, if any."""
    return PulseSurvey.objects.filter(closed_at__isnull=True).first()


def pulse_surveys_closed() -> QuerySet[PulseSurvey]:
    """Closed surveys, the latest first: only these show results."""
    return PulseSurvey.objects.filter(closed_at__isnull=False).order_by("-closed_at", "-pk")


def pulse_pending_for(*, user) -> PulseSurvey | None:
    """The open survey when this person has not answered it yet."""
    if not user.is_authenticated:
        return None
    survey = pulse_survey_open_get()
    if survey is None or survey.participations.filter(user=user).exists():
        return None
    return survey


def pulse_answered(*, survey: PulseSurvey, user) -> bool:
    return survey.participations.filter(user=user).exists()


def pulse_survey_results(*, survey: PulseSurvey) -> Results:
    """What may be shown of a survey's answers.

    While a survey is open only the count is given: comparing results before and after one
    more answer would show that one person's answers. Closed, the answers show when at least
    MIN_GROUP people answered, by department and location only for groups of MIN_GROUP or more.
    """
    eligible = get_user_model().objects.filter(is_active=True).count()
    if survey.is_open:
        return Results(responses=survey.responses.count(), eligible=eligible)
    rows = survey.responses.values_list("department", "location", "enps", "answers")
    answers = [
        Answer(department, location, enps, data) for department, location, enps, data in rows
    ]
    return results_of(answers, eligible=eligible)


def readiness_verdict() -> Verdict:
    """The verdict from the owner's checklist and the latest closed survey (see verdict_of)."""
    latest = pulse_surveys_closed().first()
    return verdict_of(
        checklist=program_settings_get().readiness_checklist or {},
        results=pulse_survey_results(survey=latest) if latest else None,
        survey_open=pulse_survey_open_get() is not None,
    )
