"""Announcements to everyone or to a group, as notices in the app and by e-mail."""

import pytest
from django.urls import reverse

from chorus.accounts.models import Department, Location
from chorus.accounts.services import membership_join
from chorus.accounts.tests.factories import UserFactory
from chorus.notifications.choices import Kind
from chorus.notifications.models import Notification
from chorus.notifications.selectors import announcements_recent
from chorus.notifications.services import announcement_create, notification_preferences_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    sales, it = Department.objects.create(name="Sales"), Department.objects.create(name="IT")
    warsaw = Location.objects.create(name="Warsaw")
    return sales, it, warsaw


def _advocate(email, **extra):
    person = UserFactory(email=email, **extra)
    membership_join(user=person)
    return person


def test_an_announcement_to_everyone_reaches_every_advocate_in_the_app_and_by_mail(
    owner, employee, mailoutbox, django_capture_on_commit_callbacks
):
    ada = _advocate("ada@acme.test", language="pl")
    with django_capture_on_commit_callbacks(execute=True):
        announcement_create(by=owner, title="Office hours", body="**Thursday** at 10.")
    notice = Notification.objects.get(kind=Kind.ANNOUNCEMENT)
    assert (notice.user, notice.title, notice.body) == (ada, "Office hours", "Thursday at 10.")
    assert [mail.to for mail in mailoutbox] == [["ada@acme.test"]]
    assert not Notification.objects.filter(user=employee).exists()  # not in the program


def test_a_group_announcement_reaches_only_the_group_and_shows_only_to_it(
    owner, places, mailoutbox, django_capture_on_commit_callbacks
):
    sales, it, warsaw = places
    seller = _advocate("s@acme.test", department=sales, location=warsaw)
    remote_seller = _advocate("r@acme.test", department=sales)
    engineer = _advocate("e@acme.test", department=it, location=warsaw)
    with django_capture_on_commit_callbacks(execute=True):
        group = announcement_create(
            by=owner, title="Sales in Warsaw", body="Hi", departments=[sales], locations=[warsaw]
        )
        everyone = announcement_create(by=owner, title="All", body="Hi")
    reached = set(
        Notification.objects.filter(title="Sales in Warsaw").values_list("user__email", flat=True)
    )
    assert reached == {seller.email}
    assert announcements_recent(user=seller) == [everyone, group]
    assert announcements_recent(user=remote_seller) == [everyone]
    assert announcements_recent(user=engineer) == [everyone]


def test_people_who_turned_announcement_mail_off_still_see_it_in_the_app(
    owner, mailoutbox, django_capture_on_commit_callbacks
):
    ada = _advocate("ada@acme.test")
    notification_preferences_set(
        user=ada, choices={(Kind.ANNOUNCEMENT, "email"): False}, all_off=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        announcement_create(by=owner, title="Quiet", body="Hi")
    assert Notification.objects.filter(user=ada, kind=Kind.ANNOUNCEMENT).exists()
    assert mailoutbox == []


def test_the_owner_writes_to_a_department_from_the_page(login, owner, places):
    sales, _it, _warsaw = places
    seller = _advocate("s@acme.test", department=sales)
    response = login(owner).post(
        reverse("notifications:announcements"),
        {"title": "Sales kick-off", "body": "See you there", "departments": [sales.pk]},
    )
    assert response.status_code == 302
    assert Notification.objects.filter(user=seller, title="Sales kick-off").exists()
    page = login(owner).get(reverse("notifications:announcements")).content.decode()
    assert "Sales kick-off" in page
    assert '<span class="chip">Sales</span>' in page
