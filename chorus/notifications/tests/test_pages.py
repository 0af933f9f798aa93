"""The bell, the list and the settings page."""

import pytest
from django.urls import reverse

from chorus.notifications.choices import Channel, Kind
from chorus.notifications.models import Notification
from chorus.notifications.selectors import (
    notification_choices_of,
    notifications_all_off,
    notifications_unread_count,
)
from chorus.notifications.services import notify


def _notice(user, title="Your question has an answer", url="/questions/"):
    return notify(user=user, kind=Kind.QUESTION_ANSWERED, title=title, url=url)


def test_the_page_loads_the_bell_lazily_without_a_query_of_its_own(login, advocate):
    page = login(advocate).get(reverse("home:index")).content.decode()
    assert 'class="bell"' in page
    assert f'hx-get="{reverse("notifications:bell")}"' in page
    assert 'hx-trigger="load, every 60s"' in page
    assert 'aria-label="Notifications"' in page


def test_people_signed_out_see_no_bell(client, db):
    assert 'class="bell"' not in client.get(reverse("account_login")).content.decode()


def test_the_bell_shows_the_unread_count_and_keeps_polling_without_reloading_itself(
    login, advocate, django_assert_max_num_queries
):
    _notice(advocate)
    _notice(advocate)
    client = login(advocate)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("notifications:bell"), headers={"HX-Request": "true"})
    bell = response.content.decode()
    assert "<html" not in bell
    assert 'aria-label="Notifications: 2 unread"' in bell
    assert '<span class="bell__count" aria-hidden="true">2</span>' in bell
    assert 'hx-trigger="every 60s"' in bell  # no "load": the swapped-in bell must not loop


def test_the_bell_without_unread_has_no_badge(login, advocate):
    bell = login(advocate).get(reverse("notifications:bell")).content.decode()
    assert "bell__count" not in bell
    assert 'aria-label="Notifications"' in bell


def test_the_bell_asks_strangers_to_sign_in(client, db):
    assert client.get(reverse("notifications:bell")).status_code == 302


def test_the_list_shows_newest_first_highlights_unread_and_links(
    login, advocate, employee, django_assert_max_num_queries
):
    old = _notice(advocate, title="Older news")
    _notice(advocate, title="Newer news", url="/content/7/")
    _notice(employee, title="Not yours")
    Notification.objects.filter(pk=old.pk).update(read_at=old.created_at)
    client = login(advocate)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("notifications:list")).content.decode()
    assert page.index("Newer news") < page.index("Older news")
    assert "Not yours" not in page
    assert page.count("notif--unread") == 1
    assert '<a href="/content/7/">Newer news</a>' in page
    assert "Mark all as read" in page


def test_the_list_is_paginated(login, advocate):
    for n in range(35):
        _notice(advocate, title=f"Notice {n}")
    client = login(advocate)
    assert "Notice 34" in client.get(reverse("notifications:list")).content.decode()
    second = client.get(reverse("notifications:list") + "?page=2").content.decode()
    assert "Notice 0<" in second
    assert "Notice 34" not in second


def test_mark_all_as_read(login, advocate):
    _notice(advocate)
    _notice(advocate)
    client = login(advocate)
    response = client.post(reverse("notifications:read"))
    assert response.status_code == 302
    assert notifications_unread_count(user=advocate) == 0
    assert "You are all caught up." in client.get(reverse("notifications:list")).content.decode()


def test_marking_read_needs_a_post(login, advocate):
    _notice(advocate)
    assert login(advocate).get(reverse("notifications:read")).status_code == 405
    assert notifications_unread_count(user=advocate) == 1


def test_the_settings_page_shows_the_defaults_and_says_so(login, advocate):
    page = login(advocate).get(reverse("notifications:settings")).content.decode()
    per_channel = len(Kind) - 1  # the digest has a frequency instead of checkboxes
    assert page.count('type="checkbox"') == per_channel * len(Channel) + 1
    assert page.count(" checked") == per_channel * len(Channel) - 2
    assert '<option value="weekly" selected>' in page
    assert "e-mails about everything except: New content in topics I follow, A milestone" in page
    assert "Turn everything off" in page


def test_the_settings_page_saves_choices_and_everything_off(login, advocate):
    client = login(advocate)
    response = client.post(
        reverse("notifications:settings"),
        {"new_content__email": "on", "question_answered__in_app": "on", "all_off": "on"},
    )
    assert response.status_code == 302
    choices = notification_choices_of(user=advocate)
    assert choices[Kind.NEW_CONTENT, Channel.EMAIL] is True
    assert choices[Kind.QUESTION_ANSWERED, Channel.IN_APP] is True
    assert choices[Kind.QUESTION_ANSWERED, Channel.EMAIL] is False
    assert choices[Kind.MILESTONE, Channel.IN_APP] is False
    assert notifications_all_off(user=advocate) is True
    page = client.get(reverse("notifications:settings")).content.decode()
    assert page.count(" checked") == 3


def test_the_pages_ask_strangers_to_sign_in(client, db):
    for name in ("notifications:list", "notifications:settings"):
        assert client.get(reverse(name)).status_code == 302


@pytest.mark.parametrize("ids", [["²"], [str(2**70)], ["9" * 5000], ["-1", "abc"]])
def test_odd_ids_when_marking_read_change_nothing_and_do_not_fail(login, advocate, ids):
    from chorus.notifications.choices import Kind
    from chorus.notifications.services import notifications_mark_read, notify

    notice = notify(user=advocate, kind=Kind.QUESTION_ANSWERED, title="T")
    response = login(advocate).post(reverse("notifications:read"), {"ids": ids})
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.read_at is not None  # no usable ids: all are marked, as without ids
    assert notifications_mark_read(user=advocate, ids=[2**70]) == 0
