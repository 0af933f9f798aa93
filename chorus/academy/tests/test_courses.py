import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from chorus.academy.curriculum import curriculum_install
from chorus.academy.models import Course, Lesson, LessonProgress, LessonText
from chorus.academy.quiz import quiz_format, quiz_parse
from chorus.academy.selectors.courses import courses_for, lesson_get_for
from chorus.academy.services.courses import (
    course_create,
    course_move,
    lesson_complete,
    lesson_create,
    lesson_update,
)
from chorus.core.errors import ChorusError, ForbiddenError, NotFoundError

pytestmark = pytest.mark.django_db

QUIZ = """? How much time does the program ask?
- An hour a day
* About fifteen minutes a week
> A look at the feed and one or two shares.

? Who writes your posts?
* You
- The marketing team
"""


def _png() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(out, "PNG")
    return SimpleUploadedFile("diagram.png", out.getvalue(), content_type="image/png")


def test_the_default_curriculum_ships_with_four_required_lessons():
    keys = list(Course.objects.values_list("key", flat=True))
    assert keys == [
        "how-chorus-works",
        "your-time",
        "linkedin-profile",
        "post-ideas",
        "writing-posts",
        "language-and-hate",
    ]
    required = Lesson.objects.filter(required=True)
    assert {f"{lesson.course.key}/{lesson.key}" for lesson in required} == {
        "how-chorus-works/what-the-program-is",
        "your-time/fifteen-minutes-a-week",
        "writing-posts/your-own-voice",
        "language-and-hate/handling-hate",
    }
    for lesson in required:
        assert LessonText.objects.get(lesson=lesson, language="en").quiz


def test_installing_again_adds_nothing_and_keeps_owners_changes(owner):
    lesson = Lesson.objects.get(key="your-own-voice")
    lesson_update(by=owner, lesson=lesson, language="en", title="Our own title", body="Ours")
    assert curriculum_install() == {"courses": 0, "lessons": 0, "texts": 0}
    assert LessonText.objects.get(lesson=lesson, language="en").title == "Our own title"


def test_a_quiz_survives_its_text_form_and_bad_lines_are_named():
    questions = quiz_parse(QUIZ)
    assert questions[0]["answer"] == 1
    assert questions[1]["answer"] == 0
    assert questions[0]["explanation"] == "A look at the feed and one or two shares."
    assert quiz_parse(quiz_format(questions)) == questions
    with pytest.raises(ChorusError, match="line 4"):
        quiz_parse("? Q\n- a\n* b\n* c")
    with pytest.raises(ChorusError, match="line 1"):
        quiz_parse("? Q\n- a\n- b")
    with pytest.raises(ChorusError, match="line 1"):
        quiz_parse("- an answer without a question")


def test_a_lesson_with_a_quiz_is_done_only_when_every_answer_is_right(advocate, owner):
    course = course_create(by=owner, language="en", title="Basics")
    lesson = lesson_create(by=owner, course=course, language="en", title="Time")
    lesson_update(by=owner, lesson=lesson, language="en", title="Time", body="", quiz_text=QUIZ)
    progress, results = lesson_complete(user=advocate, lesson=lesson, answers={0: 0, 1: 0})
    assert progress is None
    assert results == [False, True]
    assert not LessonProgress.objects.filter(user=advocate).exists()
    progress, results = lesson_complete(user=advocate, lesson=lesson, answers={0: 1, 1: 0})
    assert progress is not None
    assert results == [True, True]


def test_an_owner_authors_a_polish_lesson_with_an_image_that_polish_readers_see(
    login, owner, advocate, employee
):
    client = login(owner)
    course = Course.objects.get(key="how-chorus-works")
    response = client.post(
        f"/academy/manage/courses/{course.pk}/?lang=pl",
        {"lang": "pl", "new_lesson": "1", "lesson-title": "Jak dodać zdjęcie"},
    )
    lesson = Lesson.objects.get(texts__title="Jak dodać zdjęcie")
    assert response.status_code == 302
    response = client.post(
        f"/academy/manage/lessons/{lesson.pk}/?lang=pl",
        {"lang": "pl", "upload": "1", "image": _png(), "alt_text": "Schemat"},
    )
    image = lesson.images.get()
    assert image.image.name.startswith("academy/")
    body = f"## Krok pierwszy\n\n![Schemat]({image.image.url})\n\nDodaj zdjęcie."
    response = client.post(
        f"/academy/manage/lessons/{lesson.pk}/?lang=pl",
        {
            "lang": "pl",
            "title": "Jak dodać zdjęcie",
            "body": body,
            "minutes": "4",
            "is_published": "on",
            "quiz": "",
        },
    )
    assert response.status_code == 302
    client.post(
        f"/academy/manage/lessons/{lesson.pk}/?lang=en",
        {
            "lang": "en",
            "title": "Adding a photo",
            "body": "Add a photo.",
            "minutes": "4",
            "is_published": "on",
        },
    )
    advocate.language = "pl"
    advocate.save()
    page = login(advocate).get(f"/academy/lessons/{lesson.pk}/").content.decode()
    assert "Jak dodać zdjęcie" in page
    assert f'<img src="{image.image.url}" alt="Schemat">' in page
    assert "<h3>Krok pierwszy</h3>" in page  # the page owns h1; a lesson's ## is one below
    employee.language = "th"
    employee.save()
    page = login(employee).get(f"/academy/lessons/{lesson.pk}/").content.decode()
    assert "Adding a photo" in page
    assert "Jak dodać" not in page


def test_a_lesson_only_in_polish_is_shown_in_polish_with_a_note(login, owner, employee):
    course = Course.objects.get(key="your-time")
    lesson = lesson_create(by=owner, course=course, language="pl", title="Tylko po polsku")
    page = login(employee).get(f"/academy/lessons/{lesson.pk}/").content.decode()
    assert "Tylko po polsku" in page
    assert "not translated into your language yet" in page


def test_a_lesson_refuses_images_that_are_not_images(login, owner):
    lesson = Lesson.objects.first()
    bad = SimpleUploadedFile("x.png", b"<script>", content_type="image/png")
    response = login(owner).post(
        f"/academy/manage/lessons/{lesson.pk}/?lang=en", {"lang": "en", "upload": "1", "image": bad}
    )
    assert response.status_code == 200
    assert not lesson.images.exists()


def test_a_bad_quiz_re_renders_the_form_with_the_text_kept(login, owner):
    lesson = Lesson.objects.first()
    response = login(owner).post(
        f"/academy/manage/lessons/{lesson.pk}/?lang=en",
        {"lang": "en", "title": "T", "body": "My long text", "minutes": "3", "quiz": "? Q\n- a"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Quiz, line 1" in page
    assert "My long text" in page


def test_reordering_moves_a_course_one_place(owner):
    first, second = list(Course.objects.order_by("position"))[:2]
    course_move(by=owner, course=second, direction="up")
    assert list(Course.objects.order_by("position"))[:2] == [second, first]


def test_advocates_cannot_author_and_do_not_see_hidden_lessons(login, advocate, owner):
    with pytest.raises(ForbiddenError):
        course_create(by=advocate, language="en", title="Mine")
    assert login(advocate).get("/academy/manage/").status_code == 403
    lesson = Lesson.objects.first()
    lesson.is_published = False
    lesson.save()
    with pytest.raises(NotFoundError):
        lesson_get_for(user=advocate, pk=lesson.pk)
    assert login(advocate).get(f"/academy/lessons/{lesson.pk}/").status_code == 404
    assert lesson_get_for(user=owner, pk=lesson.pk).lesson == lesson


def test_the_academy_page_shows_progress_per_course(login, advocate, django_assert_max_num_queries):
    lesson = Lesson.objects.get(key="what-the-program-is")
    LessonProgress.objects.create(user=advocate, lesson=lesson, completed_at=lesson.created_at)
    views = {view.course.key: view for view in courses_for(user=advocate)}
    assert views["how-chorus-works"].done == 1
    client = login(advocate)
    with django_assert_max_num_queries(20):
        page = client.get("/academy/").content.decode()
    assert "1 of 14 lessons done" in page


def test_load_curriculum_brings_back_a_deleted_lesson_and_update_rewrites_texts(owner):
    from io import StringIO

    from django.core.management import call_command

    Lesson.objects.get(key="when-to-publish").delete()
    lesson = Lesson.objects.get(key="your-own-voice")
    lesson_update(by=owner, lesson=lesson, language="en", title="Ours", body="Ours")
    out = StringIO()
    call_command("load_curriculum", stdout=out)
    assert "1 lessons" in out.getvalue()
    assert LessonText.objects.get(lesson=lesson, language="en").title == "Ours"
    call_command("load_curriculum", "--update", stdout=out)
    assert LessonText.objects.get(lesson=lesson, language="en").title != "Ours"
