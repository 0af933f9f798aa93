"""A new advocate, from the invitation to a finished onboarding, in each interface language;
the progress survives signing out."""

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from chorus.academy.models import Lesson, Onboarding
from chorus.accounts.services import invitation_create
from chorus.content.tests.factories import TopicFactory
from chorus.sharing.models import SharingProfile

pytestmark = pytest.mark.e2e

PASSWORD = "a-long-test-password"


def _t(language: str, text: str) -> str:
    with translation.override(language):
        translated = translation.gettext(text)
    assert language == "en" or translated != text, f"{text!r} has no {language} translation"
    return translated


def _finish_lesson(page, lesson, language):
    """Open a required lesson from the onboarding list, answer its quiz right, finish it."""
    text = lesson.texts.get(language=language)
    page.get_by_role("link", name=text.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(text.title)
    for index, question in enumerate(text.quiz):
        page.locator(f"#q{index}-{question['answer']}").check()
    page.locator("#finish button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/onboarding/(lessons|done)/$"))


@pytest.mark.parametrize("language", ["en", "pl", "th"])
def test_a_new_advocate_goes_from_invitation_to_finished_onboarding(page, owner, language):
    topic = TopicFactory(name="Engineering")
    invitation = invitation_create(
        invited_by=owner, email=f"new-{language}@acme.test", language=language
    )
    t = lambda text: _t(language, text)  # noqa: E731 - short and local

    # The invitation: a name and a password make the account, in the invitee's language.
    page.goto(f"/invitations/{invitation.key}/")
    page.get_by_label(t("Your name")).fill("Nina New")
    page.get_by_label(t("Choose a password")).fill(PASSWORD)
    page.get_by_label(t("Repeat the password")).fill(PASSWORD)
    page.get_by_role("button", name=t("Create my account")).click()
    expect(page.locator("html")).to_have_attribute("lang", language)

    # Joining is the person's own choice, and leads into onboarding.
    page.get_by_role("link", name=t("See what taking part means")).click()
    page.get_by_label(t("I have read this and I want to take part.")).check()
    page.get_by_role("button", name=t("Join the program")).click()
    expect(page).to_have_url(re.compile(r"/onboarding/guidelines/$"))

    # 1. Guidelines, shown in the person's language.
    expect(page.locator("article")).to_contain_text(t("Accept and continue"))
    page.get_by_label(t("I have read the guidelines and will follow them.")).check()
    page.get_by_role("button", name=t("Accept and continue")).click()

    # 2. Topics.
    expect(page).to_have_url(re.compile(r"/onboarding/topics/$"))
    page.get_by_label("Engineering").check()
    page.get_by_role("button", name=t("Save and continue")).click()

    # 3. Networks, with an optional audience size.
    expect(page).to_have_url(re.compile(r"/onboarding/networks/$"))
    page.get_by_label("LinkedIn", exact=True).check()
    page.locator("#audience-linkedin").fill("850")
    page.get_by_role("button", name=t("Save and continue")).click()

    # 4. Lessons: two now, then sign out.
    expect(page).to_have_url(re.compile(r"/onboarding/lessons/$"))
    required = list(Lesson.objects.filter(required=True).order_by("course__position", "position"))
    for lesson in required[:2]:
        _finish_lesson(page, lesson, language)
    page.locator(".usermenu summary").click()
    page.get_by_role("button", name=t("Sign out")).click()

    # Back another day: progress is where it was left.
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(invitation.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.get_by_role("link", name=t("Continue onboarding")).first.click()
    expect(page).to_have_url(re.compile(r"/onboarding/lessons/$"))
    expect(page.locator(".lessonlist .is-done")).to_have_count(2)
    for lesson in required[2:]:
        _finish_lesson(page, lesson, language)
    expect(page).to_have_url(re.compile(r"/onboarding/done/$"))
    expect(page.get_by_role("heading", level=2)).to_have_text(
        t("Onboarding complete. Welcome aboard!")
    )

    user = invitation.__class__.objects.get(pk=invitation.pk).user
    assert Onboarding.objects.get(user=user).completed_at is not None
    assert list(user.followed_topics.all()) == [topic]
    assert SharingProfile.objects.get(user=user).audiences == {"linkedin": 850}
