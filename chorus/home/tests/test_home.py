from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from chorus.accounts.models import AdvocacyMembership, User
from chorus.program.services import program_settings_update


def _nav(response):
    return {item.url_name for item in response.context["nav_items"]}


def test_the_home_page_sends_outsiders_to_sign_in(outsider, db):
    response = outsider.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_an_employee_is_invited_to_join_not_enrolled(login, employee):
    response = login(employee).get("/")
    assert "Would you like to become an advocate?" in response.content.decode()
    assert _nav(response) == {"index", "feed", "my-shares", "me", "academy"}


def test_an_advocate_sees_their_own_path(login, advocate):
    response = login(advocate).get("/")
    assert "You are part of the program" in response.content.decode()
    assert _nav(response) == {"index", "feed", "my-shares", "me", "academy"}


def test_a_curator_sees_their_audience_but_not_the_owner_pages(login, curator):
    response = login(curator).get("/")
    assert "Who you write for" in response.content.decode()
    assert _nav(response) == {
        "index",
        "feed",
        "my-shares",
        "me",
        "academy",
        "items",
        "campaigns",
    }


def test_an_owner_sees_the_program_and_its_pages(
    login, owner, advocate, django_assert_max_num_queries
):
    client = login(owner)
    with django_assert_max_num_queries(20):
        response = client.get("/")
    assert _nav(response) == {
        "index",
        "feed",
        "my-shares",
        "me",
        "academy",
        "items",
        "campaigns",
        "program",
        "health",
        "announcements",
        "digest",
        "people",
        "settings",
        "jobs",
    }
    assert response.context["overview"]["counts"]["advocates"] == 1


def test_small_departments_are_pooled_so_nobody_is_singled_out(login, owner, advocate):
    response = login(owner).get("/")
    assert all(row["department__name"] is None for row in response.context["departments"])


@pytest.mark.django_db
def test_load_demo_creates_the_company_once(client):
    call_command("load_demo")
    call_command("load_demo")
    assert User.objects.count() == 30
    assert User.objects.filter(email="advocate@example.com").count() == 1
    assert AdvocacyMembership.objects.active().filter(user__email="advocate@example.com").exists()
    roles = dict(User.objects.filter(email__endswith="@example.com").values_list("email", "role"))
    assert roles["owner@example.com"] == "owner"
    assert roles["curator@example.com"] == "curator"
    response = client.post(
        reverse("account_login"), {"login": "owner@example.com", "password": "chorus-demo"}
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_pages_load_nothing_from_other_hosts_and_send_a_csp(login, owner, client):
    import re

    for url in ("/", reverse("accounts:people"), "/api/v1/docs"):
        response = login(owner).get(url)
        html = response.content.decode()
        external = re.findall(r'(?:src|href)="(?:https?:)?//[^"]+"', html)
        assert external == [], url
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy


def test_the_home_page_names_only_the_networks_the_program_offers(login, advocate):
    program_settings_update(
        name="Acme",
        networks=["linkedin", "bluesky"],
        allowed_signup_domains=[],
        default_language="en",
    )
    html = login(advocate).get("/").content.decode()
    assert '<span class="chip">LinkedIn</span>' in html
    assert '<span class="chip">Bluesky</span>' in html
    assert '<span class="chip">Facebook</span>' not in html


def test_relative_times_on_the_home_page_follow_the_language(login, owner, advocate):
    """Django's own Thai catalog lacks "5 days ago"; ours completes it (core.framework_strings)."""
    AdvocacyMembership.objects.filter(user=advocate).update(
        joined_at=timezone.now() - timedelta(days=5)
    )
    client = login(owner)
    for language in ("th", "pl"):
        client.post(reverse("accounts:language-set"), {"language": language, "next": "/"})
        # Django joins the number and its unit with a no-break space.
        html = client.get("/").content.decode().replace("\xa0", " ")
        with translation.override(language):
            five_days = translation.npgettext(
                "naturaltime-past", "%(num)d day", "%(num)d days", 5
            ) % {"num": 5}
            expected = translation.gettext("%(delta)s ago") % {"delta": five_days}
        assert "days ago" not in html
        assert expected != "5 days ago"
        assert expected in html


def test_the_owners_start_list_ticks_the_guidelines_once_they_are_their_own(login, owner):
    from chorus.academy.services.guidelines import guidelines_publish
    from chorus.home.selectors import owner_overview

    def ticked() -> dict:
        return {url: done for done, url, _label in owner_overview()["checklist"]}

    assert ticked()["academy:guidelines-edit"] is False
    assert ticked()["program:readiness"] is False
    guidelines_publish(by=owner, texts={"en": "Ours"}, hate_advice={}, new_version=False)
    assert ticked()["academy:guidelines-edit"] is True
    page = login(owner).get("/").content.decode()
    assert "Make the social media guidelines your own" in page


def test_an_advocate_sees_their_next_lesson_once_onboarded(login, advocate):
    from django.utils import timezone

    from chorus.academy.models import Lesson, LessonProgress, Onboarding

    client = login(advocate)
    assert "Continue onboarding" in client.get("/").content.decode()
    first = Lesson.objects.order_by("course__position", "position").first()
    LessonProgress.objects.create(user=advocate, lesson=first, completed_at=timezone.now())
    Onboarding.objects.create(user=advocate, completed_at=timezone.now())
    page = client.get("/").content.decode()
    assert "1 of 14 lessons done" in page
    second = Lesson.objects.order_by("course__position", "position")[1]
    assert second.texts.get(language="en").title in page
