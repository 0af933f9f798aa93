"""Link previews from a fetched page: title, description, image, site name, canonical URL.

Pure parsing of bytes already fetched; no network, no database. Sources are trusted in the
order pages usually get them right: Open Graph, Twitter cards, JSON-LD, then plain HTML.
"""

import html
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html
from extruct.jsonld import JsonLdExtractor
from w3lib.encoding import (
    html_body_declared_encoding,
    html_to_unicode,
    read_bom,
    resolve_encoding,
)
from w3lib.url import safe_url_string

TITLE_MAX = 300
DESCRIPTION_MAX = 1000
SITE_NAME_MAX = 100

# JSON-LD nodes that describe the site or its parts, not the page's own content.
_NOT_CONTENT_TYPES = {
    "organization",
    "newsmediaorganization",
    "corporation",
    "person",
    "website",
    "breadcrumblist",
    "listitem",
    "searchaction",
    "imageobject",
    "sitenavigationelement",
    "wpheader",
    "wpfooter",
    "wpsidebar",
}
_TAG_RE = re.compile(r"<!--.*?-->|<!--.*$|</?[a-zA-Z][^<>]*>|<[!?][^<>]*>", re.DOTALL)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_WHITESPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class Preview:
    """What a page says about itself, cleaned for display (plain text, absolute URLs)."""

    title: str = ""
    description: str = ""
    image_url: str = ""
    site_name: str = ""
    url: str = ""


def html_decode(content: bytes, *, content_type_charset: str | None) -> str:
    """Decode a page the way a browser would: BOM, HTTP charset, <meta> declaration, sniffing."""
    if not content:
        return ""
    header = None
    label = (content_type_charset or "").strip(" \t\"'")
    if label and _is_text_codec(label):
        header = f"text/html; charset={label}"
    elif read_bom(content)[0] is None and (
        (html_body_declared_encoding(content) or "").startswith(("utf-16", "utf-32"))
    ):
        # A page readable as ASCII cannot be UTF-16; HTML says to read it as UTF-8 then.
        header = "text/html; charset=utf-8"
    try:
        return html_to_unicode(header, content, auto_detect_fun=_sniff_encoding)[1]
    except LookupError:
        # The page declared a codec that is not a text encoding (hex, base64, rot13 …).
        return content.decode(_sniff_encoding(content), "replace")


def preview_parse(content: bytes, *, url: str, content_type_charset: str | None = None) -> Preview:
    """Read a page's preview; malformed markup yields whatever could be found, never an error."""
    text = html_decode(content, content_type_charset=content_type_charset)
    root = _parse_html(text)
    if root is None:
        return Preview(url=url)
    metas = _meta_values(root)
    jsonld = list(_jsonld_nodes(root))
    content_nodes = [node for node in jsonld if not (_types(node) & _NOT_CONTENT_TYPES)]

    title = _first_text(
        [
            *metas.get("og:title", []),
            *metas.get("twitter:title", []),
            *_jsonld_values(content_nodes, "headline", "name"),
            *_document_titles(root),
        ],
        TITLE_MAX,
    )
    description = _first_text(
        [
            *metas.get("og:description", []),
            *metas.get("twitter:description", []),
            *_jsonld_values(content_nodes, "description"),
            *metas.get("description", []),
        ],
        DESCRIPTION_MAX,
    )
    image_url = _first_url(
        [
            # The same image over https first: an http one would be mixed content on our pages.
            *metas.get("og:image:secure_url", []),
            *metas.get("og:image", []),
            *metas.get("og:image:url", []),
            *metas.get("twitter:image", []),
            *metas.get("twitter:image:src", []),
            *_jsonld_images(content_nodes),
            *_link_hrefs(root, "image_src"),
        ],
        base=url,
    )
    site_name = _first_text(
        [
            *metas.get("og:site_name", []),
            *_jsonld_publishers(jsonld),
            *_jsonld_values([n for n in jsonld if "website" in _types(n)], "name"),
            *(handle.lstrip("@") for handle in metas.get("twitter:site", [])),
        ],
        SITE_NAME_MAX,
    )
    canonical = _first_url([*metas.get("og:url", []), *_link_hrefs(root, "canonical")], base=url)
    return Preview(
        title=title,
        description=description,
        image_url=image_url,
        site_name=site_name,
        url=canonical or url,
    )


def _is_text_codec(label: str) -> bool:
    name = resolve_encoding(label)
    if name is None:
        return False
    try:
        b"".decode(name)
    except LookupError:
        return False
    return True


def _sniff_encoding(content: bytes) -> str:
    """No declaration: UTF-8 if it reads as UTF-8 (a cut-off last character is fine), else 1252."""
    try:
        content.decode("utf-8")
    except UnicodeDecodeError as error:
        truncated = error.reason == "unexpected end of data" and error.start >= len(content) - 3
        return "utf-8" if truncated else "cp1252"
    return "utf-8"


def _parse_html(text: str) -> lxml.html.HtmlElement | None:
    if not text.strip():
        return None
    # Parse UTF-8 bytes rather than str: lxml refuses str with an XML encoding declaration.
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
    try:
        return lxml.html.document_fromstring(text.encode("utf-8", "replace"), parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return None


def _meta_values(root: lxml.html.HtmlElement) -> dict[str, list[str]]:
    """<meta> values by lower-cased property or name, in page order (og: is often in name=)."""
    values: dict[str, list[str]] = {}
    for meta in root.iter("meta"):
        value = meta.get("content") or meta.get("value")
        if not value:
            continue
        for key in {(meta.get(attr) or "").strip().lower() for attr in ("property", "name")}:
            if key:
                values.setdefault(key, []).append(value)
    return values


def _document_titles(root: lxml.html.HtmlElement) -> Iterator[str]:
    # An <svg> has <title> elements too; they name icons, not the page.
    for title in root.iter("title"):
        if not any(parent.tag == "svg" for parent in title.iterancestors()):
            yield title.text_content()


def _link_hrefs(root: lxml.html.HtmlElement, rel: str) -> Iterator[str]:
    for link in root.iter("link"):
        if rel in (link.get("rel") or "").lower().split() and link.get("href"):
            yield link.get("href", "")


def _jsonld_nodes(root: lxml.html.HtmlElement) -> Iterator[dict[str, Any]]:
    """JSON-LD objects, @graph flattened; each <script> alone, so a broken one costs only itself."""
    extractor = JsonLdExtractor()
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            items = extractor.extract_items(script)
        except (ValueError, TypeError, RecursionError):  # JSONDecodeError is a ValueError
            continue
        for item in items:
            if isinstance(item, dict):
                yield item
                graph = item.get("@graph")
                if isinstance(graph, list):
                    yield from (node for node in graph if isinstance(node, dict))


def _types(node: dict[str, Any]) -> set[str]:
    raw = node.get("@type")
    names = raw if isinstance(raw, list) else [raw]
    return {name.rsplit("/", 1)[-1].lower() for name in names if isinstance(name, str)}


def _jsonld_values(nodes: Iterable[dict[str, Any]], *keys: str) -> Iterator[str]:
    for key in keys:
        for node in nodes:
            yield from _strings(node.get(key))


def _jsonld_images(nodes: Iterable[dict[str, Any]]) -> Iterator[str]:
    for node in nodes:
        image = node.get("image") or node.get("thumbnailUrl")
        for item in image if isinstance(image, list) else [image]:
            if isinstance(item, dict):
                yield from _strings(item.get("url") or item.get("contentUrl"))
            else:
                yield from _strings(item)


def _jsonld_publishers(nodes: Iterable[dict[str, Any]]) -> Iterator[str]:
    for node in nodes:
        publisher = node.get("publisher")
        for item in publisher if isinstance(publisher, list) else [publisher]:
            yield from _strings(item.get("name") if isinstance(item, dict) else item)


def _strings(value: object) -> Iterator[str]:
    """The text in a JSON-LD value: a string, a list of them, or a {"@value": …} literal."""
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict):
            item = item.get("@value")
        if isinstance(item, str):
            yield item


def _first_text(candidates: Iterable[str], limit: int) -> str:
    for candidate in candidates:
        if cleaned := _clean(candidate):
            return _truncate(cleaned, limit)
    return ""


def _first_url(candidates: Iterable[str], *, base: str) -> str:
    for candidate in candidates:
        value = _CONTROL_RE.sub("", html.unescape(candidate)).strip()
        if not value or value.startswith("#"):  # these resolve to the page itself
            continue
        try:
            absolute = safe_url_string(urljoin(base, value))
            parts = urlsplit(absolute)
        except ValueError:
            continue
        if parts.scheme in ("http", "https") and parts.hostname:
            return absolute
    return ""


def _clean(value: str) -> str:
    """Plain one-line text: entities decoded, tags removed, whitespace collapsed."""
    text = html.unescape(value)
    for _ in range(5):  # "<scr<b>ipt>" needs more than one pass
        stripped = _TAG_RE.sub("", text)
        if stripped == text:
            break
        text = stripped
    text = _CONTROL_RE.sub("", text)
    return _WHITESPACE_RE.sub(" ", text).strip()


def _truncate(text: str, limit: int) -> str:
    """At most `limit` characters; cut at a word boundary when there is one, ending in "…"."""
    if len(text) <= limit:
        return text
    cut = limit - 1
    space = text.rfind(" ", 0, cut + 1)
    if space > limit // 2:
        cut = space
    else:
        # No spaces (Thai, long URLs): keep combining marks with the letter they belong to.
        while cut > 0 and unicodedata.category(text[cut]).startswith("M"):
            cut -= 1
    return text[:cut].rstrip(" ,;:-\u2013\u2014") + "…"
