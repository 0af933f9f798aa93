"""The questions pages: asking, the FAQ, and the team's queue (plain forms and htmx)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from chorus.academy.models import Question
from chorus.academy.services.questions import question_answer, question_ask, question_faq_set

pytestmark = pytest.mark.django_db


def test_an_advocate_asks_from_the_questions_page(login, advocate):
    client = login(advocate)
    response = client.post(reverse("academy:questions"), {"text": "Can I share job offers?"})
    assert response.status_code == 302
    page = client.get(reverse("academy:questions"))
    assert "Can I share job offers?" in page.text
    assert "Waiting for an answer" in page.text
    assert Question.objects.get().asked_by == advocate


def test_an_empty_question_comes_back_with_a_message(login, advocate):
    response = login(advocate).post(reverse("academy:questions"), {"text": "  "})
    assert response.status_code == 400
    assert "This field is required." in response.text
    assert not Question.objects.exists()


def test_the_questions_page_helps_when_there_is_nothing_yet(login, employee):
    page = login(employee).get(reverse("academy:questions"))
    assert page.status_code == 200
    assert "You have not asked anything yet." in page.text
    assert "No FAQ yet" in page.text


def test_the_asker_sees_the_answer_rendered_safely(login, advocate, curator):
    question = question_ask(user=advocate, text="How often?")
    question_answer(question=question, by=curator, answer="**Weekly** <script>x</script>")
    page = login(advocate).get(reverse("academy:questions"))
    assert "<strong>Weekly</strong>" in page.text
    assert "<script>x" not in page.text
    assert "Cora Curator" in page.text


def test_nobody_sees_someone_elses_questions(login, advocate, employee):
    question_ask(user=advocate, text="A private worry")
    page = login(employee).get(reverse("academy:questions"))
    assert "A private worry" not in page.text


def test_the_faq_shows_the_reworded_question_to_anyone_signed_in(
    login, advocate, curator, employee
):
    question = question_ask(user=advocate, text="Ada here: can I share job offers?")
    question_answer(question=question, by=curator, answer="Yes, *please*.")
    question_faq_set(question=question, by=curator, in_faq=True, faq_question="Job offers?")
    page = login(employee).get(reverse("academy:faq"))
    assert "Job offers?" in page.text
    assert "<em>please</em>" in page.text
    assert "Ada here" not in page.text


def test_the_faq_needs_signing_in(outsider):
    response = outsider.get(reverse("academy:faq"))
    assert response.status_code == 302


def test_advocates_cannot_open_the_team_queue(login, advocate):
    assert login(advocate).get(reverse("academy:questions-team")).status_code == 403


def test_the_team_sees_overdue_questions_marked_with_how_long(login, advocate, curator):
    old = question_ask(user=advocate, text="Still waiting")
    Question.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=9))
    question_ask(user=advocate, text="Just asked")
    page = login(curator).get(reverse("academy:questions-team"))
    assert page.status_code == 200
    text = page.text
    assert text.index("Still waiting") < text.index("Just asked")
    assert "overdue by" in text
    assert text.count("overdue by") == 1
    assert "1 has waited more than two working days." in text


def test_the_team_queue_stays_within_a_few_queries_with_many_questions(
    login, advocate, curator, django_assert_max_num_queries
):
    for number in range(30):
        question_ask(user=advocate, text=f"Question {number}")
    client = login(curator)
    client.get(reverse("academy:questions-team"))  # the first request sets up the session
    with django_assert_max_num_queries(10):
        page = client.get(reverse("academy:questions-team") + "?status=all")
    assert page.text.count('<article class="card') == 25


def test_the_empty_queue_says_so(login, owner):
    page = login(owner).get(reverse("academy:questions-team"))
    assert "All caught up" in page.text


def test_a_curator_answers_with_the_plain_form(login, advocate, curator):
    question = question_ask(user=advocate, text="How often?")
    response = login(curator).post(
        reverse("academy:question-answer", args=[question.pk]),
        {f"q{question.pk}-answer": "Weekly.", "next": "/questions/team/?status=all"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/questions/team/?status=all"
    question.refresh_from_db()
    assert question.answer == "Weekly."


def test_an_empty_answer_re_renders_the_queue_with_the_message(login, advocate, curator):
    question = question_ask(user=advocate, text="How often?")
    response = login(curator).post(
        reverse("academy:question-answer", args=[question.pk]), {f"q{question.pk}-answer": ""}
    )
    assert response.status_code == 400
    assert "This field is required." in response.text
    assert "How often?" in response.text


def test_a_curator_answers_with_htmx_and_gets_the_card_back(login, advocate, curator):
    question = question_ask(user=advocate, text="How often?")
    response = login(curator).post(
        reverse("academy:question-answer", args=[question.pk]),
        {f"q{question.pk}-answer": "Weekly."},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith(f'<article class="card" id="question-{question.pk}"')
    assert "The answer is saved." in response.text
    assert "Show in the FAQ" in response.text
    assert "<html" not in response.text


def test_an_advocate_cannot_answer_through_the_form(login, advocate):
    question = question_ask(user=advocate, text="How often?")
    response = login(advocate).post(
        reverse("academy:question-answer", args=[question.pk]), {f"q{question.pk}-answer": "Me"}
    )
    assert response.status_code == 403
    question.refresh_from_db()
    assert question.answer == ""


def test_a_curator_closes_a_question(login, advocate, curator):
    question = question_ask(user=advocate, text="Spam")
    response = login(curator).post(reverse("academy:question-close", args=[question.pk]))
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.closed_at is not None


def test_a_curator_adds_an_answer_to_the_faq_with_a_rewording(login, advocate, curator):
    question = question_ask(user=advocate, text="Ada here: job offers?")
    question_answer(question=question, by=curator, answer="Yes.")
    response = login(curator).post(
        reverse("academy:question-faq", args=[question.pk]),
        {f"q{question.pk}-in_faq": "on", f"q{question.pk}-faq_question": "Can I share job offers?"},
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert (question.in_faq, question.faq_question) == (True, "Can I share job offers?")


def test_adding_an_unanswered_question_to_the_faq_explains_why_not(login, advocate, curator):
    question = question_ask(user=advocate, text="Not yet")
    response = login(curator).post(
        reverse("academy:question-faq", args=[question.pk]),
        {f"q{question.pk}-in_faq": "on"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 400
    assert "Answer the question before you add it to the FAQ." in response.text
    question.refresh_from_db()
    assert not question.in_faq


def test_the_pages_read_in_polish(login, advocate):
    advocate.language = "pl"
    advocate.save()
    page = login(advocate).get(reverse("academy:questions"))
    assert page["Content-Language"] == "pl"
