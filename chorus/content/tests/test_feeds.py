import json
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from chorus.content.feeds import MAX_GUID, MAX_SUMMARY, feed_parse
from chorus.core.errors import ChorusError

# Shared test data outside the project (GPL-3.0 feeds: test input only, never shipped or copied).
SAMPLES = (
    Path(__file__).resolve().parents[3].parent / "shared" / "testdata" / "rss-atom-sample-feeds"
)

# Where we knowingly differ from the reference parser's snapshot, by feed hash and item id.
# "Apple Example Podcast" has `<link>href="http://example.com/…</link>`: feed-parser keeps it
# percent-encoded, we drop a link with a quote in it.
BROKEN_LINKS = {"252e034a6870a2a1e1580f8dd148c795": {"aae20190530"}}

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">
<channel>
  <title>Acme &amp; Co news</title>
  <link>https://acme.example/news/</link>
  <item>
    <title>Our <b>new</b> plant</title>
    <link>/news/plant</link>
    <guid isPermaLink="false">acme-1</guid>
    <description><![CDATA[<p>It   opens
      <em>today</em>.</p>]]></description>
    <pubDate>Tue, 01 Apr 2025 10:30:00 +0200</pubDate>
    <media:content url="https://cdn.acme.example/plant.jpg" medium="image"/>
  </item>
  <item>
    <title>No id, no link</title>
    <pubDate>Wed, 02 Apr 2025 08:00:00 GMT</pubDate>
    <enclosure url="/img/second.png" type="image/png" length="1"/>
  </item>
</channel>
</rss>
"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">Acme &lt;i&gt;blog&lt;/i&gt;</title>
  <link href="https://acme.example/blog/"/>
  <id>urn:uuid:60a76c80-d399-11d9-b93c-0003939e0af6</id>
  <updated>2025-04-03T12:00:00Z</updated>
  <entry>
    <title>Hello, world</title>
    <link rel="alternate" href="posts/hello"/>
    <id>tag:acme.example,2025:hello</id>
    <published>2025-04-03T09:15:00-05:00</published>
    <updated>2025-04-04T00:00:00Z</updated>
    <content type="html">&lt;p&gt;Only content, &lt;b&gt;no&lt;/b&gt; summary.&lt;/p&gt;</content>
    <media:thumbnail xmlns:media="http://search.yahoo.com/mrss/" url="/thumbs/hello.jpg"/>
  </entry>
</feed>
"""


def _rss_item(item: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Feed</title><link>https://acme.example/</link><item>{item}</item>"
        "</channel></rss>"
    ).encode()


def _samples() -> list:
    if not (SAMPLES / "index.json").is_file():
        reason = f"the shared sample feeds are not at {SAMPLES}"
        return [pytest.param(None, marks=pytest.mark.skip(reason=reason), id="no-samples")]
    index = json.loads((SAMPLES / "index.json").read_text())
    return [pytest.param(sample, id=f"{sample['kind']}-{sample['hash'][:8]}") for sample in index]


def _words(text: str | None) -> str:
    return " ".join((text or "").split())


def _same_url(ours: str, theirs: str) -> bool:
    def normal(url: str) -> tuple:
        parts = urlsplit(url)
        return (parts.scheme, parts.netloc, parts.path or "/", parts.query, parts.fragment)

    return normal(ours) == normal(theirs)


@pytest.mark.parametrize("sample", _samples())
def test_sample_feeds_parse_like_the_reference_parser(sample):
    expected = json.loads((SAMPLES / sample["expected"]).read_text())["feed"]
    feed = feed_parse((SAMPLES / sample["file"]).read_bytes(), url=sample["original"])

    assert feed.title == _words(expected["title"])
    if expected["url"]:
        assert _same_url(feed.link, expected["url"])
    assert len(feed.entries) == len(expected["items"])
    broken = BROKEN_LINKS.get(sample["hash"], set())
    for ours, theirs in zip(feed.entries, expected["items"], strict=True):
        assert ours.title == _words(theirs["title"])
        if theirs["id"]:
            assert ours.guid == theirs["id"].strip()[:MAX_GUID]
        assert ours.guid
        if theirs["id"] in broken:
            assert ours.url == ""
        elif theirs["url"]:
            assert _same_url(ours.url, theirs["url"])
        else:
            # RSS 2.0: a permalink <guid> is the item's link when it has no <link>.
            assert ours.url in ("", ours.guid)
        when = theirs["published"] or theirs["updated"]
        if when:
            assert ours.published == datetime.fromisoformat(when).replace(microsecond=0)
        if theirs.get("image"):
            assert ours.image_url == theirs["image"]["url"]
        assert ours.url == "" or ours.url.startswith(("http://", "https://"))
        assert len(ours.summary) <= MAX_SUMMARY


def test_an_rss_feed_gives_entries_with_guid_title_url_and_date():
    feed = feed_parse(RSS, url="https://acme.example/feeds/news.xml")
    assert feed.title == "Acme & Co news"
    assert feed.link == "https://acme.example/news/"
    first, second = feed.entries
    assert first.guid == "acme-1"
    assert first.title == "Our new plant"
    assert first.url == "https://acme.example/news/plant"
    assert first.summary == "It opens today."
    assert first.published == datetime(2025, 4, 1, 8, 30, tzinfo=UTC)
    assert first.image_url == "https://cdn.acme.example/plant.jpg"
    assert second.url == ""
    assert len(second.guid) == 64  # a hash of title and date
    assert second.published == datetime(2025, 4, 2, 8, 0, tzinfo=UTC)
    assert second.image_url == "https://acme.example/img/second.png"


def test_an_atom_feed_gives_entries_with_guid_title_url_and_date():
    feed = feed_parse(ATOM, url="https://acme.example/blog/atom.xml")
    assert feed.title == "Acme blog"
    assert feed.link == "https://acme.example/blog/"
    (entry,) = feed.entries
    assert entry.guid == "tag:acme.example,2025:hello"
    assert entry.title == "Hello, world"
    assert entry.url == "https://acme.example/blog/posts/hello"
    assert entry.summary == "Only content, no summary."
    assert entry.published == datetime(2025, 4, 3, 14, 15, tzinfo=UTC)
    assert entry.published.tzinfo is UTC
    assert entry.image_url == "https://acme.example/thumbs/hello.jpg"


def test_parsing_the_same_bytes_twice_gives_the_same_guids():
    first = feed_parse(RSS, url="https://acme.example/feeds/news.xml")
    again = feed_parse(RSS, url="https://acme.example/feeds/news.xml")
    assert [e.guid for e in first.entries] == [e.guid for e in again.entries]
    assert first == again


def test_a_relative_guid_does_not_depend_on_where_the_feed_was_fetched():
    content = _rss_item("<title>Episode 1</title><guid>ep-1</guid>")
    one = feed_parse(content, url="https://a.example/feed")
    other = feed_parse(content, url="https://b.example/podcast/feed")
    assert one.entries[0].guid == other.entries[0].guid == "ep-1"
    assert one.entries[0].url == ""  # "ep-1" is a permalink by RSS's default, but no URL


@pytest.mark.parametrize(
    "content",
    [
        b"<!DOCTYPE html><html><head><title>Acme</title></head>"
        b"<body><h1>Welcome</h1><a href='/feed'>feed</a></body></html>",
        b'{"items": []}',
        b"",
        b"https://acme.example/feed.xml",
    ],
    ids=["html-page", "json", "empty", "a-url"],
)
def test_what_is_not_a_feed_is_refused(content):
    with pytest.raises(ChorusError) as refused:
        feed_parse(content, url="https://acme.example/", content_type="text/html")
    assert refused.value.code == "feed_invalid"
    assert refused.value.message == "This is not an RSS or Atom feed."


def test_bytes_naming_a_file_are_parsed_as_they_are_and_the_file_is_not_read(tmp_path):
    # feedparser opens a file when handed a path; content must only ever be content.
    path = tmp_path / "feed.xml"
    path.write_bytes(RSS)
    with pytest.raises(ChorusError):
        feed_parse(str(path).encode(), url="https://acme.example/feed")


def test_a_feed_served_as_html_is_still_a_feed():
    feed = feed_parse(RSS, url="https://acme.example/feed", content_type="text/html")
    assert len(feed.entries) == 2


def test_the_declared_encoding_is_honoured():
    content = (
        '<?xml version="1.0" encoding="iso-8859-2"?><rss version="2.0"><channel>'
        "<title>Zażółć gęślą jaźń</title><item><title>Łódź</title></item></channel></rss>"
    ).encode("iso-8859-2")
    feed = feed_parse(content, url="https://acme.example/feed")
    assert feed.title == "Zażółć gęślą jaźń"
    assert feed.entries[0].title == "Łódź"


def test_script_in_a_title_or_summary_becomes_plain_inert_text():
    content = _rss_item(
        "<title>&lt;script&gt;alert(1)&lt;/script&gt;Safe &lt;b&gt;title&lt;/b&gt;</title>"
        "<description><![CDATA[<script>alert(2)</script><img src=x onerror=alert(3)>"
        "<a href='javascript:alert(4)'>Read</a> on]]></description>"
        "<guid>https://acme.example/1</guid>"
    )
    (entry,) = feed_parse(content, url="https://acme.example/feed").entries
    assert entry.title == "Safe title"
    assert entry.summary == "Read on"


def test_an_escaped_tag_stays_as_text_and_is_not_markup():
    content = _rss_item("<title>Use &amp;lt;b&amp;gt; for bold</title><guid>x</guid>")
    (entry,) = feed_parse(content, url="https://acme.example/feed").entries
    assert entry.title == "Use <b> for bold"  # plain text: the template escapes it


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "ftp://acme.example/file",
        "mailto:someone@acme.example",
    ],
)
def test_a_link_that_is_not_http_is_dropped(link):
    content = _rss_item(
        f"<title>Bad</title><link>{link}</link>"
        f'<enclosure url="{link}" type="image/png" length="1"/>'
    )
    (entry,) = feed_parse(content, url="https://acme.example/feed").entries
    assert entry.url == ""
    assert entry.image_url == ""
    assert "javascript" not in entry.guid.lower()


def test_long_guids_and_summaries_are_cut():
    content = _rss_item(
        f'<title>Long</title><guid isPermaLink="false">{"g" * 900}</guid>'
        f"<description>{'word ' * 1000}</description>"
    )
    (entry,) = feed_parse(content, url="https://acme.example/feed").entries
    assert entry.guid == "g" * MAX_GUID
    assert len(entry.summary) == MAX_SUMMARY
    assert entry.summary.endswith("…")


def test_a_feed_without_entries_is_still_a_feed():
    content = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>'
    )
    feed = feed_parse(content, url="https://acme.example/feed")
    assert feed.title == "Quiet"
    assert feed.entries == []
