"""The demo's readiness check: one closed pulse survey answered by most demo employees, and the
owner's checklist with one item still open.

Departments and locations differ in size, so the results show both rules of anonymity: small
departments are pooled into "Other", and a small location pulls the next smallest one into the
pool with it. Loading it twice changes nothing: nothing happens once any survey exists.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from chorus.accounts.models import User
from chorus.program.models import PulseSurvey
from chorus.program.selectors import program_settings_get
from chorus.program.services import (
    pulse_response_submit,
    pulse_survey_close,
    pulse_survey_open,
    readiness_checklist_update,
)

# Demo employees who did not answer (the rest did).
SILENT = {
    "james.carter@example.com",
    "emily.clarke@example.com",
    "harry.wilson@example.com",
    "ewa.krawczyk@example.com",
}
# How each department feels, on top of everyone's answers: some are keener than others.
MOOD = {
    "Engineering": 0.2,
    "Marketing": 0.6,
    "Sales": -0.2,
    "People & Culture": 0.5,
    "Customer Success": 0.0,
    "Finance": -0.4,
}
# Per question: most are proud and trusting; time is what people have least of.
LEANING = {"proud": 0.4, "comfortable_sharing": 0.0, "time": -0.6, "trust": 0.2}
CHECKLIST = {
    "no_restructuring": True,
    "owner_time": True,
    "management_first": True,
    "first_month_content": False,
}


def _clamp(value: float, low: int, high: int) -> int:
    return max(low, min(high, round(value)))


@transaction.atomic
def demo_readiness_load() -> dict[str, int]:
    """One closed survey of the demo employees and the owner's checklist; returns rows created."""
    created = {"pulse_surveys": 0, "pulse_responses": 0}
    if PulseSurvey.objects.exists():
        return created
    people = list(
        User.objects.filter(is_active=True, email__endswith="@example.com")
        .exclude(email__in=SILENT)
        .select_related("department", "location")
        .order_by("email")
    )
    if not people:
        return created
    rng = random.Random(6)  # noqa: S311 - invented demo answers, repeatable on purpose
    rng.shuffle(people)  # answers are stored in no particular order of people
    owner = User.objects.filter(email="owner@example.com").first()
    survey = pulse_survey_open(by=owner)
    for person in people:
        mood = MOOD.get(person.department.name if person.department else "", 0.0)
        enps = _clamp(rng.gauss(7.2 + 2 * mood, 2.0), 0, 10)
        answers = {
            key: _clamp(rng.gauss(3.5 + mood + leaning, 0.9), 1, 5)
            for key, leaning in LEANING.items()
        }
        pulse_response_submit(survey=survey, user=person, enps=enps, answers=answers)
        created["pulse_responses"] += 1
    pulse_survey_close(survey=survey)
    now = timezone.now()
    PulseSurvey.objects.filter(pk=survey.pk).update(
        opened_at=now - timedelta(days=118), closed_at=now - timedelta(days=106)
    )
    created["pulse_surveys"] += 1
    if not program_settings_get().readiness_checklist:
        readiness_checklist_update(checklist=CHECKLIST)
    return created
