"""Writes of questions: asking, answering, closing, and choosing what the FAQ shows."""

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chorus.academy.models import Question
from chorus.accounts.models import User
from chorus.core.errors import ChorusError, ForbiddenError
from chorus.notifications.choices import Kind
from chorus.notifications.services import notify

QUESTION_MAX = Question._meta.get_field("text").max_length
ANSWER_MAX = Question._meta.get_field("answer").max_length
FAQ_QUESTION_MAX = Question._meta.get_field("faq_question").max_length


def _clean(text: str) -> str:
    # NUL never belongs in text, and PostgreSQL refuses it.
    return (text or "").replace("\r\n", "\n").replace("\x00", "").strip()


def _check_team(by: User) -> None:
    if not (by.is_active and by.is_curator):
        raise ForbiddenError(
            _("Only curators and program owners can answer questions."), code="forbidden"
        )


@transaction.atomic
def question_ask(*, user: User, text: str) -> Question:
    """Ask the team a question (the same open question twice, as from a double click, is kept
    once)."""
    if not (user.is_authenticated and user.is_active):
        raise ForbiddenError(_("Sign in to ask a question."), code="forbidden")
    text = _clean(text)
    if not text:
        raise ChorusError(_("Write your question first."), code="text_missing", field="text")
    if len(text) > QUESTION_MAX:
        raise ChorusError(
            _("Please keep your question under %(max)s characters.") % {"max": QUESTION_MAX},
            code="text_too_long",
            field="text",
        )
    same = Question.objects.open().filter(asked_by=user, text=text).first()
    if same is not None:
        return same
    language = (translation.get_language() or user.language or "").split("-")[0]
    return Question.objects.create(asked_by=user, text=text, language=language)


@transaction.atomic
def question_answer(*, question: Question, by: User, answer: str) -> Question:
    """Answer a question, or correct the answer; answering a closed question reopens it as
    answered."""
    _check_team(by)
    answer = _clean(answer)
    if not answer:
        raise ChorusError(_("Write an answer first."), code="answer_missing", field="answer")
    if len(answer) > ANSWER_MAX:
        raise ChorusError(
            _("Please keep the answer under %(max)s characters.") % {"max": ANSWER_MAX},
            code="answer_too_long",
            field="answer",
        )
    question = Question.objects.select_for_update().get(pk=question.pk)
    first_answer = question.answered_at is None
    question.answer = answer
    question.answered_by = by
    question.answered_at = question.answered_at or timezone.now()
    question.closed_at = None
    question.save(update_fields=["answer", "answered_by", "answered_at", "closed_at", "updated_at"])
    if first_answer and question.asked_by_id:  # corrections of the answer are not news
        notify(
            user=question.asked_by,
            kind=Kind.QUESTION_ANSWERED,
            title=gettext_lazy("Your question has an answer"),
            body=gettext_lazy("You asked: %(question)s"),
            params={"question": Truncator(question.text).chars(160)},
            url=reverse("academy:questions"),
        )
    return question


@transaction.atomic
def question_close(*, question: Question, by: User) -> Question:
    """Close a question without an answer (a duplicate, spam, asked elsewhere)."""
    _check_team(by)
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.answered_at is not None:
        raise ChorusError(
            _("This question is answered already; edit the answer instead."), code="answered"
        )
    if question.closed_at is None:
        question.closed_at = timezone.now()
        question.save(update_fields=["closed_at", "updated_at"])
    return question


@transaction.atomic
def question_faq_set(
    *, question: Question, by: User, in_faq: bool, faq_question: str = ""
) -> Question:
    """Show an answered question in the FAQ (reworded, without names: by default as asked), or
    take it out."""
    _check_team(by)
    question = Question.objects.select_for_update().get(pk=question.pk)
    if not in_faq:
        if question.in_faq:
            question.in_faq = False
            question.save(update_fields=["in_faq", "updated_at"])
        return question
    if question.answered_at is None:
        raise ChorusError(
            _("Answer the question before you add it to the FAQ."), code="not_answered"
        )
    wording = _clean(faq_question) or _clean(question.faq_question) or _clean(question.text)
    wording = " ".join(wording.split())  # the FAQ shows one line
    if len(wording) > FAQ_QUESTION_MAX:
        raise ChorusError(
            _("The question as the FAQ shows it must be under %(max)s characters: reword it.")
            % {"max": FAQ_QUESTION_MAX},
            code="faq_question_too_long",
            field="faq_question",
        )
    if not question.in_faq:
        last = Question.objects.faq().aggregate(last=Max("faq_position"))["last"]
        question.faq_position = (last or 0) + 1
    question.in_faq = True
    question.faq_question = wording
    question.save(update_fields=["in_faq", "faq_question", "faq_position", "updated_at"])
    return question
