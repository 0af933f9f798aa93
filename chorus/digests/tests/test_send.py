"""Sending the digest: what goes in, the message itself, unsubscribing, and never twice."""

import io
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from chorus.accounts.tests.factories import DepartmentFactory
from chorus.content.tests.factories import ContentItemFactory, TopicFactory
from chorus.digests import services
from chorus.digests.models import DigestSend
from chorus.digests.selectors import digest_items_for
from chorus.digests.services import _claim, digests_send_due
from chorus.notifications.choices import DigestFrequency
from chorus.notifications.models import NotificationSettings
from chorus.notifications.selectors import notification_digest_of
from chorus.program.services import program_settings_update

from .helpers import due_all_week, member


def _ago(**delta):
    return timezone.now() - timedelta(**delta)


def test_items_are_chosen_for_the_person_featured_and_followed_topics_first(db):
    sales, engineering = DepartmentFactory(name="Sales"), DepartmentFactory(name="Engineering")
    person = member(department=engineering, preferred_languages=["en", "pl"])
    cloud = TopicFactory(name="Cloud")
    cloud.followers.add(person)
    plain = ContentItemFactory(title="Plain news", publish_at=_ago(hours=1))
    followed = ContentItemFactory(title="Cloud news", publish_at=_ago(hours=5))
    followed.topics.add(cloud)
    featured = ContentItemFactory(title="Big launch", featured=True, publish_at=_ago(hours=9))
    polish = ContentItemFactory(title="Po polsku", language="pl", publish_at=_ago(hours=2))
    ContentItemFactory(title="In Thai", language="th")  # a language they do not read
    for_sales = ContentItemFactory(title="For sales only")
    for_sales.audience_departments.add(sales)
    ContentItemFactory(title="Internal", shareable=False)
    ContentItemFactory(title="Old", publish_at=_ago(days=9))
    ContentItemFactory(title="Scheduled", publish_at=timezone.now() + timedelta(hours=2))
    ContentItemFactory(title="Expired", expires_at=_ago(minutes=1))
    items = digest_items_for(user=person, since=_ago(days=7), now=timezone.now())
    assert items == [featured, followed, plain, polish]


def test_a_digest_holds_at_most_six_items(db):
    person = member()
    for n in range(9):
        ContentItemFactory(title=f"News {n}")
    assert len(digest_items_for(user=person, since=_ago(days=7), now=timezone.now())) == 6


def test_the_digest_has_html_and_text_parts_with_absolute_one_tap_share_links(db, mailoutbox):
    due_all_week()
    program_settings_update(
        name="Acme Voices", networks=["linkedin"], allowed_signup_domains=[], default_language="en"
    )
    person = member(email="ada@acme.test", display_name="Ada")
    first = ContentItemFactory(title="Our new office", note="We **opened** in Kraków.")
    second = ContentItemFactory(title="We are hiring", description="Ten roles in Bangkok.")
    assert digests_send_due() == {"sent": 1, "skipped": 0, "failed": 0, "retry": 0, "done": 0}
    (message,) = mailoutbox
    assert message.to == ["ada@acme.test"]
    assert message.subject == "Your week at Acme Voices: 2 new posts to share"
    html = message.alternatives[0].content
    assert message.alternatives[0].mimetype == "text/html"
    for item in (first, second):
        share = settings.CHORUS_BASE_URL + reverse("sharing:compose", args=[item.pk])
        assert share.startswith("http")
        assert f'href="{share}"' in html
        assert share in message.body
    assert "We opened in Kraków." in message.body  # Markdown as plain text
    assert "Ten roles in Bangkok." in html
    assert "Hello Ada," in message.body
    assert 'lang="en"' in html
    assert "max-width:600px" in html
    assert "http" not in html.split("<body", 1)[0].replace("http://www.w3.org/1999/xhtml", "")
    row = DigestSend.objects.get(user=person)
    assert (row.state, row.items, row.sent_at is not None) == (DigestSend.State.SENT, 2, True)


def test_the_owners_intro_comes_first_in_the_persons_language_else_the_programs(db, mailoutbox):
    config = due_all_week()
    config.intro = {"en": "Thanks for **sharing**!", "pl": "Dzięki, że się dzielisz!"}
    config.save()
    member(email="piotr@acme.test", language="pl")
    member(email="malee@acme.test", language="th")
    ContentItemFactory(title="News")
    digests_send_due()
    by_person = {message.to[0]: message for message in mailoutbox}
    polish = by_person["piotr@acme.test"]
    assert "Dzięki, że się dzielisz!" in polish.body
    assert 'lang="pl"' in polish.alternatives[0].content
    thai = by_person["malee@acme.test"]
    assert "<strong>sharing</strong>" in thai.alternatives[0].content  # no Thai intro: English
    assert 'lang="th"' in thai.alternatives[0].content


def test_with_nothing_new_nothing_is_sent_and_the_period_is_settled(db, mailoutbox):
    due_all_week()
    person = member()
    ContentItemFactory(title="Old", publish_at=_ago(days=10))
    assert digests_send_due()["skipped"] == 1
    assert mailoutbox == []
    assert DigestSend.objects.get(user=person).state == DigestSend.State.SKIPPED
    ContentItemFactory(title="Fresh")  # new now, but this week's digest was settled
    assert digests_send_due() == {"sent": 0, "skipped": 0, "failed": 0, "retry": 0, "done": 0}


def test_the_next_digest_holds_only_what_came_since_the_previous_one(db, mailoutbox):
    due_all_week()
    person = member()
    ContentItemFactory(title="Last week", publish_at=_ago(days=3))
    DigestSend.objects.create(
        user=person, period="w:2000-W01", state=DigestSend.State.SENT, sent_at=_ago(days=2)
    )
    ContentItemFactory(title="Since then")
    digests_send_due()
    assert "Since then" in mailoutbox[0].body
    assert "Last week" not in mailoutbox[0].body


def test_running_send_digests_twice_sends_one_digest_per_person(db, mailoutbox):
    due_all_week()
    people = [member() for _ in range(3)]
    ContentItemFactory(title="News")
    out = io.StringIO()
    call_command("send_digests", stdout=out)
    assert "3 sent" in out.getvalue()
    call_command("send_digests", stdout=out)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(p.email for p in people)
    assert settings.CHORUS_PERIODIC_JOBS["send_digests"] == 600


def test_send_digests_enqueue_leaves_it_to_the_task(db, mailoutbox):
    due_all_week()
    member()
    ContentItemFactory(title="News")
    out = io.StringIO()
    call_command("send_digests", enqueue=True, stdout=out)  # tests run tasks at once
    assert "queued" in out.getvalue()
    assert len(mailoutbox) == 1


def test_list_unsubscribe_one_click_turns_the_digest_off_for_the_next_send(db, client, mailoutbox):
    due_all_week()
    person = member()
    ContentItemFactory(title="News")
    digests_send_due()
    (message,) = mailoutbox
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert link.startswith(settings.CHORUS_BASE_URL + "/notifications/unsubscribe/")
    assert link in message.body
    assert link in message.alternatives[0].content
    # The mail client's POST (RFC 8058): no cookies, no CSRF token.
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    response = client.post(path, {"List-Unsubscribe": "One-Click"}, enforce_csrf_checks=True)
    assert response.status_code == 200
    assert notification_digest_of(user=person) == DigestFrequency.OFF
    # Next week: nothing for them.
    DigestSend.objects.all().delete()
    ContentItemFactory(title="More news")
    assert digests_send_due()["sent"] == 0
    assert len(mailoutbox) == 1


def test_daily_people_get_a_daily_subject(db, mailoutbox):
    due_all_week()
    person = member()
    NotificationSettings.objects.create(user=person, digest=DigestFrequency.DAILY)
    ContentItemFactory(title="News")
    digests_send_due()
    assert mailoutbox[0].subject.startswith("Your day at ")
    assert mailoutbox[0].subject.endswith(": 1 new post to share")
    assert DigestSend.objects.get().period.startswith("d:")


def test_images_are_absolute_urls(db, mailoutbox):
    due_all_week()
    member()
    item = ContentItemFactory(title="With a picture")
    item.image.save("office.png", ContentFile(b"\x89PNG fake"), save=True)
    digests_send_due()
    html = mailoutbox[0].alternatives[0].content
    assert f'src="{settings.CHORUS_BASE_URL}{item.image.url}"' in html


@pytest.mark.parametrize("state", [DigestSend.State.SENT, DigestSend.State.SKIPPED])
def test_a_finished_digest_is_never_claimed_again(db, mailoutbox, state):
    due_all_week()
    person = member()
    ContentItemFactory(title="News")
    row = DigestSend.objects.create(user=person, period="w:2000-W01", state=state)
    assert _claim(row=row, now=timezone.now()) is None


def test_a_digest_that_cannot_be_built_holds_up_nobody_and_gives_up_after_five_tries(
    db, mailoutbox, monkeypatch
):
    due_all_week()
    odd, fine = member(email="odd@acme.test"), member(email="fine@acme.test")
    ContentItemFactory(title="News")
    build = services.digest_email

    def digest_email(*, user, **kwargs):
        if user == odd:
            raise ValueError("a broken template")
        return build(user=user, **kwargs)

    monkeypatch.setattr(services, "digest_email", digest_email)
    assert digests_send_due()["error"] == 1
    assert [m.to for m in mailoutbox] == [["fine@acme.test"]]
    row = DigestSend.objects.get(user=odd)
    assert (row.state, row.error) == (DigestSend.State.PENDING, "ValueError: a broken template")
    for _attempt in range(4):
        digests_send_due()
    row.refresh_from_db()
    assert (row.state, row.attempts) == (DigestSend.State.PENDING, 5)
    digests_send_due()  # out of attempts: given up for this period
    row.refresh_from_db()
    assert row.state == DigestSend.State.FAILED
    assert "broken template" in row.error
    assert len(mailoutbox) == 1
    assert fine.digest_sends.get().state == DigestSend.State.SENT
