"""The small Markdown of item notes and texts, as sanitised HTML or as plain text."""

import nh3
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.token import Token

# Paragraphs, line breaks, bold, italic, links, lists and inline code; nothing else, no HTML.
_MARKDOWN = MarkdownIt("zero", {"html": False, "linkify": False, "breaks": True}).enable(
    ["list", "newline", "escape", "backticks", "emphasis", "link", "autolink"]
)
_TAGS = {"p", "br", "strong", "em", "a", "ul", "ol", "li", "code"}
# "*" left empty: nh3 would otherwise allow its generic lang and title on every tag.
_ATTRIBUTES = {"*": set(), "a": {"href"}, "ol": {"start"}}
_SCHEMES = ("http://", "https://", "mailto:")


def _href_filter(tag: str, attribute: str, value: str) -> str | None:
    # nh3 lets relative URLs through whatever the schemes; links here must be absolute.
    if tag == "a" and attribute == "href" and not value.lower().startswith(_SCHEMES):
        return None
    return value


def markdown_render(text: str | None) -> SafeString:
    """`text` as HTML; markdown-it escapes raw HTML and nh3 removes whatever slipped through."""
    if not text:
        return mark_safe("")
    cleaned = nh3.clean(
        _MARKDOWN.render(text),
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        attribute_filter=_href_filter,
        link_rel="nofollow noopener noreferrer",
    )
    return mark_safe(cleaned.strip())


def plain_text(text: str | None) -> str:
    """`text` without Markdown markers, for share texts, previews and e-mails; not escaped."""
    if not text:
        return ""
    out: list[str] = []
    # Per open list: the next number (None for bullets) and the indent of an item's later lines.
    lists: list[tuple[int | None, str]] = []
    lead = ""  # the marker that starts the next line of text, when a list item has just begun
    in_list_item = False
    for token in _MARKDOWN.parse(text):
        if token.type == "bullet_list_open":
            lists.append((None, ""))
        elif token.type == "ordered_list_open":
            start = token.attrGet("start")  # absent when the list starts at 1
            lists.append((1 if start is None else int(start), ""))
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            in_list_item = bool(lists)  # two lists in a row stay two paragraphs
        elif token.type == "list_item_open":
            number, _ = lists[-1]
            marker = "• " if number is None else f"{number}. "
            lead = "  " * (len(lists) - 1) + marker
            lists[-1] = (None if number is None else number + 1, " " * len(lead))
        elif token.type == "inline":
            start = lead or (lists[-1][1] if lists else "")
            line = _inline_plain(token.children or []).replace("\n", "\n" + " " * len(start))
            # List items follow each other line by line; everything else is a paragraph.
            if out:
                out.append("\n" if lists and in_list_item else "\n\n")
            out.append(start + line)
            in_list_item = bool(lists)
            lead = ""
    return "".join(out).strip()


def _inline_plain(children: list[Token]) -> str:
    parts: list[str] = []
    href = ""
    link_start = 0
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "link_open":
            href = str(child.attrGet("href") or "")
            link_start = len(parts)
        elif child.type == "link_close":
            label = "".join(parts[link_start:])
            address = href.removeprefix("mailto:")
            # Keep the address unless the label already is it (<https://…>, <me@example.org>).
            if href.lower().startswith(_SCHEMES) and address != label:
                parts.append(f" ({address})")
            href = ""
    return "".join(parts)


# Lessons and guidelines are longer texts: headings, quotes and images as well.
_LONG_MARKDOWN = MarkdownIt("zero", {"html": False, "linkify": False, "breaks": False}).enable(
    [
        "list",
        "newline",
        "escape",
        "backticks",
        "emphasis",
        "link",
        "autolink",
        "heading",
        "blockquote",
        "image",
        "hr",
    ]
)
_LONG_TAGS = _TAGS | {"h2", "h3", "h4", "blockquote", "img", "hr"}
_LONG_ATTRIBUTES = _ATTRIBUTES | {"img": {"src", "alt"}}


def _long_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src":
        # Only images uploaded here (under MEDIA_URL) or over https; no data: or http: ones.
        ok = value.startswith(settings.MEDIA_URL) or value.lower().startswith("https://")
        return value if ok and not value.startswith("//") else None
    return _href_filter(tag, attribute, value)


def long_markdown_render(text: str | None) -> SafeString:
    """Lessons and guidelines as HTML: "# " headings become h2 (the page owns its h1)."""
    if not text:
        return mark_safe("")
    html = _LONG_MARKDOWN.render(text)
    for level in (3, 2, 1):  # shift down so a text's top heading never competes with the page's
        html = html.replace(f"<h{level}>", f"<h{level + 1}>").replace(
            f"</h{level}>", f"</h{level + 1}>"
        )
    cleaned = nh3.clean(
        html,
        tags=_LONG_TAGS,
        attributes=_LONG_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        attribute_filter=_long_filter,
        link_rel="nofollow noopener noreferrer",
    )
    return mark_safe(cleaned.strip())
