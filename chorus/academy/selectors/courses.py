"""Reads of the academy: courses and lessons in the reader's language, with their progress."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from chorus.academy.models import Course, Lesson, LessonImage, LessonProgress, LessonText
from chorus.academy.selectors.languages import pick, reading_order
from chorus.core.errors import NotFoundError


@dataclass
class LessonView:
    lesson: Lesson
    language: str
    title: str
    done: bool = False
    body: str = ""
    quiz: list = field(default_factory=list)

    @property
    def pk(self) -> int:
        return self.lesson.pk


@dataclass
class CourseView:
    course: Course
    language: str
    title: str
    summary: str
    lessons: list[LessonView]

    @property
    def done(self) -> int:
        return sum(lesson.done for lesson in self.lessons)

    @property
    def minutes(self) -> int:
        return sum(lesson.lesson.minutes for lesson in self.lessons)

    @property
    def complete(self) -> bool:
        return bool(self.lessons) and self.done == len(self.lessons)


def _texts(rows) -> dict:
    return {row.language: row for row in rows}


def _lesson_view(lesson: Lesson, order: list[str], done: set[int], *, full=False) -> LessonView:
    language, text = pick(_texts(lesson.texts.all()), order)
    view = LessonView(lesson, language, text.title if text else lesson.key, lesson.pk in done)
    if text:
        view.quiz = text.quiz
        view.body = text.body if full else ""
    return view


def done_lessons(*, user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(LessonProgress.objects.filter(user=user).values_list("lesson_id", flat=True))


def courses_for(*, user, include_hidden: bool = False) -> list[CourseView]:
    """The curriculum in this person's language (each text falls back on its own), in order."""
    order = reading_order(user)
    done = done_lessons(user=user)
    lessons = Lesson.objects.prefetch_related("texts").order_by("position", "pk")
    courses = Course.objects.prefetch_related("texts", Prefetch("lessons", queryset=lessons))
    if not include_hidden:
        courses = courses.filter(is_published=True)
    views = []
    for course in courses:
        language, text = pick(_texts(course.texts.all()), order)
        lesson_views = [
            _lesson_view(lesson, order, done)
            for lesson in course.lessons.all()
            if include_hidden or lesson.is_published
        ]
        views.append(
            CourseView(
                course,
                language,
                text.title if text else course.key,
                text.summary if text else "",
                lesson_views,
            )
        )
    return views


def course_get_for(*, user, pk: int, include_hidden: bool = False) -> CourseView:
    for view in courses_for(user=user, include_hidden=include_hidden):
        if view.course.pk == pk:
            return view
    raise NotFoundError(_("There is no such course."), code="not_found")


def lesson_get_for(*, user, pk: int) -> LessonView:
    """A lesson with its text and quiz in the reader's language; hidden ones only for curators."""
    lesson = (
        Lesson.objects.select_related("course")
        .prefetch_related("texts", Prefetch("images", queryset=LessonImage.objects.all()))
        .filter(pk=pk)
        .first()
    )
    visible = lesson and lesson.is_published and lesson.course.is_published
    if lesson is None or not (visible or user.is_curator):
        raise NotFoundError(_("There is no such lesson."), code="not_found")
    return _lesson_view(lesson, reading_order(user), done_lessons(user=user), full=True)


def lesson_text(*, lesson: Lesson, language: str) -> LessonText | None:
    return LessonText.objects.filter(lesson=lesson, language=language).first()


def required_lessons():
    """The lessons onboarding asks for: required, visible, in a visible course."""
    return Lesson.objects.filter(required=True, is_published=True, course__is_published=True)


def lessons_next(*, user, lesson: Lesson) -> Lesson | None:
    """The lesson after this one in the curriculum, for the "next" button."""
    ordered = list(
        Lesson.objects.filter(is_published=True, course__is_published=True)
        .order_by("course__position", "course_id", "position", "pk")
        .values_list("pk", flat=True)
    )
    if lesson.pk in ordered and ordered.index(lesson.pk) + 1 < len(ordered):
        return Lesson.objects.get(pk=ordered[ordered.index(lesson.pk) + 1])
    return None
