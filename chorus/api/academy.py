"""/api/v1/academy: the curriculum in the caller's language, their progress, the guidelines."""

import datetime as dt

from django.utils.translation import gettext as _
from ninja import Router, Schema

from chorus.academy.selectors.courses import courses_for, lesson_get_for
from chorus.academy.selectors.guidelines import guidelines_acceptance_of, guidelines_for
from chorus.academy.selectors.onboarding import onboarding_status
from chorus.academy.services.courses import lesson_complete
from chorus.academy.services.guidelines import guidelines_accept
from chorus.core.errors import NotFoundError

router = Router(tags=["academy"])


class LessonOut(Schema):
    id: int
    key: str
    title: str
    language: str
    minutes: int
    required: bool
    video_url: str
    done: bool
    has_quiz: bool


class CourseOut(Schema):
    id: int
    key: str
    title: str
    summary: str
    language: str
    done: int
    lessons: list[LessonOut]


class QuizQuestionOut(Schema):
    question: str
    choices: list[str]


class LessonDetailOut(LessonOut):
    body: str
    quiz: list[QuizQuestionOut]


class CompleteIn(Schema):
    answers: list[int | None] = []  # per quiz question, the index of the chosen answer


class CompleteOut(Schema):
    done: bool
    results: list[bool]  # per quiz question: right or not


class ProgressOut(Schema):
    guidelines_accepted: bool
    topics_chosen: bool
    networks_told: bool
    required_lessons: int
    required_lessons_done: int
    complete: bool
    completed_at: dt.datetime | None
    next_step: str
    lessons_done: list[int]


class GuidelinesOut(Schema):
    version: int
    language: str
    text: str
    hate_advice: str
    published_at: dt.datetime
    accepted_version: int | None
    accepted_at: dt.datetime | None


class AcceptIn(Schema):
    version: int


def _lesson_out(view) -> dict:
    lesson = view.lesson
    return {
        "id": lesson.pk,
        "key": lesson.key,
        "title": view.title,
        "language": view.language,
        "minutes": lesson.minutes,
        "required": lesson.required,
        "video_url": lesson.video_url,
        "done": view.done,
        "has_quiz": bool(view.quiz),
    }


@router.get("/academy/courses", response=list[CourseOut])
def courses(request):
    """The curriculum in the caller's language (each text falls back to the caller's other
    languages, the program's default language, then English), with the caller's progress."""
    return [
        {
            "id": view.course.pk,
            "key": view.course.key,
            "title": view.title,
            "summary": view.summary,
            "language": view.language,
            "done": view.done,
            "lessons": [_lesson_out(lesson) for lesson in view.lessons],
        }
        for view in courses_for(user=request.auth)
    ]


@router.get("/academy/lessons/{lesson_id}", response=LessonDetailOut)
def lesson(request, lesson_id: int):
    """A lesson's text (Markdown) and quiz; the right answers are not given away."""
    view = lesson_get_for(user=request.auth, pk=lesson_id)
    return _lesson_out(view) | {
        "body": view.body,
        "quiz": [{"question": q["question"], "choices": q["choices"]} for q in view.quiz],
    }


@router.post("/academy/lessons/{lesson_id}/complete", response=CompleteOut)
def complete(request, lesson_id: int, payload: CompleteIn):
    """Finish a lesson; with a quiz, every answer must be right (`done` says whether it was)."""
    view = lesson_get_for(user=request.auth, pk=lesson_id)
    progress, results = lesson_complete(
        user=request.auth, lesson=view.lesson, answers=dict(enumerate(payload.answers))
    )
    return {"done": progress is not None, "results": results}


@router.get("/academy/progress", response=ProgressOut)
def progress(request):
    """The caller's onboarding: which steps are done, and what comes next."""
    status = onboarding_status(user=request.auth)
    return {
        "guidelines_accepted": status.guidelines,
        "topics_chosen": status.topics,
        "networks_told": status.networks,
        "required_lessons": status.lessons_required,
        "required_lessons_done": status.lessons_done,
        "complete": status.complete,
        "completed_at": status.completed_at,
        "next_step": status.next_step,
        "lessons_done": sorted(request.auth.lesson_progress.values_list("lesson_id", flat=True)),
    }


@router.get("/academy/guidelines", response=GuidelinesOut)
def guidelines(request):
    """The current guidelines in the caller's language, and what the caller accepted."""
    view = guidelines_for(user=request.auth)
    if view is None:
        raise NotFoundError(_("The program has no guidelines yet."), code="no_guidelines")
    accepted = guidelines_acceptance_of(user=request.auth)
    return {
        "version": view.guidelines.version,
        "language": view.language,
        "text": view.text,
        "hate_advice": view.hate_advice,
        "published_at": view.guidelines.created_at,
        "accepted_version": accepted.guidelines.version if accepted else None,
        "accepted_at": accepted.created_at if accepted else None,
    }


@router.post("/academy/guidelines/accept", response=GuidelinesOut)
def accept(request, payload: AcceptIn):
    """Accept the version you read; 400 `guidelines_changed` when a newer one exists."""
    guidelines_accept(user=request.auth, version=payload.version)
    return guidelines(request)
