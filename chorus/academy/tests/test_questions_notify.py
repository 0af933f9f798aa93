"""The asker hears about the first answer to their question, not about corrections."""

from chorus.academy.services.questions import question_answer, question_ask
from chorus.notifications.choices import Kind
from chorus.notifications.models import Notification


def test_the_asker_is_notified_once_of_the_first_answer(
    advocate, curator, mailoutbox, django_capture_on_commit_callbacks
):
    question = question_ask(user=advocate, text="Where do I find the brand guide?")
    with django_capture_on_commit_callbacks(execute=True):
        question_answer(question=question, by=curator, answer="On the intranet, under Brand.")
    notice = Notification.objects.get()
    assert notice.user == advocate
    assert notice.kind == Kind.QUESTION_ANSWERED
    assert notice.title == "Your question has an answer"
    assert "Where do I find the brand guide?" in notice.body
    assert notice.url == "/questions/"
    assert [m.to for m in mailoutbox] == [[advocate.email]]
    with django_capture_on_commit_callbacks(execute=True):
        question_answer(question=question, by=curator, answer="On the intranet, under Brand/Logo.")
    assert Notification.objects.count() == 1
    assert len(mailoutbox) == 1
