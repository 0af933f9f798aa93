"""Writes of the academy: authoring courses and lessons, and finishing a lesson."""

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from chorus.academy.models import (
    Course,
    CourseText,
    Lesson,
    LessonImage,
    LessonProgress,
    LessonText,
)
from chorus.academy.quiz import quiz_check, quiz_parse
from chorus.academy.selectors.courses import lesson_get_for
from chorus.academy.services.onboarding import onboarding_refresh
from chorus.core.errors import ChorusError, ForbiddenError
from chorus.core.images import image_reencode

IMAGES_MAX = 20


def _check_author(by) -> None:
    if not by.is_curator:
        raise ForbiddenError(_("Only curators and owners can edit the academy."), code="forbidden")


def _check_language(language: str) -> None:
    if language not in {code for code, _label in settings.LANGUAGES}:
        raise ChorusError(
            _("Unknown language “%(code)s”.") % {"code": language},
            code="language",
            field="language",
        )


def _title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise ChorusError(_("Give it a title."), code="title_missing", field="title")
    return title[:200]


def _unique_key(model, title: str, **scope) -> str:
    base = slugify(title)[:60] or model.__name__.lower()
    key, number = base, 2
    while model.objects.filter(key=key, **scope).exists():
        key, number = f"{base}-{number}", number + 1
    return key


@transaction.atomic
def course_create(*, by, language: str, title: str, summary: str = "") -> Course:
    _check_author(by)
    _check_language(language)
    title = _title(title)
    last = Course.objects.aggregate(last=Max("position"))["last"] or 0
    course = Course.objects.create(key=_unique_key(Course, title), position=last + 10)
    CourseText.objects.create(course=course, language=language, title=title, summary=summary)
    return course


@transaction.atomic
def course_update(
    *, by, course: Course, language: str, title: str, summary: str, is_published: bool
) -> Course:
    """Change a course's title and summary in one language (adding that translation), and
    whether advocates see it."""
    _check_author(by)
    _check_language(language)
    CourseText.objects.update_or_create(
        course=course,
        language=language,
        defaults={"title": _title(title), "summary": summary.strip()[:1000]},
    )
    if course.is_published != is_published:
        course.is_published = is_published
        course.save(update_fields=["is_published", "updated_at"])
    return course


def _move(rows: list, row, direction: str) -> None:
    """Swap `row` with its neighbour in `rows` and number them all again, ten apart."""
    if direction not in ("up", "down"):
        raise ChorusError(_("Move up or down."), code="direction")
    index = rows.index(row)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(rows):
        rows[index], rows[other] = rows[other], rows[index]
    for position, item in enumerate(rows, start=1):
        if item.position != position * 10:
            item.position = position * 10
            item.save(update_fields=["position", "updated_at"])


@transaction.atomic
def course_move(*, by, course: Course, direction: str) -> None:
    _check_author(by)
    _move(list(Course.objects.select_for_update().order_by("position", "pk")), course, direction)


@transaction.atomic
def lesson_create(*, by, course: Course, language: str, title: str, body: str = "") -> Lesson:
    _check_author(by)
    _check_language(language)
    title = _title(title)
    last = course.lessons.aggregate(last=Max("position"))["last"] or 0
    lesson = Lesson.objects.create(
        course=course, key=_unique_key(Lesson, title, course=course), position=last + 10
    )
    LessonText.objects.create(lesson=lesson, language=language, title=title, body=body.strip())
    return lesson


@transaction.atomic
def lesson_update(
    *,
    by,
    lesson: Lesson,
    language: str,
    title: str,
    body: str,
    quiz_text: str = "",
    required: bool | None = None,
    minutes: int | None = None,
    video_url: str | None = None,
    is_published: bool | None = None,
) -> Lesson:
    """Save a lesson's text and quiz in one language (adding that translation) and, where
    given, its settings."""
    _check_author(by)
    _check_language(language)
    quiz = quiz_parse(quiz_text)
    body = (body or "").replace("\r\n", "\n").strip()
    if len(body) > 30_000:
        raise ChorusError(_("The text is far too long."), code="text_too_long", field="body")
    LessonText.objects.update_or_create(
        lesson=lesson,
        language=language,
        defaults={"title": _title(title), "body": body, "quiz": quiz},
    )
    if minutes is not None and not 1 <= minutes <= 120:
        raise ChorusError(_("A lesson takes 1 to 120 minutes."), code="minutes", field="minutes")
    changed = []
    for name, value in (
        ("required", required),
        ("minutes", minutes),
        ("video_url", video_url),
        ("is_published", is_published),
    ):
        if value is not None and getattr(lesson, name) != value:
            setattr(lesson, name, value)
            changed.append(name)
    if changed:
        lesson.save(update_fields=[*changed, "updated_at"])
    return lesson


@transaction.atomic
def lesson_move(*, by, lesson: Lesson, direction: str) -> None:
    _check_author(by)
    rows = list(
        Lesson.objects.select_for_update().filter(course=lesson.course).order_by("position", "pk")
    )
    _move(rows, lesson, direction)


@transaction.atomic
def lesson_image_add(
    *, by, lesson: Lesson, upload: UploadedFile, alt_text: str = ""
) -> LessonImage:
    """An image for a lesson, checked and re-encoded; its Markdown is shown to paste."""
    _check_author(by)
    if lesson.images.count() >= IMAGES_MAX:
        raise ChorusError(
            _("At most %(count)d images per lesson.") % {"count": IMAGES_MAX},
            code="too_many_images",
            field="image",
        )
    image = image_reencode(upload, max_side=1600, name="lesson")
    return LessonImage.objects.create(lesson=lesson, image=image, alt_text=alt_text.strip()[:300])


def lesson_image_remove(*, by, image: LessonImage) -> None:
    _check_author(by)
    image.image.delete(save=False)
    image.delete()


def lesson_complete(*, user, lesson: Lesson, answers: dict[int, int | None] | None = None):
    """Finish a lesson. With a quiz, every answer must be right; returns (progress or None,
    per-question results) so the page can say which to look at again."""
    view = lesson_get_for(user=user, pk=lesson.pk)
    results: list[bool] = []
    if view.quiz:
        results = quiz_check(view.quiz, answers or {})
        if not all(results):
            return None, results
    with transaction.atomic():
        try:
            with transaction.atomic():
                progress = LessonProgress.objects.create(
                    user=user, lesson=lesson, completed_at=timezone.now()
                )
        except IntegrityError:  # done before
            progress = LessonProgress.objects.get(user=user, lesson=lesson)
        onboarding_refresh(user=user)
    return progress, results
