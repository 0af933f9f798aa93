import pytest

from chorus.academy.models import Lesson, LessonProgress, Onboarding, ProfileChecklist
from chorus.academy.selectors.onboarding import onboarding_status
from chorus.academy.services.courses import lesson_complete, lesson_update
from chorus.academy.services.guidelines import guidelines_accept, guidelines_publish
from chorus.academy.services.onboarding import onboarding_step_done, profile_checklist_set
from chorus.accounts.services import membership_join
from chorus.core.errors import ChorusError

pytestmark = pytest.mark.django_db


def _right_answers(lesson, language="en"):
    quiz = lesson.texts.get(language=language).quiz
    return {index: question["answer"] for index, question in enumerate(quiz)}


def _finish_required(user):
    for lesson in Lesson.objects.filter(required=True):
        lesson_complete(user=user, lesson=lesson, answers=_right_answers(lesson))


def test_onboarding_goes_step_by_step_and_completes_with_lessons_and_guidelines(employee):
    membership_join(user=employee)
    assert onboarding_status(user=employee).next_step == "guidelines"
    guidelines_accept(user=employee)
    assert onboarding_status(user=employee).next_step == "topics"
    onboarding_step_done(user=employee, step="topics")
    onboarding_step_done(user=employee, step="networks")
    status = onboarding_status(user=employee)
    assert (status.next_step, status.lessons_done, status.lessons_required) == ("lessons", 0, 4)
    _finish_required(employee)
    status = onboarding_status(user=employee)
    assert status.complete
    assert status.next_step == "done"
    assert Onboarding.objects.get(user=employee).completed_at is not None


def test_lessons_without_the_guidelines_do_not_complete_onboarding(employee):
    _finish_required(employee)
    assert not Onboarding.objects.filter(user=employee, completed_at__isnull=False).exists()
    guidelines_accept(user=employee)
    assert Onboarding.objects.get(user=employee).completed_at is not None


def test_a_new_required_lesson_later_does_not_undo_a_finished_onboarding(employee, owner):
    guidelines_accept(user=employee)
    _finish_required(employee)
    lesson = Lesson.objects.filter(required=False).first()
    lesson_update(
        by=owner, lesson=lesson, language="en", title="Now required", body="", required=True
    )
    assert not onboarding_status(user=employee).lessons
    assert Onboarding.objects.get(user=employee).completed_at is not None


def test_only_the_topics_and_networks_steps_can_be_skipped(employee):
    with pytest.raises(ChorusError):
        onboarding_step_done(user=employee, step="guidelines")


def test_a_wrong_quiz_answer_keeps_the_lesson_open_and_marks_the_question(login, employee):
    lesson = Lesson.objects.get(key="what-the-program-is")
    wrong = {f"q{i}": str((a + 1) % 3) for i, a in _right_answers(lesson).items()}
    response = login(employee).post(f"/academy/lessons/{lesson.pk}/", wrong)
    assert response.status_code == 200
    assert "Not quite" in response.content.decode()
    assert not LessonProgress.objects.filter(user=employee).exists()


def test_people_outside_the_program_are_sent_to_join_first(login, employee):
    assert login(employee).get("/onboarding/").url == "/advocacy/join/"


def test_joining_leads_into_onboarding_and_the_banner_reminds(login, employee):
    client = login(employee)
    response = client.post("/advocacy/join/", {"consent": "yes"})
    assert response.url == "/onboarding/"
    guidelines_accept(user=employee)
    assert "Continue onboarding" in client.get("/").content.decode()


def test_the_profile_checklist_is_private_and_keeps_only_known_items(login, employee, owner):
    client = login(employee)
    client.post("/academy/profile-checklist/", {"done": ["photo", "headline"]})
    assert ProfileChecklist.objects.get(user=employee).done == ["photo", "headline"]
    page = client.get("/academy/profile-checklist/").content.decode()
    assert "2 of 9 in place" in page
    with pytest.raises(ChorusError):
        profile_checklist_set(user=employee, done=["salary"])


def test_a_guidelines_change_does_not_undo_onboarding_but_blocks_sharing(employee, owner):
    guidelines_accept(user=employee)
    _finish_required(employee)
    guidelines_publish(by=owner, texts={"en": "v2"}, hate_advice={})
    status = onboarding_status(user=employee)
    assert not status.guidelines
    assert status.completed_at is not None
