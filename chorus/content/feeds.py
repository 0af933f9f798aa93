"""RSS, Atom and RDF feeds as plain, safe entries. Parsing only: fetching lives elsewhere."""

import hashlib
import html
import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
import nh3
from django.utils.translation import gettext as _

from chorus.core.errors import ChorusError

MAX_GUID = 500
MAX_SUMMARY = 2000
_WHITESPACE = re.compile(r"\s+")
# Never part of a URL; a link holding them is broken markup (`<link>href="http://…</link>`).
_NOT_IN_URL = re.compile(r'[\s"<>\\]')


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed: plain text and absolute http(s) links only."""

    guid: str
    url: str
    title: str
    summary: str
    published: datetime | None
    image_url: str


@dataclass(frozen=True)
class ParsedFeed:
    """A feed's own title and link, and its entries in document order."""

    title: str
    link: str
    entries: list[FeedEntry]


def feed_parse(content: bytes, *, url: str, content_type: str | None = None) -> ParsedFeed:
    """The feed in `content`, fetched from `url`; ChorusError(code="feed_invalid") if it is none."""
    # A stream, never bytes or str: given those, feedparser may open a file or fetch a URL.
    # No content-location: feedparser would rewrite relative <guid>s with it, so an id would
    # depend on where the feed was fetched from. Links are made absolute here instead, and
    # HTML is stripped to text, so there are no URIs inside it to resolve.
    parsed = feedparser.parse(
        io.BytesIO(content),
        # Without a content type feedparser falls back to Latin-1; XML's own default is UTF-8.
        response_headers={"content-type": content_type or "application/xml"},
        resolve_relative_uris=False,
        sanitize_html=True,
    )
    feed = parsed.get("feed", {})
    title = _plain(feed.get("title", ""))
    entries = parsed.get("entries", [])
    # feedparser names no version for HTML pages and other non-feeds it could make sense of.
    if not parsed.get("version") or (parsed.get("bozo") and not entries and not title):
        raise ChorusError(_("This is not an RSS or Atom feed."), code="feed_invalid")
    return ParsedFeed(
        title=title,
        link=_absolute_url(feed.get("link", ""), base=url),
        entries=[_entry(entry, base=url) for entry in entries],
    )


def _entry(entry: dict[str, Any], *, base: str) -> FeedEntry:
    title = _plain(entry.get("title") or entry.get("itunes_title", ""))
    guid = (entry.get("id") or "").strip()
    link = entry.get("link", "")
    if entry.get("guidislink") and link == guid and not _absolute_url(guid, base=""):
        # RSS takes a <guid> for the link when there is no <link>; "aae20190418" is no URL.
        link = ""
    link = _absolute_url(link, base=base)
    published = _datetime(entry.get("published_parsed") or entry.get("updated_parsed"))
    guid = guid or link
    if not guid:
        # Neither id nor link: the same title and date always give the same guid.
        stamp = published.isoformat() if published else ""
        guid = hashlib.sha256(f"{title}\n{stamp}".encode()).hexdigest()
    summary = entry.get("summary") or next(
        (part.get("value", "") for part in entry.get("content", [])), ""
    )
    return FeedEntry(
        guid=guid[:MAX_GUID],
        url=link,
        title=title,
        summary=_truncate(_plain(summary), MAX_SUMMARY),
        published=published,
        image_url=_image_url(entry, base=base),
    )


def _plain(text: str) -> str:
    """Text without tags or entities, on one line; script and style content is dropped."""
    if not text:
        return ""
    return _WHITESPACE.sub(" ", html.unescape(nh3.clean(text, tags=set()))).strip()


def _truncate(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


def _absolute_url(href: str | None, *, base: str) -> str:
    """`href` made absolute against `base`, or "" unless it is http(s) with a host."""
    href = (href or "").strip()
    if not href or _NOT_IN_URL.search(href):
        return ""
    try:
        absolute = urljoin(base, href)
        parts = urlsplit(absolute)
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ""
    return absolute


def _datetime(parsed: Any) -> datetime | None:
    """feedparser's UTC time tuple as an aware datetime; None when absent or impossible."""
    if not parsed:
        return None
    try:
        return datetime(*parsed[:6], tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def _image_url(entry: dict[str, Any], *, base: str) -> str:
    candidates: list[str] = []
    for media in entry.get("media_content", []):
        medium, mime = media.get("medium", ""), media.get("type", "")
        # Many feeds (The Guardian's among them) give an image with neither medium nor type.
        if medium == "image" or mime.startswith("image/") or not (medium or mime):
            candidates.append(media.get("url", ""))
    candidates += [thumb.get("url", "") for thumb in entry.get("media_thumbnail", [])]
    candidates += [
        link.get("href", "")
        for link in entry.get("links", [])
        if link.get("rel") == "enclosure" and link.get("type", "").startswith("image/")
    ]
    candidates.append(entry.get("image", {}).get("href", ""))  # a podcast's <itunes:image>
    for candidate in candidates:
        if absolute := _absolute_url(candidate, base=base):
            return absolute
    return ""
