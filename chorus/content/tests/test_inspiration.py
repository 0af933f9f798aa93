"""The inspiration inbox, fed by real RSS and Atom feeds served from a local web server.

The feeds are captured real-world feeds (see the test data's SOURCE.md); the `web` fixture
serves them on 127.0.0.1, which the fetcher only reaches with CHORUS_FETCH_ALLOW_PRIVATE.
"""

import json
from html import escape
from pathlib import Path

import pytest
from django.urls import reverse

from chorus.content.models import ContentItem, InspirationEntry, InspirationSource

FEEDS = Path(__file__).resolve().parents[3].parent / "shared" / "testdata" / "rss-atom-sample-feeds"
RSS = "real-world/ee43b6c3afd282f5ca6dd3c294ec1f2e"  # NASA Breaking News: RSS 2.0, 10 items
ATOM = "real-world/6769a7aac9914f98016cb5d26eef1939"  # Rowan Manning's blog: Atom 1.0, 19 items


def _feed(name: str) -> tuple[bytes, list[dict]]:
    """The feed's bytes and the items another parser found in it."""
    if not FEEDS.is_dir():
        pytest.skip(f"the sample feeds are not there: {FEEDS}")
    expected = json.loads((FEEDS / name / "expected.feed-parser.json").read_text())
    return (FEEDS / name / "feed.xml").read_bytes(), expected["feed"]["items"]


def _source(url: str, name: str = "Feed") -> InspirationSource:
    return InspirationSource.objects.create(url=url, name=name)


def _entry(source: InspirationSource, n: int = 1, **fields) -> InspirationEntry:
    return InspirationEntry.objects.create(
        source=source,
        guid=f"guid-{n}",
        url=fields.pop("url", f"https://news.acme.test/{n}"),
        title=fields.pop("title", f"Entry {n}"),
        summary=fields.pop("summary", "What happened."),
        **fields,
    )


def test_an_rss_and_an_atom_feed_become_inspiration_entries(
    login, curator, web, django_capture_on_commit_callbacks
):
    rss, rss_items = _feed(RSS)
    atom, atom_items = _feed(ATOM)
    rss_url = web.add("/nasa.rss", rss, content_type="application/rss+xml")
    atom_url = web.add("/blog.atom", atom, content_type="application/atom+xml")
    client = login(curator)
    for url, name in ((rss_url, "NASA"), (atom_url, "Rowan's blog")):
        with django_capture_on_commit_callbacks(execute=True):  # the first poll runs after commit
            response = client.post(
                reverse("content:inspiration-source-add"), {"url": url, "name": name}
            )
        assert response.status_code == 302

    nasa, blog = (
        InspirationSource.objects.get(name="NASA"),
        InspirationSource.objects.get(name="Rowan's blog"),
    )
    assert nasa.last_error == blog.last_error == ""
    assert nasa.last_polled_at is not None
    assert {e.title for e in nasa.entries.all()} == {i["title"] for i in rss_items}
    assert {e.title for e in blog.entries.all()} == {i["title"] for i in atom_items}
    assert {e.url for e in nasa.entries.all()} == {i["url"] for i in rss_items}
    assert all(e.published_at for e in nasa.entries.all())

    page = client.get(reverse("content:inspiration")).content.decode()
    assert escape(rss_items[0]["title"]) in page
    assert escape(atom_items[0]["title"]) in page
    assert "NASA" in page


def test_polling_twice_adds_nothing_twice(login, curator, web):
    rss, items = _feed(RSS)
    source = _source(web.add("/nasa.rss", rss, content_type="application/rss+xml"))
    client = login(curator)
    poll = reverse("content:inspiration-source-poll", args=[source.pk])

    first = client.post(poll, follow=True)
    assert f"{len(items)} new entries" in first.content.decode()
    second = client.post(poll, follow=True)
    assert "nothing new" in second.content.decode()
    assert source.entries.count() == len(items)


def test_a_second_poll_asks_conditionally_and_a_304_adds_nothing(login, curator, web):
    rss, items = _feed(RSS)
    etag, modified = '"nasa-v1"', "Tue, 05 Apr 2022 10:27:00 GMT"
    url = web.add(
        "/nasa.rss",
        rss,
        content_type="application/rss+xml",
        headers={"ETag": etag, "Last-Modified": modified},
    )
    source = _source(url)
    client = login(curator)
    poll = reverse("content:inspiration-source-poll", args=[source.pk])

    client.post(poll)
    assert "If-None-Match" not in web.hits[-1][1]
    source.refresh_from_db()
    assert (source.etag, source.last_modified) == (etag, modified)
    assert source.entries.count() == len(items)

    # The feed is unchanged: the server answers the conditional request with 304 Not Modified.
    web.add("/nasa.rss", b"", status=304, headers={"ETag": etag})
    response = client.post(poll, follow=True)
    _path, headers = web.hits[-1]
    assert headers["If-None-Match"] == etag
    assert headers["If-Modified-Since"] == modified
    assert "nothing new" in response.content.decode()
    source.refresh_from_db()
    assert source.last_error == ""
    assert source.entries.count() == len(items)


def test_a_source_that_is_not_a_feed_shows_a_clear_error(login, curator, web):
    url = web.add("/about", b"<!doctype html><html><head><title>About us</title></head></html>")
    source = _source(url, name="Our website")
    client = login(curator)
    response = client.post(
        reverse("content:inspiration-source-poll", args=[source.pk]), follow=True
    )
    source.refresh_from_db()
    assert source.last_error == "This is not an RSS or Atom feed."
    assert not source.entries.exists()
    assert "could not be read" in response.content.decode()
    page = client.get(reverse("content:inspiration")).content.decode()
    assert "This is not an RSS or Atom feed." in page


def test_a_feed_added_twice_is_refused_with_a_message(login, curator):
    _source("https://news.acme.test/feed.xml")
    response = login(curator).post(
        reverse("content:inspiration-source-add"), {"url": "https://news.acme.test/feed.xml"}
    )
    assert response.status_code == 200
    assert "This feed is there already." in response.content.decode()
    assert InspirationSource.objects.count() == 1


def test_using_an_entry_makes_a_draft_and_takes_it_out_of_the_inbox(login, curator):
    entry = _entry(_source("https://news.acme.test/feed.xml"), title="Orbit ships 2.0")
    client = login(curator)
    response = client.post(reverse("content:inspiration-entry-use", args=[entry.pk]))
    item = ContentItem.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("content:item-edit", args=[item.pk])
    assert (item.title, item.url, item.status) == (
        "Orbit ships 2.0",
        "https://news.acme.test/1",
        ContentItem.Status.DRAFT,
    )
    assert item.created_by == curator
    assert "Orbit ships 2.0" not in client.get(reverse("content:inspiration")).content.decode()


def test_dismissing_an_entry_through_htmx_removes_its_row(login, curator):
    entry = _entry(_source("https://news.acme.test/feed.xml"), title="Not for us")
    client = login(curator)
    page = client.get(reverse("content:inspiration")).content.decode()
    assert f'hx-target="#entry-{entry.pk}"' in page
    response = client.post(
        reverse("content:inspiration-entry-dismiss", args=[entry.pk]),
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert response.content == b""
    entry.refresh_from_db()
    assert entry.dismissed_at is not None
    assert "Not for us" not in client.get(reverse("content:inspiration")).content.decode()


def test_dismissing_without_javascript_comes_back_to_the_inbox(login, curator):
    entry = _entry(_source("https://news.acme.test/feed.xml"), title="Not for us")
    response = login(curator).post(
        reverse("content:inspiration-entry-dismiss", args=[entry.pk]), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("content:inspiration")
    assert "Dismissed" in response.content.decode()
    assert not ContentItem.objects.exists()


@pytest.mark.parametrize(
    ("name", "method", "needs"),
    [
        ("content:inspiration", "get", None),
        ("content:inspiration-source-add", "post", None),
        ("content:inspiration-source-poll", "post", "source"),
        ("content:inspiration-entry-use", "post", "entry"),
        ("content:inspiration-entry-dismiss", "post", "entry"),
    ],
)
def test_an_advocate_cannot_use_the_inspiration_inbox(login, advocate, name, method, needs):
    entry = _entry(_source("https://news.acme.test/feed.xml"))
    args = {None: [], "source": [entry.source_id], "entry": [entry.pk]}[needs]
    data = {"url": "https://other.acme.test/feed.xml"}
    response = getattr(login(advocate), method)(reverse(name, args=args), data)
    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.dismissed_at is None
    assert entry.item is None
    assert InspirationSource.objects.count() == 1


def test_an_outsider_is_sent_to_sign_in(outsider, db):
    response = outsider.get(reverse("content:inspiration"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_inbox_keeps_its_query_count(login, curator, django_assert_max_num_queries):
    sources = [_source(f"https://news{n}.acme.test/feed.xml", name=f"Feed {n}") for n in range(3)]
    for n in range(24):
        _entry(sources[n % 3], n)
    client = login(curator)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("content:inspiration"))
    assert response.content.decode().count('hx-post="/content/inspiration/') == 24


def test_the_poll_command_reads_every_feed_and_reports(curator, web, capsys):
    from django.core.management import call_command

    from chorus.content.models import InspirationEntry, InspirationSource

    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Acme</title>'
        b"<link>https://acme.example/</link><item><title>Hello</title>"
        b"<link>https://acme.example/hello</link><guid>hello</guid></item></channel></rss>"
    )
    url = web.add("/feed.xml", feed, content_type="application/rss+xml")
    InspirationSource.objects.create(name="Acme", url=url, added_by=curator)
    call_command("poll_inspiration")
    call_command("poll_inspiration")
    assert InspirationEntry.objects.count() == 1
    assert "Acme: 1 new" in capsys.readouterr().out


def test_a_feed_on_a_private_address_is_refused_and_says_why(
    curator, settings, django_capture_on_commit_callbacks
):
    from chorus.content.services import inspiration_source_create

    settings.CHORUS_FETCH_ALLOW_PRIVATE = False
    with django_capture_on_commit_callbacks(execute=True):
        source = inspiration_source_create(
            added_by=curator, url="http://169.254.169.254/latest/meta-data/"
        )
    source.refresh_from_db()
    assert "private or local" in source.last_error
    assert not source.entries.exists()
