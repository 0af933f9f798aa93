"""/api/v1/program/readiness: the verdict and the survey, with the page's hidden groups."""

import json

from chorus.accounts import services
from chorus.program.services import readiness_checklist_update
from chorus.program.tests.pulse import answer, survey_with

URL = "/api/v1/program/readiness"


def bearer(user) -> dict:
    _row, token = services.api_token_create(user=user, name="readiness")
    return {"Authorization": f"Bearer {token}"}


def test_an_advocate_and_a_curator_are_refused_the_readiness_check(
    client, login, advocate, curator
):
    response = client.get(URL, headers=bearer(advocate))
    assert response.status_code == 403
    assert response.json() == {
        "detail": "Only the program's owners see the readiness check.",
        "code": "forbidden",
    }
    assert login(curator).get(URL).status_code == 403


def test_without_a_token_the_readiness_check_answers_401(client, db):
    response = client.get(URL)
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"


def test_a_new_program_gets_its_verdict_and_an_empty_checklist(client, owner):
    body = client.get(URL, headers=bearer(owner)).json()
    assert body["min_group"] == 5
    assert body["verdict"]["level"] == "not_yet"
    assert [r["status"] for r in body["verdict"]["reasons"]] == [
        "bad",
        "bad",
        "warn",
        "warn",
        "warn",
    ]
    assert body["checklist"] == {
        "no_restructuring": False,
        "owner_time": False,
        "management_first": False,
        "first_month_content": False,
    }
    assert body["open_survey"] is None
    assert body["latest_survey"] is None


def test_the_results_leave_out_every_group_smaller_than_five(client, owner):
    readiness_checklist_update(checklist={"no_restructuring": True, "owner_time": True})
    survey = survey_with({"Big": 6, "Medium": 5}, close=False)
    answer(survey, department="Tiny", location="Faraway", enps=0, time=1)
    survey.closed_at = survey.opened_at
    survey.save()
    response = client.get(URL, headers=bearer(owner))
    assert response.status_code == 200
    body = response.json()
    latest = body["latest_survey"]
    assert latest["id"] == survey.pk
    results = latest["results"]
    assert results["visible"]
    assert results["responses"] == 12
    assert results["overall"]["responses"] == 12
    assert [
        (g["label"], g["other"], g["figures"]["responses"])
        for g in results["breakdowns"]["department"]
    ] == [
        ("Big", False, 6),
        ("Other", True, 6),
    ]
    # Everyone answered without a location but Tiny's one person: all of them pooled, none shown.
    assert results["breakdowns"]["location"] == []
    text = json.dumps(body)
    assert "Tiny" not in text
    assert "Medium" not in text
    assert "Faraway" not in text
    assert body["checklist"]["owner_time"] is True


def test_below_five_answers_the_api_gives_the_count_only(client, owner):
    survey_with({"Big": 4})
    results = client.get(URL, headers=bearer(owner)).json()["latest_survey"]["results"]
    assert results["responses"] == 4
    assert results["visible"] is False
    assert results["overall"] is None
    assert results["breakdowns"] == {}
    assert results["distributions"] == []
    assert results["enps_counts"] == []


def test_an_open_survey_gives_its_count_and_no_answers(client, owner):
    survey_with({"Big": 7}, close=False)
    body = client.get(URL, headers=bearer(owner)).json()
    assert body["latest_survey"] is None
    results = body["open_survey"]["results"]
    assert results["responses"] == 7
    assert results["overall"] is None
    assert results["breakdowns"] == {}
    assert body["open_survey"]["closed_at"] is None
