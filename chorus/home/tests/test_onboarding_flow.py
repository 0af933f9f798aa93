"""The onboarding flow's pages (they compose academy, content and sharing)."""

import pytest

from chorus.academy.models import Lesson
from chorus.accounts.services import membership_join
from chorus.content.tests.factories import TopicFactory
from chorus.sharing.models import SharingProfile

pytestmark = pytest.mark.django_db


def _right_answers(lesson, language="en"):
    quiz = lesson.texts.get(language=language).quiz
    return {index: question["answer"] for index, question in enumerate(quiz)}


def test_the_flow_in_the_browser_saves_each_step_and_resumes(login, employee):
    membership_join(user=employee)
    topic = TopicFactory(name="Engineering")
    client = login(employee)
    assert client.get("/onboarding/").url == "/onboarding/guidelines/"
    client.post("/guidelines/accept/", {"accept": "yes", "version": "1", "next": "/onboarding/"})
    assert client.get("/onboarding/").url == "/onboarding/topics/"
    client.post("/onboarding/topics/", {"topics": [str(topic.pk)]})
    assert list(employee.followed_topics.all()) == [topic]
    response = client.post(
        "/onboarding/networks/",
        {"use_linkedin": "yes", "audience_linkedin": "1,200", "audience_x": "lots"},
    )
    assert "X: an audience size is a whole number" in response.content.decode()
    assert not SharingProfile.objects.filter(user=employee).exists()  # nothing half-saved
    client.post("/onboarding/networks/", {"use_linkedin": "yes", "audience_linkedin": "1,200"})
    profile = SharingProfile.objects.get(user=employee)
    assert (profile.networks, profile.audiences) == (["linkedin"], {"linkedin": 1200})
    client.logout()
    client = login(employee)  # progress is kept across sessions
    assert client.get("/onboarding/").url == "/onboarding/lessons/"
    for lesson in Lesson.objects.filter(required=True):
        answers = {f"q{index}": str(answer) for index, answer in _right_answers(lesson).items()}
        response = client.post(f"/academy/lessons/{lesson.pk}/", answers | {"from": "onboarding"})
        assert response.url == "/onboarding/"
    assert client.get("/onboarding/").url == "/onboarding/done/"
    assert "Onboarding complete" in client.get("/onboarding/done/").content.decode()


def test_odd_audience_sizes_are_refused_without_an_error_page(login, employee):
    membership_join(user=employee)
    client = login(employee)
    for size in ("²", "9" * 5000, "-5", "1e6"):
        response = client.post(
            "/onboarding/networks/", {"use_linkedin": "yes", "audience_linkedin": size}
        )
        assert response.status_code == 200
        assert "an audience size is a whole number" in response.content.decode()
    assert not SharingProfile.objects.filter(user=employee).exists()
    client.post("/onboarding/networks/", {"use_linkedin": "yes", "audience_linkedin": "1 200"})
    assert SharingProfile.objects.get(user=employee).audiences == {"linkedin": 1200}
