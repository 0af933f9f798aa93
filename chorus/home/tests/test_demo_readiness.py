import pytest

from chorus.home.demo import demo_load
from chorus.home.demo_readiness import demo_readiness_load
from chorus.program.models import PulseParticipation, PulseResponse, PulseSurvey
from chorus.program.readiness import MIN_GROUP
from chorus.program.selectors import (
    program_settings_get,
    pulse_survey_results,
    pulse_surveys_closed,
    readiness_verdict,
)

pytestmark = pytest.mark.django_db


def test_the_demo_readiness_check_loads_once_and_shows_both_kinds_of_pooling():
    created = demo_load()
    assert created["pulse_surveys"] == 1
    assert created["pulse_responses"] == PulseResponse.objects.count() >= 20
    before = (
        PulseSurvey.objects.count(),
        PulseResponse.objects.count(),
        PulseParticipation.objects.count(),
        program_settings_get().readiness_checklist,
    )
    assert all(count == 0 for count in demo_readiness_load().values())
    again = demo_load()
    assert again["pulse_surveys"] == again["pulse_responses"] == 0
    after = (
        PulseSurvey.objects.count(),
        PulseResponse.objects.count(),
        PulseParticipation.objects.count(),
        program_settings_get().readiness_checklist,
    )
    assert after == before

    assert sum(program_settings_get().readiness_checklist.values()) == 3
    assert readiness_verdict().level == "almost"
    survey = pulse_surveys_closed().get()
    results = pulse_survey_results(survey=survey)
    assert results.visible
    department, location = results.breakdowns
    # Small departments pooled; a small location takes the next smallest one with it.
    assert department.groups[-1].is_other
    assert department.hidden >= 2
    assert location.groups[-1].is_other
    assert "Chiang Mai" not in {group.label for group in location.groups}
    for breakdown in (department, location):
        assert all(group.figures.responses >= MIN_GROUP for group in breakdown.groups)
        assert sum(group.figures.responses for group in breakdown.groups) == results.responses
