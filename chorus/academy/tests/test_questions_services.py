"""Asking, answering, closing and the FAQ, and which questions count as overdue."""

from datetime import UTC, datetime

import pytest
from django.db import IntegrityError
from django.utils import translation

from chorus.academy.models import Question
from chorus.academy.selectors.questions import (
    faq_entries,
    questions_for_team,
    questions_of,
    questions_overdue,
)
from chorus.academy.services.questions import (
    question_answer,
    question_ask,
    question_close,
    question_faq_set,
)
from chorus.core.errors import ChorusError, ForbiddenError

pytestmark = pytest.mark.django_db

TUESDAY = datetime(2026, 6, 9, 10, tzinfo=UTC)


def asked(user, text, when):
    question = question_ask(user=user, text=text)
    Question.objects.filter(pk=question.pk).update(created_at=when)
    question.refresh_from_db()
    return question


def test_an_advocate_asks_a_question_in_the_language_they_write_in(advocate):
    with translation.override("pl"):
        question = question_ask(user=advocate, text="  Czy mogę udostępniać oferty pracy?\r\n ")
    assert question.text == "Czy mogę udostępniać oferty pracy?"
    assert question.language == "pl"
    assert question.asked_by == advocate
    assert list(Question.objects.open()) == [question]


def test_an_empty_question_is_refused(advocate):
    with pytest.raises(ChorusError) as error:
        question_ask(user=advocate, text="   ")
    assert error.value.field == "text"
    assert not Question.objects.exists()


def test_a_question_that_is_far_too_long_is_refused(advocate):
    with pytest.raises(ChorusError) as error:
        question_ask(user=advocate, text="why " * 1000)
    assert error.value.code == "text_too_long"


def test_the_same_open_question_sent_twice_is_kept_once(advocate):
    first = question_ask(user=advocate, text="How often should I share?")
    again = question_ask(user=advocate, text="How often should I share?")
    assert first.pk == again.pk
    assert Question.objects.count() == 1


def test_a_curator_answers_and_the_asker_sees_the_answer(advocate, curator):
    question = question_ask(user=advocate, text="How often should I share?")
    question = question_answer(question=question, by=curator, answer="Once a week is plenty.")
    mine = questions_of(user=advocate).get()
    assert mine.answer == "Once a week is plenty."
    assert mine.answered_by == curator
    assert mine.answered_at is not None
    assert not Question.objects.open().exists()


def test_an_answer_can_be_corrected_and_keeps_its_first_time(advocate, curator, owner):
    question = question_ask(user=advocate, text="How often should I share?")
    first = question_answer(question=question, by=curator, answer="Once a day.")
    second = question_answer(question=question, by=owner, answer="Once a week is plenty.")
    assert second.answer == "Once a week is plenty."
    assert second.answered_by == owner
    assert second.answered_at == first.answered_at


def test_an_advocate_cannot_answer(advocate):
    question = question_ask(user=advocate, text="Can I answer myself?")
    with pytest.raises(ForbiddenError):
        question_answer(question=question, by=advocate, answer="Yes")
    question.refresh_from_db()
    assert question.answer == ""


def test_an_empty_answer_is_refused(advocate, curator):
    question = question_ask(user=advocate, text="Anything?")
    with pytest.raises(ChorusError) as error:
        question_answer(question=question, by=curator, answer=" \n ")
    assert error.value.field == "answer"


def test_a_curator_closes_a_duplicate_without_an_answer(advocate, curator):
    question = question_ask(user=advocate, text="Duplicate")
    question = question_close(question=question, by=curator)
    assert question.closed_at is not None
    assert not Question.objects.open().exists()


def test_an_advocate_cannot_close_a_question(advocate):
    question = question_ask(user=advocate, text="Mine")
    with pytest.raises(ForbiddenError):
        question_close(question=question, by=advocate)


def test_an_answered_question_cannot_be_closed(advocate, curator):
    question = question_ask(user=advocate, text="Answered")
    question_answer(question=question, by=curator, answer="Yes")
    with pytest.raises(ChorusError) as error:
        question_close(question=question, by=curator)
    assert error.value.code == "answered"


def test_answering_a_closed_question_reopens_it_as_answered(advocate, curator):
    question = question_close(question=question_ask(user=advocate, text="Hm"), by=curator)
    question = question_answer(question=question, by=curator, answer="After all: yes.")
    assert question.closed_at is None
    assert question.answered_at is not None


def test_only_answered_questions_go_into_the_faq(advocate, curator):
    question = question_ask(user=advocate, text="Can I share job offers?")
    with pytest.raises(ChorusError) as error:
        question_faq_set(question=question, by=curator, in_faq=True)
    assert error.value.code == "not_answered"
    assert not faq_entries().exists()


def test_the_database_also_refuses_an_unanswered_faq_entry(advocate):
    question = question_ask(user=advocate, text="Sneaky")
    with pytest.raises(IntegrityError):
        Question.objects.filter(pk=question.pk).update(in_faq=True)


def test_the_faq_shows_the_question_as_asked_unless_reworded(advocate, curator):
    one = question_ask(user=advocate, text="Hi, Ada here:\ncan I share job offers?")
    two = question_ask(user=advocate, text="How often?")
    for question in (one, two):
        question_answer(question=question, by=curator, answer="Yes.")
    question_faq_set(question=one, by=curator, in_faq=True, faq_question="Can I share job offers?")
    question_faq_set(question=two, by=curator, in_faq=True)
    entries = list(faq_entries())
    assert [entry.faq_question for entry in entries] == ["Can I share job offers?", "How often?"]
    assert [entry.faq_position for entry in entries] == [1, 2]


def test_a_question_leaves_the_faq(advocate, curator):
    question = question_ask(user=advocate, text="How often?")
    question_answer(question=question, by=curator, answer="Weekly.")
    question_faq_set(question=question, by=curator, in_faq=True)
    question_faq_set(question=question, by=curator, in_faq=False)
    assert not faq_entries().exists()


def test_a_long_question_must_be_reworded_for_the_faq(advocate, curator):
    question = question_ask(user=advocate, text="word " * 100)
    question_answer(question=question, by=curator, answer="Yes.")
    with pytest.raises(ChorusError) as error:
        question_faq_set(question=question, by=curator, in_faq=True)
    assert error.value.field == "faq_question"


def test_an_advocate_cannot_edit_the_faq(advocate, curator):
    question = question_ask(user=advocate, text="How often?")
    question_answer(question=question, by=curator, answer="Weekly.")
    with pytest.raises(ForbiddenError):
        question_faq_set(question=question, by=advocate, in_faq=True)


def test_open_questions_older_than_two_working_days_are_overdue(advocate, curator):
    friday_morning = asked(advocate, "Friday morning", datetime(2026, 6, 5, 9, tzinfo=UTC))
    asked(advocate, "Friday afternoon", datetime(2026, 6, 5, 15, tzinfo=UTC))
    asked(advocate, "Saturday", datetime(2026, 6, 6, 12, tzinfo=UTC))
    answered = asked(advocate, "Answered", datetime(2026, 6, 1, 9, tzinfo=UTC))
    question_answer(question=answered, by=curator, answer="Done.")
    closed = asked(advocate, "Closed", datetime(2026, 6, 1, 9, tzinfo=UTC))
    question_close(question=closed, by=curator)
    assert list(questions_overdue(now=TUESDAY)) == [friday_morning]
    assert questions_overdue(now=datetime(2026, 6, 8, 23, tzinfo=UTC)).count() == 0
    assert questions_overdue(now=datetime(2026, 6, 10, 0, tzinfo=UTC)).count() == 3


def test_overdue_counts_weekends_in_the_programs_time_zone(advocate, settings):
    # Friday 23:30 UTC is already Saturday 01:30 in Warsaw: a weekend question there, due on
    # Wednesday 00:00 Warsaw time (Tuesday 22:00 UTC), not on Tuesday 23:30 UTC.
    settings.TIME_ZONE = "UTC"
    asked(advocate, "Late on Friday", datetime(2026, 6, 5, 23, 30, tzinfo=UTC))
    tuesday_evening = datetime(2026, 6, 9, 22, 30, tzinfo=UTC)
    assert questions_overdue(now=tuesday_evening).count() == 0
    settings.TIME_ZONE = "Europe/Warsaw"
    assert questions_overdue(now=datetime(2026, 6, 9, 21, 59, tzinfo=UTC)).count() == 0
    assert questions_overdue(now=tuesday_evening).count() == 1


def test_the_team_sees_overdue_questions_first(advocate, curator):
    recent = asked(advocate, "Recent", datetime(2026, 6, 9, 8, tzinfo=UTC))
    old = asked(advocate, "Old", datetime(2026, 6, 2, 8, tzinfo=UTC))
    answered = asked(advocate, "Answered", datetime(2026, 6, 9, 9, tzinfo=UTC))
    question_answer(question=answered, by=curator, answer="Yes.")
    open_rows = list(questions_for_team(status="open", now=TUESDAY))
    assert [(row.pk, row.is_overdue) for row in open_rows] == [(old.pk, True), (recent.pk, False)]
    every = [row.pk for row in questions_for_team(status="all", now=TUESDAY)]
    assert every == [old.pk, answered.pk, recent.pk]
    assert [row.pk for row in questions_for_team(status="answered")] == [answered.pk]
    assert list(questions_for_team(status="closed")) == []
