"""Notices from the hub: decided suggestions, and new items for the followers of their topics."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from chorus.accounts.tests.factories import DepartmentFactory, UserFactory
from chorus.content.services import (
    new_content_notify,
    suggestion_approve,
    suggestion_create,
    suggestion_decline,
)
from chorus.content.tasks import new_content_notify_task
from chorus.content.tests.factories import ContentItemFactory, TopicFactory
from chorus.notifications.choices import Kind
from chorus.notifications.models import Notification


def _suggestion(employee):
    return suggestion_create(
        suggested_by=employee, text="Our CTO's talk is great", url="https://talks.acme.test/cto"
    )


def test_an_approved_suggestion_is_told_to_the_colleague(
    employee, curator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        suggestion_approve(suggestion=_suggestion(employee), by=curator)
    notice = Notification.objects.get()
    assert (notice.user, notice.kind) == (employee, Kind.SUGGESTION_DECIDED)
    assert notice.title == "Your suggestion was approved"
    assert "Our CTO's talk is great" in notice.body
    assert [m.to for m in mailoutbox] == [[employee.email]]


def test_a_declined_suggestion_is_told_with_the_reason(employee, curator):
    suggestion_decline(suggestion=_suggestion(employee), by=curator, reason="We shared it already.")
    notice = Notification.objects.get()
    assert notice.title == "Your suggestion was declined"
    assert "We shared it already." in notice.body


# New content ------------------------------------------------------------------------------------


@pytest.fixture
def topic(db):
    return TopicFactory(name="Engineering")


def _follower(topic, **extra):
    user = UserFactory(**extra)
    topic.followers.add(user)
    return user


def _new_item(topic, **extra):
    item = ContentItemFactory(title="We open an office in Gdańsk", **extra)
    item.topics.add(topic)
    return item


def test_followers_hear_once_about_an_item_that_went_live(
    topic, mailoutbox, django_capture_on_commit_callbacks
):
    ada, bob = _follower(topic), _follower(topic)
    UserFactory()  # follows nothing
    item = _new_item(topic)
    assert new_content_notify() == 1
    notices = Notification.objects.filter(kind=Kind.NEW_CONTENT)
    assert {n.user for n in notices} == {ada, bob}
    assert notices[0].title == "New to share: We open an office in Gdańsk"
    assert notices[0].body == "In Engineering"
    assert notices[0].url == f"/content/{item.pk}/"
    assert mailoutbox == []  # e-mail about new content is off by default
    assert new_content_notify() == 0
    assert new_content_notify_task.call() == 0
    assert notices.count() == 2


def test_a_scheduled_item_is_announced_when_its_time_comes(topic):
    ada = _follower(topic)
    item = _new_item(topic, publish_at=timezone.now() + timedelta(hours=2))
    assert new_content_notify() == 0
    assert new_content_notify(now=item.publish_at + timedelta(minutes=3)) == 1
    assert Notification.objects.get().user == ada


def test_only_followers_in_the_items_audience_and_languages_hear_of_it(topic):
    sales, tech = DepartmentFactory(name="Sales"), DepartmentFactory(name="Tech")
    in_sales = _follower(topic, department=sales)
    _follower(topic, department=tech)
    _follower(topic, department=sales, preferred_languages=["pl"])
    item = _new_item(topic)
    item.audience_departments.add(sales)
    new_content_notify()
    assert [n.user for n in Notification.objects.all()] == [in_sales]


def test_drafts_old_items_and_items_without_topics_are_not_announced(topic):
    _follower(topic)
    _new_item(topic, publish_at=None)
    _new_item(topic, publish_at=timezone.now() - timedelta(days=3))
    ContentItemFactory()
    assert new_content_notify() == 0
    assert not Notification.objects.exists()


def test_the_job_is_a_command_and_runs_every_minute(topic, settings):
    _follower(topic)
    _new_item(topic)
    out = StringIO()
    call_command("notify_new_content", stdout=out)
    assert "1 new items announced" in out.getvalue()
    call_command("notify_new_content", enqueue=True, stdout=out)
    assert "queued" in out.getvalue()
    assert Notification.objects.count() == 1
    assert settings.CHORUS_PERIODIC_JOBS["notify_new_content"] == 60
