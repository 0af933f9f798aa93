"""Helpers for the readiness tests: people who answer the pulse survey."""

from chorus.accounts.tests.factories import DepartmentFactory, LocationFactory, UserFactory
from chorus.program.services import pulse_response_submit, pulse_survey_close, pulse_survey_open

NEUTRAL = {"proud": 4, "comfortable_sharing": 4, "time": 4, "trust": 4}


def answer(survey, *, department="", location="", enps=8, **answers):
    """A new employee of this department and location answers the survey."""
    user = UserFactory(
        department=DepartmentFactory(name=department) if department else None,
        location=LocationFactory(name=location) if location else None,
    )
    pulse_response_submit(survey=survey, user=user, enps=enps, answers={**NEUTRAL, **answers})
    return user


def survey_with(groups: dict[str, int], *, by=None, close=True, **answers):
    """A survey answered by `count` people of each department (named after it)."""
    survey = pulse_survey_open(by=by)
    for department, count in groups.items():
        for _ in range(count):
            answer(survey, department=department, **answers)
    if close:
        survey = pulse_survey_close(survey=survey)
    return survey
