import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from chorus.core.errors import ChorusError, ForbiddenError
from chorus.notifications.models import Announcement
from chorus.notifications.selectors import announcement_last, announcements_recent
from chorus.notifications.services import announcement_create

URL = reverse("notifications:announcements")


def _announcement(title: str, *, days_ago: float, by=None) -> Announcement:
    return Announcement.objects.create(
        title=title,
        body=f"About {title}.",
        created_by=by,
        published_at=timezone.now() - dt.timedelta(days=days_ago),
    )


def test_an_owner_publishes_an_announcement_now(owner):
    before = timezone.now()
    announcement = announcement_create(by=owner, title="  Hello  ", body="**Thanks** all.")
    assert announcement.title == "Hello"
    assert announcement.created_by == owner
    assert before <= announcement.published_at <= timezone.now()
    assert announcement_last() == announcement


@pytest.mark.parametrize("persona", ["advocate", "curator"])
def test_only_owners_may_write_announcements(request, persona):
    with pytest.raises(ForbiddenError):
        announcement_create(by=request.getfixturevalue(persona), title="Hi", body="Hi")
    assert not Announcement.objects.exists()


@pytest.mark.parametrize(
    ("title", "body", "code"),
    [("", "Text", "title_missing"), ("Title", "   ", "body_missing")],
)
def test_an_announcement_needs_a_title_and_a_message(owner, title, body, code):
    with pytest.raises(ChorusError) as caught:
        announcement_create(by=owner, title=title, body=body)
    assert caught.value.code == code


def test_recent_announcements_come_newest_first_and_leave_out_future_ones(db):
    old = _announcement("Old", days_ago=20)
    newest = _announcement("Newest", days_ago=1)
    middle = _announcement("Middle", days_ago=5)
    _announcement("Planned", days_ago=-2)
    assert announcements_recent() == [newest, middle, old]
    assert announcements_recent(limit=2) == [newest, middle]
    assert announcement_last() == newest


def test_without_announcements_there_is_no_last_one(db):
    assert announcement_last() is None
    assert announcements_recent() == []


def test_an_owner_writes_an_announcement_on_the_page_and_sees_it_listed(login, owner):
    client = login(owner)
    response = client.post(URL, {"title": "Connect London", "body": "See you *there*."})
    assert response.status_code == 302
    page = client.get(URL).content.decode()
    assert "Connect London" in page
    assert "<em>there</em>" in page
    assert Announcement.objects.get().created_by == owner


def test_an_empty_message_is_shown_back_with_an_error(login, owner):
    response = login(owner).post(URL, {"title": "Hi", "body": ""})
    assert response.status_code == 200
    assert not Announcement.objects.exists()
    assert 'class="error"' in response.content.decode()


@pytest.mark.parametrize("persona", ["advocate", "curator"])
def test_advocates_and_curators_cannot_open_the_announcements_page(request, login, persona):
    client = login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"title": "Hi", "body": "Hi"}).status_code == 403
    assert not Announcement.objects.exists()


def test_someone_signed_out_is_sent_to_sign_in(outsider, db):
    response = outsider.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_advocates_see_the_latest_two_announcements_on_their_home_page(login, advocate, owner):
    _announcement("First news", days_ago=9, by=owner)
    _announcement("Second news", days_ago=4, by=owner)
    _announcement("Third news", days_ago=1, by=owner)
    page = login(advocate).get(reverse("home:index")).content.decode()
    assert "Third news" in page
    assert "Second news" in page
    assert "First news" not in page
    assert page.index("Third news") < page.index("Second news")


def test_employees_who_have_not_joined_see_no_announcements(login, employee, owner):
    _announcement("Members only", days_ago=1, by=owner)
    page = login(employee).get(reverse("home:index")).content.decode()
    assert "Members only" not in page
