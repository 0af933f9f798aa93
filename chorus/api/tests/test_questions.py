from datetime import timedelta

import pytest
from django.utils import timezone

from chorus.academy.models import Question
from chorus.academy.services.questions import question_answer, question_ask, question_faq_set
from chorus.accounts import services as accounts_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client):
    def _as(user):
        _row, token = accounts_services.api_token_create(user=user, name="test")
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        return client

    return _as


def test_an_advocate_asks_through_the_api(api, advocate):
    response = api(advocate).post(
        "/api/v1/questions", {"text": "How often should I share?"}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["text"] == "How often should I share?"
    assert (body["status"], body["overdue"], body["answer"]) == ("open", False, "")
    assert Question.objects.get().asked_by == advocate


def test_an_empty_question_is_refused_with_the_reason(api, advocate):
    response = api(advocate).post(
        "/api/v1/questions", {"text": " "}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "text_missing"
    assert response.json()["detail"]


def test_my_questions_come_with_their_answers_and_nobody_elses(api, advocate, curator, employee):
    mine = question_ask(user=advocate, text="Mine")
    question_answer(question=mine, by=curator, answer="An answer.")
    question_ask(user=employee, text="Not mine")
    body = api(advocate).get("/api/v1/questions").json()
    assert [(row["text"], row["status"], row["answer"]) for row in body] == [
        ("Mine", "answered", "An answer.")
    ]
    assert body[0]["answered_by"] == "Cora Curator"


def test_curators_see_every_open_question_overdue_first(api, advocate, employee, curator):
    old = question_ask(user=employee, text="Old")
    Question.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=9))
    question_ask(user=advocate, text="New")
    body = api(curator).get("/api/v1/questions?scope=team").json()
    assert [(row["text"], row["overdue"]) for row in body] == [("Old", True), ("New", False)]
    assert body[0]["asked_by"] == "Eve Employee"


def test_advocates_cannot_list_the_teams_questions(api, advocate):
    response = api(advocate).get("/api/v1/questions?scope=team")
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_a_curator_answers_through_the_api(api, advocate, curator):
    question = question_ask(user=advocate, text="How often?")
    response = api(curator).post(
        f"/api/v1/questions/{question.pk}/answer",
        {"answer": "Weekly."},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["answer"]) == ("answered", "Weekly.")


def test_an_advocate_cannot_answer_through_the_api(api, advocate):
    question = question_ask(user=advocate, text="How often?")
    response = api(advocate).post(
        f"/api/v1/questions/{question.pk}/answer", {"answer": "Me"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    question.refresh_from_db()
    assert question.answer == ""


def test_answering_a_missing_question_is_not_found(api, curator):
    response = api(curator).post(
        "/api/v1/questions/999/answer", {"answer": "?"}, content_type="application/json"
    )
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_the_faq_lists_reworded_questions_without_names(api, advocate, curator, employee):
    question = question_ask(user=advocate, text="Ada here: job offers?")
    question_answer(question=question, by=curator, answer="Yes.")
    question_faq_set(question=question, by=curator, in_faq=True, faq_question="Job offers?")
    question_ask(user=advocate, text="Unanswered")
    body = api(employee).get("/api/v1/faq").json()
    assert body == [
        {"id": question.pk, "question": "Job offers?", "answer": "Yes.", "language": "en"}
    ]


def test_the_api_needs_a_token(client):
    assert client.get("/api/v1/faq").status_code == 401


def test_a_nul_character_in_a_question_is_dropped(api, advocate):
    response = api(advocate).post(
        "/api/v1/questions", {"text": "a\x00b"}, content_type="application/json"
    )
    assert response.status_code == 201
    assert Question.objects.get().text == "ab"
