from html.parser import HTMLParser

import pytest
from django.template import Context, Template
from django.utils.safestring import SafeString

from chorus.core.markdown import markdown_render, plain_text

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="javascript:alert(1)">x</a>',
    "[x](vbscript:msgbox(1))",
    "[x](java\tscript:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "<javascript:alert(1)>",
    '[x](https://ok.example "a" onmouseover="alert(1)")',
    "**<svg/onload=alert(1)>**",
    "`<script>alert(1)</script>`",
]


class _Elements(HTMLParser):
    """The real elements of an HTML fragment, as a browser would see them; text is ignored."""

    def __init__(self, html: str):
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def _assert_inert(html: str) -> None:
    for tag, attrs in _Elements(html).found:
        assert tag in {"p", "br", "strong", "em", "a", "ul", "ol", "li", "code"}, html
        assert not [name for name in attrs if name.startswith("on")], html
        href = (attrs.get("href") or "").strip().lower()
        assert not href or href.startswith(("http://", "https://", "mailto:")), html


def test_the_small_markdown_is_rendered():
    html = markdown_render(
        "Hello **bold** and *italic* with `code`\nnext line\n\n"
        "- one\n- two\n\n1. first\n2. second\n\n[a link](https://example.org/x?a=1&b=2)"
    )
    assert "<p>Hello <strong>bold</strong> and <em>italic</em> with <code>code</code><br>" in html
    assert "<ul>\n<li>one</li>\n<li>two</li>\n</ul>" in html
    assert "<ol>\n<li>first</li>\n<li>second</li>\n</ol>" in html
    assert (
        '<a href="https://example.org/x?a=1&amp;b=2" rel="nofollow noopener noreferrer">a link</a>'
    ) in html
    assert isinstance(html, SafeString)


def test_headings_images_and_tables_stay_text():
    html = markdown_render("# Title\n\n![alt](https://example.org/a.png)\n\n| a |\n|---|\n| b |")
    assert "<h1" not in html
    assert "<img" not in html
    assert "<table" not in html
    assert "# Title" in html


def test_links_get_rel_and_no_target_or_title():
    html = markdown_render('[x](https://example.org "A title") <mailto:me@example.org>')
    assert html.count('rel="nofollow noopener noreferrer"') == 2
    assert 'href="mailto:me@example.org"' in html
    assert "target" not in html
    assert "title" not in html


def test_relative_links_lose_their_address_but_keep_their_text():
    html = markdown_render("[guidelines](/program/guidelines)")
    assert "href" not in html
    assert "guidelines" in html


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_comes_out_inert(text):
    _assert_inert(markdown_render(text))


def test_raw_html_is_shown_as_escaped_text():
    html = markdown_render('<script>alert(1)</script> <a href="javascript:alert(1)">x</a>')
    assert html == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; "
        '&lt;a href="javascript:alert(1)"&gt;x&lt;/a&gt;</p>'
    )


def test_the_inertness_check_itself_catches_live_markup():
    for live in ('<a href="javascript:alert(1)">x</a>', "<img src=x onerror=alert(1)>"):
        with pytest.raises(AssertionError):
            _assert_inert(live)


@pytest.mark.parametrize("text", ["", None])
def test_nothing_renders_as_nothing(text):
    assert markdown_render(text) == ""
    assert plain_text(text) == ""


@pytest.mark.parametrize("text", HOSTILE)
def test_the_template_filter_renders_hostile_input_inert(text):
    html = Template("{% load chorus_text %}{{ t|markdown }}").render(Context({"t": text}))
    _assert_inert(html)


def test_the_template_filter_renders_markdown():
    html = Template("{% load chorus_text %}{{ t|markdown }}").render(
        Context({"t": "**Hi** & <b>you</b>"})
    )
    assert html == "<p><strong>Hi</strong> &amp; &lt;b&gt;you&lt;/b&gt;</p>"


def test_without_the_filter_the_text_is_escaped():
    html = Template("{{ t }}").render(Context({"t": "**Hi** <script>alert(1)</script>"}))
    assert html == "**Hi** &lt;script&gt;alert(1)&lt;/script&gt;"


def test_the_plain_filter_drops_markers_and_still_escapes():
    html = Template("{% load chorus_text %}{{ t|plain }}").render(
        Context({"t": "**Hi** <script>alert(1)</script>"})
    )
    assert html == "Hi &lt;script&gt;alert(1)&lt;/script&gt;"


def test_plain_text_drops_the_markers():
    text = (
        "Hello **bold** and *italic* with `code`\nnext line\n\n"
        "- one\n- two\n\n3. third\n4. fourth\n\n"
        "Read [our report](https://example.org/r), <https://example.org> or "
        "[write](mailto:me@example.org). \\*Not italic\\*"
    )
    assert plain_text(text) == (
        "Hello bold and italic with code\nnext line\n\n"
        "• one\n• two\n\n3. third\n4. fourth\n\n"
        "Read our report (https://example.org/r), https://example.org or "
        "write (me@example.org). *Not italic*"
    )


def test_plain_text_indents_nested_lists_and_continuation_lines():
    assert plain_text("- one\n  - inner\n    more\n- two") == "• one\n  • inner\n    more\n• two"


def test_plain_text_leaves_unsafe_links_as_written_text():
    assert plain_text("[x](javascript:alert(1))") == "[x](javascript:alert(1))"
    assert plain_text("[x](/relative)") == "x"
