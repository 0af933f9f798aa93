"""Malformed, huge and hostile input to the academy pages gets a clear answer, never a 500."""

import pytest

from chorus.academy.models import Course, Lesson, LessonProgress, LessonText
from chorus.academy.services.courses import lesson_update

pytestmark = pytest.mark.django_db


def test_malformed_quiz_answers_keep_the_lesson_open(login, employee):
    lesson = Lesson.objects.get(key="what-the-program-is")
    client = login(employee)
    for answers in (
        {"q0": "²", "q1": "-1"},
        {"q" + "9" * 50: "1"},
        {"q²": "1", "q0": "9" * 5000},
        {},
    ):
        response = client.post(f"/academy/lessons/{lesson.pk}/", answers)
        assert response.status_code == 200
        assert "Not quite" in response.content.decode()
    assert not LessonProgress.objects.filter(user=employee).exists()


def test_moving_a_course_or_lesson_sideways_says_so(login, owner):
    course = Course.objects.first()
    lesson = Lesson.objects.first()
    client = login(owner)
    response = client.post(f"/academy/manage/courses/{course.pk}/move/", {"direction": "x"})
    assert response.status_code == 302
    response = client.post(
        f"/academy/manage/lessons/{lesson.pk}/move/", {"direction": "x"}, follow=True
    )
    assert "Move up or down." in response.content.decode()
    assert (
        client.post("/academy/manage/courses/999999/move/", {"direction": "up"}).status_code == 404
    )


def test_a_hostile_lesson_text_is_shown_harmless(login, owner, employee):
    lesson = Lesson.objects.first()
    body = (
        "<script>alert(1)</script>\n\n[click](javascript:alert(1))\n\n"
        "![x](http://10.0.0.1/x.png) ![y](data:image/png;base64,AAAA)"
    )
    lesson_update(by=owner, lesson=lesson, language="en", title="<b>T</b>", body=body)
    page = login(employee).get(f"/academy/lessons/{lesson.pk}/").content.decode()
    main = page[page.index("<main") :]
    assert "<script>alert" not in main
    assert 'href="javascript:' not in main  # the link stays text
    assert 'src="http://10.0.0.1' not in main  # images over https or uploaded here only
    assert 'src="data:' not in main
    assert "&lt;b&gt;T&lt;/b&gt;" in main


def test_a_huge_lesson_text_is_refused_and_kept_in_the_form(login, owner):
    lesson = Lesson.objects.first()
    response = login(owner).post(
        f"/academy/manage/lessons/{lesson.pk}/?lang=en",
        {"lang": "en", "title": "T", "body": "x" * 40_000, "minutes": "3"},
    )
    assert response.status_code == 200
    assert LessonText.objects.get(lesson=lesson, language="en").body != "x" * 40_000


def test_a_double_submitted_lesson_counts_once(login, employee):
    lesson = Lesson.objects.filter(texts__quiz=[]).first()
    client = login(employee)
    client.post(f"/academy/lessons/{lesson.pk}/")
    client.post(f"/academy/lessons/{lesson.pk}/")
    assert LessonProgress.objects.filter(user=employee, lesson=lesson).count() == 1
