"""Pages: asking questions, the FAQ, and the team's queue of questions to answer."""

from dataclasses import dataclass
from datetime import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_POST

from chorus.academy.models import Question
from chorus.academy.selectors import questions as selectors
from chorus.academy.services import questions as services
from chorus.accounts.permissions import curator_required
from chorus.core.errors import ChorusError, NotFoundError
from chorus.core.http import safe_next

PAGE_SIZE = 25


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Your question"),
        max_length=services.QUESTION_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "The program's owners and curators answer, usually within two working days."
        ),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("Answer"),
        max_length=services.ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Markdown: **bold**, *italic*, - lists, [link](https://…)."),
    )


class FaqForm(forms.Form):
    in_faq = forms.BooleanField(label=gettext_lazy("Show in the FAQ"), required=False)
    faq_question = forms.CharField(
        label=gettext_lazy("The question as the FAQ shows it"),
        max_length=services.FAQ_QUESTION_MAX,
        required=False,
        help_text=gettext_lazy("Reword it without names; left empty, it reads as asked."),
    )


@dataclass
class TeamRow:
    question: Question
    overdue_since: datetime | None
    answer_form: AnswerForm
    faq_form: FaqForm
    saved: str = ""
    error: str = ""


def _row(question: Question, *, answer_form=None, faq_form=None, saved="", error="") -> TeamRow:
    prefix = f"q{question.pk}"
    overdue = getattr(question, "is_overdue", None)
    if overdue is None:  # not from questions_for_team: work it out
        overdue = question.answered_at is None and question.closed_at is None
        overdue = overdue and question.created_at <= selectors.questions_overdue_cutoff()
    return TeamRow(
        question=question,
        overdue_since=selectors.question_overdue_since(question) if overdue else None,
        answer_form=answer_form or AnswerForm(prefix=prefix, initial={"answer": question.answer}),
        faq_form=faq_form
        or FaqForm(
            prefix=prefix,
            initial={
                "in_faq": question.in_faq,
                "faq_question": question.faq_question or " ".join(question.text.split())[:300],
            },
        ),
        saved=saved,
        error=error,
    )


def _question_or_404(pk: int) -> Question:
    try:
        return selectors.question_get_for_team(pk=pk)
    except NotFoundError:
        raise Http404 from None


@login_required
def questions(request):
    """Ask a question, see your own with their answers, and the FAQ below."""
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_ask(user=request.user, text=form.cleaned_data["text"])
        except ChorusError as error:
            error.add_to(form)
        else:
            messages.success(
                request, _("Thank you: your question is with the team. Its answer appears here.")
            )
            return redirect("academy:questions")
    return render(
        request,
        "academy/questions.html",
        {
            "form": form,
            "mine": selectors.questions_of(user=request.user),
            "faq": selectors.faq_entries(),
        },
        status=400 if form.errors else 200,
    )


@login_required
def faq(request):
    return render(request, "academy/faq.html", {"faq": selectors.faq_entries()})


def _back(request) -> str:
    """Where a plain form returns to: the queue as it was (its status tab and page)."""
    if request.method == "GET":
        return request.get_full_path()
    return safe_next(request, "academy:questions-team")


def _team_page(request, *, failed: TeamRow | None = None):
    status = request.GET.get("status", "open")
    if status not in selectors.STATUSES:
        status = "open"
    page = Paginator(selectors.questions_for_team(status=status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [
        failed if failed and failed.question.pk == question.pk else _row(question)
        for question in page
    ]
    if failed and all(row.question.pk != failed.question.pk for row in rows):
        rows.insert(0, failed)
    return render(
        request,
        "academy/questions_team.html",
        {
            "rows": rows,
            "page": page,
            "back": _back(request),
            "status": status,
            "statuses": [
                ("open", pgettext("question status", "Open")),
                ("answered", pgettext("question status", "Answered")),
                ("closed", pgettext("question status", "Closed")),
                ("all", pgettext("question status", "All")),
            ],
            "open_count": Question.objects.open().count(),
            "overdue_count": selectors.questions_overdue().count(),
        },
        status=400 if failed else 200,
    )


@curator_required
def questions_team(request):
    return _team_page(request)


def _after(request, question: Question, *, saved: str, message: str, **forms_):
    """htmx gets the question's card back; a plain form goes back to the queue."""
    if request.htmx:
        row = _row(question, saved=saved, **forms_)
        context = {"row": row, "back": _back(request)}
        return render(request, "academy/questions_team.html#team-question", context)
    messages.success(request, message)
    return redirect(safe_next(request, "academy:questions-team"))


def _failed(request, row: TeamRow):
    if request.htmx:
        context = {"row": row, "back": _back(request)}
        return render(request, "academy/questions_team.html#team-question", context, status=400)
    return _team_page(request, failed=row)


@curator_required
@require_POST
def question_answer(request, pk):
    question = _question_or_404(pk)
    form = AnswerForm(request.POST, prefix=f"q{pk}")
    if form.is_valid():
        try:
            question = services.question_answer(
                question=question, by=request.user, answer=form.cleaned_data["answer"]
            )
        except ChorusError as error:
            error.add_to(form)
    if form.errors:
        return _failed(request, _row(question, answer_form=form))
    return _after(request, question, saved="answer", message=_("The answer is saved."))


@curator_required
@require_POST
def question_close(request, pk):
    question = _question_or_404(pk)
    try:
        question = services.question_close(question=question, by=request.user)
    except ChorusError as error:
        if request.htmx:
            return _failed(request, _row(question, error=error.message))
        messages.error(request, error.message)
        return redirect(safe_next(request, "academy:questions-team"))
    return _after(
        request, question, saved="closed", message=_("The question is closed without an answer.")
    )


@curator_required
@require_POST
def question_faq(request, pk):
    question = _question_or_404(pk)
    form = FaqForm(request.POST, prefix=f"q{pk}")
    if form.is_valid():
        try:
            question = services.question_faq_set(
                question=question,
                by=request.user,
                in_faq=form.cleaned_data["in_faq"],
                faq_question=form.cleaned_data["faq_question"],
            )
        except ChorusError as error:
            error.add_to(form)
    if form.errors:
        return _failed(request, _row(question, faq_form=form))
    message = (
        _("The question is in the FAQ.") if question.in_faq else _("The question left the FAQ.")
    )
    return _after(request, question, saved="faq", message=message)


urlpatterns = [
    path("questions/", questions, name="questions"),
    path("faq/", faq, name="faq"),
    path("questions/team/", questions_team, name="questions-team"),
    path("questions/<int:pk>/answer/", question_answer, name="question-answer"),
    path("questions/<int:pk>/close/", question_close, name="question-close"),
    path("questions/<int:pk>/faq/", question_faq, name="question-faq"),
]
