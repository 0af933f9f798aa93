import pytest
from django.db import IntegrityError, transaction

from chorus.accounts.tests.factories import DepartmentFactory, LocationFactory, UserFactory
from chorus.core.errors import ChorusError
from chorus.program.models import (
    ProgramSettings,
    PulseParticipation,
    PulseResponse,
    PulseSurvey,
)
from chorus.program.selectors import program_settings_get
from chorus.program.services import (
    program_recognition_update,
    pulse_response_submit,
    pulse_survey_close,
    pulse_survey_open,
    readiness_checklist_update,
)
from chorus.program.tests.pulse import NEUTRAL

pytestmark = pytest.mark.django_db


def test_an_owner_opens_a_survey_and_a_second_one_is_refused_while_it_is_open(owner):
    survey = pulse_survey_open(by=owner)
    assert survey.is_open
    assert survey.opened_by == owner
    with pytest.raises(ChorusError) as refused:
        pulse_survey_open(by=owner)
    assert refused.value.code == "survey_open"
    pulse_survey_close(survey=survey)
    assert pulse_survey_open(by=owner).is_open
    assert PulseSurvey.objects.filter(closed_at__isnull=True).count() == 1


def test_the_database_itself_refuses_a_second_open_survey(owner):
    PulseSurvey.objects.create(opened_by=owner)
    with pytest.raises(IntegrityError), transaction.atomic():
        PulseSurvey.objects.create(opened_by=owner)


def test_a_closed_survey_cannot_be_closed_again(owner):
    survey = pulse_survey_close(survey=pulse_survey_open(by=owner))
    assert survey.closed_at is not None
    with pytest.raises(ChorusError) as refused:
        pulse_survey_close(survey=survey)
    assert refused.value.code == "survey_closed"


def test_an_answer_keeps_the_department_and_location_names_but_not_the_person(owner):
    survey = pulse_survey_open(by=owner)
    person = UserFactory(
        department=DepartmentFactory(name="Sales"), location=LocationFactory(name="Kraków")
    )
    pulse_response_submit(survey=survey, user=person, enps=9, answers=NEUTRAL)
    response = PulseResponse.objects.get()
    assert (response.department, response.location, response.enps) == ("Sales", "Kraków", 9)
    assert response.answers == NEUTRAL
    assert PulseParticipation.objects.get().user == person
    # Nothing on the answer leads back to a person or a moment.
    fields = {field.name for field in PulseResponse._meta.get_fields()}
    assert fields == {"id", "survey", "department", "location", "enps", "answers"}
    assert {f.name for f in PulseParticipation._meta.get_fields()} == {"id", "survey", "user"}


def test_a_renamed_department_leaves_earlier_answers_as_they_were(owner):
    survey = pulse_survey_open(by=owner)
    department = DepartmentFactory(name="Sales")
    pulse_response_submit(
        survey=survey, user=UserFactory(department=department), enps=5, answers=NEUTRAL
    )
    department.name = "Revenue"
    department.save()
    assert PulseResponse.objects.get().department == "Sales"


def test_nobody_answers_twice(owner, advocate):
    survey = pulse_survey_open(by=owner)
    pulse_response_submit(survey=survey, user=advocate, enps=7, answers=NEUTRAL)
    with pytest.raises(ChorusError) as refused:
        pulse_response_submit(survey=survey, user=advocate, enps=3, answers=NEUTRAL)
    assert refused.value.code == "already_answered"
    assert PulseResponse.objects.count() == PulseParticipation.objects.count() == 1


def test_a_closed_survey_takes_no_answers(owner, advocate):
    survey = pulse_survey_close(survey=pulse_survey_open(by=owner))
    with pytest.raises(ChorusError) as refused:
        pulse_response_submit(survey=survey, user=advocate, enps=7, answers=NEUTRAL)
    assert refused.value.code == "survey_closed"
    assert not PulseResponse.objects.exists()


@pytest.mark.parametrize(
    ("enps", "answers"),
    [
        (11, NEUTRAL),
        (-1, NEUTRAL),
        (True, NEUTRAL),
        ("7", NEUTRAL),
        (7, {**NEUTRAL, "time": 0}),
        (7, {**NEUTRAL, "trust": 6}),
        (7, {**NEUTRAL, "proud": 4.5}),
        (7, {key: value for key, value in NEUTRAL.items() if key != "time"}),
        (7, {**NEUTRAL, "salary": 5}),
    ],
)
def test_answers_out_of_range_or_incomplete_are_refused_and_nothing_is_stored(
    owner, advocate, enps, answers
):
    survey = pulse_survey_open(by=owner)
    with pytest.raises(ChorusError):
        pulse_response_submit(survey=survey, user=advocate, enps=enps, answers=answers)
    assert not PulseResponse.objects.exists()
    assert not PulseParticipation.objects.exists()


def test_the_checklist_stores_all_four_items_and_refuses_unknown_ones(db):
    readiness_checklist_update(checklist={"owner_time": True, "no_restructuring": False})
    assert program_settings_get().readiness_checklist == {
        "no_restructuring": False,
        "owner_time": True,
        "management_first": False,
        "first_month_content": False,
    }
    with pytest.raises(ChorusError):
        readiness_checklist_update(checklist={"free_lunch": True})


def test_recognition_is_off_by_default_and_changes_take_effect_at_once(db):
    assert program_settings_get().recognition == ProgramSettings.Recognition.OFF
    program_recognition_update(recognition="leaderboard")
    assert program_settings_get().recognition == "leaderboard"
    with pytest.raises(ChorusError) as refused:
        program_recognition_update(recognition="points")
    assert refused.value.code == "recognition_invalid"
    assert program_settings_get().recognition == "leaderboard"
