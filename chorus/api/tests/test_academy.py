"""/api/v1/academy: the curriculum in the caller's language, progress, the guidelines."""

import pytest

from chorus.academy.models import Lesson, LessonProgress
from chorus.academy.services.courses import course_create, lesson_create
from chorus.academy.services.guidelines import guidelines_publish
from chorus.accounts import services

pytestmark = pytest.mark.django_db


def bearer(user) -> dict:
    _row, token = services.api_token_create(user=user, name="academy")
    return {"Authorization": f"Bearer {token}"}


def test_the_curriculum_comes_in_the_callers_language_with_a_fallback(client, employee, owner):
    course = course_create(by=owner, language="en", title="Basics")
    lesson_create(by=owner, course=course, language="pl", title="Tylko po polsku")
    employee.language = "pl"
    employee.save()
    body = client.get("/api/v1/academy/courses", headers=bearer(employee)).json()
    basics = next(row for row in body if row["key"] == course.key)
    assert basics["title"] == "Basics"  # not yet in Polish: the fallback
    assert basics["language"] == "en"
    assert basics["lessons"][0]["title"] == "Tylko po polsku"
    assert basics["lessons"][0]["language"] == "pl"
    assert len(body) == 7


def test_the_curriculum_needs_a_token(client):
    assert client.get("/api/v1/academy/courses").status_code == 401


def test_a_lesson_is_finished_through_the_api_only_with_the_right_answers(client, employee):
    lesson = Lesson.objects.get(key="what-the-program-is")
    headers = bearer(employee)
    detail = client.get(f"/api/v1/academy/lessons/{lesson.pk}", headers=headers).json()
    assert detail["quiz"]
    assert "answer" not in detail["quiz"][0]  # the right answers are not given away
    quiz = lesson.texts.get(language="en").quiz
    wrong = [(question["answer"] + 1) % len(question["choices"]) for question in quiz]
    url = f"/api/v1/academy/lessons/{lesson.pk}/complete"
    answer = client.post(url, {"answers": wrong}, content_type="application/json", headers=headers)
    assert answer.json() == {"done": False, "results": [False] * len(quiz)}
    right = [question["answer"] for question in quiz]
    answer = client.post(url, {"answers": right}, content_type="application/json", headers=headers)
    assert answer.json()["done"] is True
    assert LessonProgress.objects.filter(user=employee, lesson=lesson).exists()
    progress = client.get("/api/v1/academy/progress", headers=headers).json()
    assert progress["lessons_done"] == [lesson.pk]
    assert (progress["required_lessons"], progress["required_lessons_done"]) == (4, 1)
    assert progress["next_step"] == "guidelines"


def test_guidelines_are_read_and_accepted_through_the_api(client, employee, owner):
    headers = bearer(employee)
    guidelines_publish(by=owner, texts={"en": "v2 rules"}, hate_advice={"en": "Stay calm"})
    read = client.get("/api/v1/academy/guidelines", headers=headers).json()
    assert (read["version"], read["text"], read["accepted_version"]) == (2, "v2 rules", None)
    stale = client.post(
        "/api/v1/academy/guidelines/accept",
        {"version": 1},
        content_type="application/json",
        headers=headers,
    )
    assert stale.status_code == 400
    assert stale.json()["code"] == "guidelines_changed"
    accepted = client.post(
        "/api/v1/academy/guidelines/accept",
        {"version": 2},
        content_type="application/json",
        headers=headers,
    ).json()
    assert accepted["accepted_version"] == 2


def test_a_hidden_lesson_is_not_found_for_advocates(client, employee):
    lesson = Lesson.objects.first()
    lesson.is_published = False
    lesson.save()
    response = client.get(f"/api/v1/academy/lessons/{lesson.pk}", headers=bearer(employee))
    assert response.status_code == 404
