"""The owners' pages: the digest settings with the latest runs, and the preview."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from chorus.content.tests.factories import ContentItemFactory
from chorus.digests.models import DigestSend
from chorus.digests.selectors import digest_settings_get
from chorus.notifications.choices import DigestFrequency
from chorus.notifications.selectors import notification_digest_of

from .helpers import member


def test_only_owners_open_the_digest_pages(client, login, advocate, curator, owner):
    urls = [
        reverse("digests:settings"),
        reverse("digests:preview"),
        reverse("digests:preview-html"),
    ]
    for url in urls:
        assert client.get(url).status_code == 302  # sign in first
    for person in (advocate, curator):
        for url in urls:
            assert login(person).get(url).status_code == 403
    for url in urls:
        assert login(owner).get(url).status_code == 200


def test_owners_set_the_day_the_hour_and_an_intro_per_language(login, owner):
    client = login(owner)
    response = client.post(
        reverse("digests:settings"),
        {
            "weekday": "4",
            "hour": "17",
            "intro_en": " Thanks, all! ",
            "intro_pl": "",
            "intro_th": "",
        },
    )
    assert response.status_code == 302
    config = digest_settings_get()
    assert (config.weekday, config.hour, config.intro) == (4, 17, {"en": "Thanks, all!"})
    page = client.get(reverse("digests:settings")).content.decode()
    assert '<option value="4" selected>' in page
    assert "Thanks, all!" in page


def test_a_bad_hour_is_refused_on_the_form(login, owner):
    response = login(owner).post(reverse("digests:settings"), {"weekday": "0", "hour": "24"})
    assert response.status_code == 200
    assert digest_settings_get().hour == 8


def test_the_settings_page_shows_the_latest_periods_and_the_failures(login, owner):
    ada, bob, cy = member(email="ada@acme.test"), member(email="bob@acme.test"), member()
    DigestSend.objects.create(user=ada, period="w:2026-W48", state=DigestSend.State.SENT)
    DigestSend.objects.create(user=cy, period="w:2026-W48", state=DigestSend.State.SKIPPED)
    DigestSend.objects.create(
        user=bob,
        period="w:2026-W48",
        state=DigestSend.State.FAILED,
        attempts=1,
        error="550 No such user",
    )
    page = login(owner).get(reverse("digests:settings")).content.decode()
    assert "w:2026-W48" in page
    assert '<td class="num">1</td><td class="num">1</td><td class="num">1</td>' in page
    assert "550 No such user" in page
    assert "bob@acme.test" in page


def test_the_preview_shows_the_digest_a_chosen_advocate_would_get(login, owner):
    person = member(email="piotr@acme.test", display_name="Piotr", language="pl")
    ContentItemFactory(title="Nowe biuro w Krakowie")
    client = login(owner)
    page = client.get(reverse("digests:preview"), {"user": person.pk}).content.decode()
    assert "piotr@acme.test" in page
    assert "Nowe biuro w Krakowie" in page  # in the text part
    assert f'src="/digests/preview/html/?user={person.pk}"' in page
    assert "style=" not in page.split("<main", 1)[1]  # our page stays within its CSP
    frame = client.get(reverse("digests:preview-html"), {"user": person.pk, "lang": "en"})
    html = frame.content.decode()
    assert 'lang="en"' in html
    assert "Nowe biuro w Krakowie" in html
    assert "Hello Piotr," in html
    policy = frame["Content-Security-Policy"]
    assert "style-src 'unsafe-inline'" in policy
    assert "script-src" not in policy
    assert "frame-ancestors 'self'" in policy
    assert frame["X-Frame-Options"] == "SAMEORIGIN"
    # Nothing was sent or recorded.
    assert not DigestSend.objects.exists()


def test_the_preview_with_nothing_new_shows_the_latest_items_and_says_so(login, owner):
    ContentItemFactory(title="Older news", publish_at=timezone.now() - timedelta(days=20))
    page = login(owner).get(reverse("digests:preview")).content.decode()
    assert "Older news" in page
    assert "none would be sent" in page


def test_the_preview_of_someone_unknown_is_not_found(login, owner):
    client = login(owner)
    for odd in ("999999", "abc", "9" * 40):
        assert client.get(reverse("digests:preview"), {"user": odd}).status_code == 404


def test_people_choose_how_often_on_their_notification_settings(login, advocate):
    client = login(advocate)
    page = client.get(reverse("notifications:settings")).content.decode()
    assert "The digest of new content" in page
    response = client.post(reverse("notifications:settings"), {"digest": "daily"})
    assert response.status_code == 302
    assert notification_digest_of(user=advocate) == DigestFrequency.DAILY
