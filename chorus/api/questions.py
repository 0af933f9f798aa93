"""/api/v1/questions, /api/v1/faq: ask the program team, answer (curators), read the FAQ."""

from datetime import datetime

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from chorus.academy.models import Question
from chorus.academy.selectors import questions as selectors
from chorus.academy.services import questions as services
from chorus.core.errors import ForbiddenError

router = Router(tags=["questions"])


class QuestionIn(Schema):
    text: str


class AnswerIn(Schema):
    answer: str  # Markdown


class ScopeIn(Schema):
    scope: str = "mine"  # "mine", or "team" (curators and owners): every open question


class QuestionOut(Schema):
    id: int
    text: str
    language: str
    status: str  # "open", "answered" or "closed"
    overdue: bool  # open for more than two working days
    asked_at: datetime
    asked_by: str | None
    answer: str
    answered_at: datetime | None
    answered_by: str | None
    closed_at: datetime | None
    in_faq: bool


class FaqOut(Schema):
    id: int
    question: str
    answer: str  # Markdown
    language: str


def _out(question: Question, cutoff: datetime) -> QuestionOut:
    if question.answered_at:
        status = "answered"
    elif question.closed_at:
        status = "closed"
    else:
        status = "open"
    return QuestionOut(
        id=question.pk,
        text=question.text,
        language=question.language,
        status=status,
        overdue=status == "open" and question.created_at <= cutoff,
        asked_at=question.created_at,
        asked_by=question.asked_by.name if question.asked_by_id else None,
        answer=question.answer,
        answered_at=question.answered_at,
        answered_by=question.answered_by.name if question.answered_by_id else None,
        closed_at=question.closed_at,
        in_faq=question.in_faq,
    )


@router.get(
    "/questions",
    response=list[QuestionOut],
    summary="Your questions with their answers; ?scope=team: every open question (curators)",
)
def questions_list(request, filters: Query[ScopeIn]):
    user = request.auth
    if filters.scope == "team":
        if not user.is_curator:
            raise ForbiddenError(
                _("Only curators and program owners can see every question."), code="forbidden"
            )
        rows = selectors.questions_for_team(status="open")
    else:
        rows = selectors.questions_of(user=user).select_related("asked_by")
    cutoff = selectors.questions_overdue_cutoff()
    return [_out(question, cutoff) for question in rows]


@router.post("/questions", response={201: QuestionOut}, summary="Ask the program team a question")
def question_ask(request, payload: QuestionIn):
    question = services.question_ask(user=request.auth, text=payload.text)
    return Status(201, _out(question, selectors.questions_overdue_cutoff()))


@router.post(
    "/questions/{question_id}/answer",
    response=QuestionOut,
    summary="Answer a question, or correct the answer (curators and owners)",
)
def question_answer(request, question_id: int, payload: AnswerIn):
    question = selectors.question_get_for_team(pk=question_id)
    question = services.question_answer(question=question, by=request.auth, answer=payload.answer)
    return _out(question, selectors.questions_overdue_cutoff())


@router.get("/faq", response=list[FaqOut], summary="The public FAQ, in the team's order")
def faq(request):
    return [
        FaqOut(
            id=entry.pk,
            question=entry.faq_question or entry.text,
            answer=entry.answer,
            language=entry.language,
        )
        for entry in selectors.faq_entries()
    ]
