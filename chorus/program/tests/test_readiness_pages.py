import csv
import io

import pytest
from django.urls import reverse

from chorus.program.models import ProgramSettings, PulseParticipation, PulseResponse, PulseSurvey
from chorus.program.selectors import program_settings_get
from chorus.program.services import pulse_response_submit, pulse_survey_open
from chorus.program.tests.pulse import NEUTRAL, answer, survey_with

READINESS = reverse("program:readiness")
EXPORT = reverse("program:readiness-export")
RECOGNITION = reverse("program:recognition")
PULSE = reverse("program:pulse")


def _pulse_form(**changes) -> dict:
    """The survey form as the page shows it: for the survey open now."""
    survey = PulseSurvey.objects.filter(closed_at__isnull=True).first()
    answers = {key: str(value) for key, value in NEUTRAL.items()}
    return {"survey": str(survey.pk) if survey else "", "enps": "9", **answers, **changes}


def _csv(response) -> list[list[str]]:
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def _survey_with_a_tiny_department(owner):
    """Big has 6, Medium 5, Tiny 2 (and Tiny's answers stand out): Medium joins Tiny in Other."""
    survey = survey_with({"Big": 6, "Medium": 5}, close=False)
    for _ in range(2):
        answer(survey, department="Tiny", location="Faraway", enps=0, time=1)
    survey.closed_at = survey.opened_at
    survey.save()
    return survey


# Who may open what.


@pytest.mark.parametrize("url", [READINESS, EXPORT, RECOGNITION, PULSE])
def test_an_outsider_is_sent_to_sign_in(outsider, db, url):
    response = outsider.get(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("url", [READINESS, EXPORT, RECOGNITION])
def test_an_advocate_and_a_curator_cannot_open_the_owners_pages(login, advocate, curator, url):
    assert login(advocate).get(url).status_code == 403
    assert login(curator).get(url).status_code == 403


def test_an_advocate_cannot_open_or_close_a_survey(login, advocate, owner):
    client = login(advocate)
    assert client.post(reverse("program:pulse-open")).status_code == 403
    survey = pulse_survey_open(by=owner)
    assert client.post(reverse("program:pulse-close", args=[survey.pk])).status_code == 403
    assert PulseSurvey.objects.get().is_open


def test_the_program_settings_link_to_the_readiness_check_and_recognition(login, owner):
    page = login(owner).get(reverse("program:settings")).content.decode()
    assert READINESS in page
    assert RECOGNITION in page


# The readiness page.


def test_a_new_program_shows_not_ready_with_its_reasons_and_the_checklist(login, owner):
    response = login(owner).get(READINESS)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Not ready yet" in page
    assert "No restructuring or layoffs are under way" in page
    assert "People will not speak up for an employer" in page
    assert "No survey is open." in page
    assert response.context["results"] is None


def test_the_owner_ticks_the_checklist(login, owner):
    client = login(owner)
    response = client.post(READINESS, {"no_restructuring": "on", "owner_time": "on"})
    assert response.status_code == 302
    assert program_settings_get().readiness_checklist == {
        "no_restructuring": True,
        "owner_time": True,
        "management_first": False,
        "first_month_content": False,
    }
    response = client.get(READINESS)
    assert "Not ready yet" not in response.content.decode()
    assert "Almost ready" in response.content.decode()
    form = response.context["form"]
    assert form["owner_time"].value() is True
    assert form["management_first"].value() is False


def test_the_owner_opens_and_closes_a_survey_from_the_page(login, owner, advocate):
    client = login(owner)
    assert client.post(reverse("program:pulse-open")).status_code == 302
    survey = PulseSurvey.objects.get()
    assert survey.is_open
    assert survey.opened_by == owner
    pulse_response_submit(survey=survey, user=advocate, enps=9, answers=NEUTRAL)
    page = client.get(READINESS).content.decode()
    assert "answers so far" in page
    client.post(reverse("program:pulse-open"))  # a second one is refused with a message
    assert PulseSurvey.objects.count() == 1
    assert client.post(reverse("program:pulse-close", args=[survey.pk])).status_code == 302
    survey.refresh_from_db()
    assert not survey.is_open


def test_an_open_surveys_answers_stay_hidden_on_the_page(login, owner):
    survey_with({"Big": 8}, close=False)
    response = login(owner).get(READINESS)
    assert response.context["open_results"].responses == 8
    assert response.context["results"] is None
    assert "Mean (1" not in response.content.decode()


def test_the_page_shows_results_without_any_group_smaller_than_five(login, owner):
    _survey_with_a_tiny_department(owner)
    response = login(owner).get(READINESS)
    page = response.content.decode()
    results = response.context["results"]
    assert results.visible
    assert results.overall.responses == 13
    assert "Big" in page
    assert "Other" in page
    assert "Tiny" not in page
    assert "Faraway" not in page
    # Medium is pooled too, or the total minus Big and Medium would be Tiny's answers.
    assert "Medium" not in page
    assert "the share of people who answered 9 or 10" in page


def test_with_fewer_than_five_answers_the_page_shows_only_the_count(login, owner):
    survey_with({"Big": 4})
    response = login(owner).get(READINESS)
    assert response.context["results"].responses == 4
    page = response.content.decode()
    assert "Fewer than 5 people answered" in page
    assert "Big" not in page
    assert "Mean (1" not in page


def test_an_earlier_survey_can_be_chosen_and_an_unknown_one_is_not_found(login, owner):
    first = survey_with({"Big": 5})
    survey_with({"Big": 6})
    client = login(owner)
    assert client.get(READINESS, {"survey": first.pk}).context["survey"] == first
    assert client.get(READINESS, {"survey": 999}).status_code == 404
    assert client.get(READINESS, {"survey": "x"}).status_code == 404


# The export.


def test_the_export_holds_the_results_with_the_same_groups_hidden(login, owner):
    survey = _survey_with_a_tiny_department(owner)
    response = login(owner).get(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = _csv(response)
    assert rows[0] == ["Responses", "13"]
    groups = [row[1] for row in rows if row and row[0] == "By department"]
    assert groups == ["Big", "Other"]
    text = response.content.decode()
    assert "Tiny" not in text
    assert "Medium" not in text
    assert "Faraway" not in text
    assert login(owner).get(EXPORT, {"survey": survey.pk}).status_code == 200


def test_an_export_of_fewer_than_five_answers_holds_only_the_count(login, owner):
    survey_with({"Big": 4})
    rows = _csv(login(owner).get(EXPORT))
    assert rows[0] == ["Responses", "4"]
    assert all("Big" not in cell for row in rows for cell in row)
    assert "eNPS" not in {cell for row in rows for cell in row}


def test_there_is_nothing_to_export_before_a_survey_is_closed(login, owner):
    survey_with({"Big": 6}, close=False)
    assert login(owner).get(EXPORT).status_code == 404


def test_a_group_name_that_looks_like_a_formula_is_exported_as_text(login, owner):
    survey_with({"=HYPERLINK(1)": 5, "Big": 5})
    rows = _csv(login(owner).get(EXPORT))
    assert ["By department", "'=HYPERLINK(1)"] in [row[:2] for row in rows]


# The employees' survey page.


def test_without_an_open_survey_the_page_says_so(login, advocate):
    response = login(advocate).get(PULSE)
    assert response.status_code == 200
    assert "No survey is open right now" in response.content.decode()


def test_an_employee_answers_once_and_is_thanked(login, employee, owner):
    survey = pulse_survey_open(by=owner)
    client = login(employee)
    page = client.get(PULSE).content.decode()
    assert "This survey is anonymous" in page
    assert "only the names of your department and location" in page
    assert "groups of 5 or more" in page
    response = client.post(PULSE, _pulse_form(time="2"), follow=True)
    assert "Thank you" in response.content.decode()
    stored = PulseResponse.objects.get(survey=survey)
    assert stored.enps == 9
    assert stored.answers["time"] == 2
    assert PulseParticipation.objects.get().user == employee
    again = client.post(PULSE, _pulse_form(enps="0"))
    assert "You have answered this survey" in again.content.decode()
    assert PulseResponse.objects.count() == 1


@pytest.mark.parametrize(
    "changes", [{"enps": "11"}, {"enps": ""}, {"time": "6"}, {"trust": "x"}, {"proud": ""}]
)
def test_bad_answers_rerender_the_form_with_messages_and_store_nothing(
    login, advocate, owner, changes
):
    pulse_survey_open(by=owner)
    response = login(advocate).post(PULSE, _pulse_form(**changes))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert 'class="error"' in response.content.decode()
    assert not PulseResponse.objects.exists()
    assert not PulseParticipation.objects.exists()


def test_answering_after_the_survey_closed_stores_nothing(login, advocate, owner):
    survey = pulse_survey_open(by=owner)
    client = login(advocate)
    client.get(PULSE)
    survey.closed_at = survey.opened_at
    survey.save()
    response = client.post(PULSE, _pulse_form())
    assert "No survey is open right now" in response.content.decode()
    assert not PulseResponse.objects.exists()


def test_the_home_page_invites_to_the_survey_until_the_person_answers(login, advocate, owner):
    client = login(advocate)
    assert PULSE not in client.get(reverse("home:index")).content.decode()
    survey = pulse_survey_open(by=owner)
    assert PULSE in client.get(reverse("home:index")).content.decode()
    pulse_response_submit(survey=survey, user=advocate, enps=8, answers=NEUTRAL)
    assert PULSE not in client.get(reverse("home:index")).content.decode()


# Recognition.


def test_recognition_is_off_by_default_and_the_page_explains_why_points_backfire(login, owner):
    response = login(owner).get(RECOGNITION)
    page = response.content.decode()
    assert response.context["form"].initial["recognition"] == "off"
    assert "Why not points for every share?" in page
    assert "the first 100 clicks" in page
    assert "hide themselves" in page


def test_the_owner_chooses_milestones(login, owner):
    response = login(owner).post(RECOGNITION, {"recognition": "milestones"})
    assert response.status_code == 302
    assert program_settings_get().recognition == ProgramSettings.Recognition.MILESTONES


def test_an_unknown_recognition_is_refused_with_a_message(login, owner):
    response = login(owner).post(RECOGNITION, {"recognition": "points"})
    assert response.status_code == 200
    assert response.context["form"].errors["recognition"]
    assert program_settings_get().recognition == "off"


def test_answers_for_a_survey_that_closed_meanwhile_are_not_put_in_the_next_one(
    login, owner, advocate
):
    from chorus.program.services import pulse_survey_close

    first = pulse_survey_open(by=owner)
    client = login(advocate)
    stale = _pulse_form()
    pulse_survey_close(survey=first)
    pulse_survey_open(by=owner)
    response = client.post(PULSE, stale, follow=True)
    assert "That survey has closed: nothing was saved." in response.content.decode()
    assert not PulseResponse.objects.exists()
    assert not PulseParticipation.objects.exists()


@pytest.mark.parametrize("survey", ["²", "\u0661", "9" * 40, "abc"])
def test_an_odd_survey_number_is_not_found(login, owner, survey):
    client = login(owner)
    assert client.get(READINESS, {"survey": survey}).status_code == 404
    assert client.get(EXPORT, {"survey": survey}).status_code == 404
