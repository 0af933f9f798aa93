"""Reads of questions: a person's own, the team's queue, the overdue ones and the FAQ."""

from datetime import datetime

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.utils import timezone

from chorus.academy.models import Question
from chorus.accounts.models import User
from chorus.core.errors import NotFoundError
from chorus.core.workdays import working_days_after, working_days_before

OVERDUE_WORKING_DAYS = 2
STATUSES = ("open", "answered", "closed", "all")


def _local(moment: datetime) -> datetime:
    # Weekends are the program's weekends, whoever looks: the default time zone decides.
    return timezone.localtime(moment, timezone.get_default_timezone())


def questions_overdue_cutoff(*, now: datetime | None = None) -> datetime:
    """Open questions asked at or before this moment are overdue."""
    return working_days_before(_local(now or timezone.now()), OVERDUE_WORKING_DAYS)


def question_overdue_since(question: Question) -> datetime:
    """When an unanswered question becomes overdue: two working days after it was asked."""
    return working_days_after(_local(question.created_at), OVERDUE_WORKING_DAYS)


def questions_overdue(*, now: datetime | None = None) -> QuerySet[Question]:
    """Open questions older than two working days, oldest first."""
    return (
        Question.objects.open()
        .filter(created_at__lte=questions_overdue_cutoff(now=now))
        .select_related("asked_by")
        .order_by("created_at", "pk")
    )


def questions_of(*, user: User) -> QuerySet[Question]:
    """A person's own questions with their answers, newest first."""
    return Question.objects.filter(asked_by=user).select_related("answered_by")


def questions_for_team(*, status: str = "open", now: datetime | None = None) -> QuerySet[Question]:
    """The team's queue, each row with `is_overdue`: open ones oldest first (so overdue first),
    answered ones newest answer first, everything with the overdue ones on top."""
    cutoff = questions_overdue_cutoff(now=now)
    rows = Question.objects.select_related("asked_by", "answered_by").annotate(
        is_overdue=Case(
            When(
                Q(answered_at__isnull=True, closed_at__isnull=True, created_at__lte=cutoff),
                then=Value(True),
            ),
            default=Value(False),
            output_field=BooleanField(),
        )
    )
    if status == "open":
        return rows.open().order_by("created_at", "pk")
    if status == "answered":
        return rows.filter(answered_at__isnull=False).order_by("-answered_at", "-pk")
    if status == "closed":
        return rows.filter(closed_at__isnull=False, answered_at__isnull=True).order_by(
            "-closed_at", "-pk"
        )
    return rows.order_by("-is_overdue", "-created_at", "-pk")


def question_get_for_team(*, pk: int) -> Question:
    question = Question.objects.select_related("asked_by", "answered_by").filter(pk=pk).first()
    if question is None:
        raise NotFoundError("question not found", code="not_found")
    return question


def faq_entries() -> QuerySet[Question]:
    """The public FAQ: answered questions the team chose, in their order."""
    return Question.objects.faq().order_by("faq_position", "-answered_at", "pk")
