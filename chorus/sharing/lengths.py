"""How long a post is on each network, counted the way that network counts it.

Which network counts which way is in the network registry (chorus/sharing/networks.py).

chorus/static/chorus/lengths.js is the same code for the browser: change both together (the
regular expressions are written so that Python's re and JavaScript read them alike).
"""

import re
import unicodedata
import warnings
from dataclasses import dataclass

import regex
from django.utils.translation import gettext

with warnings.catch_warnings():
    # twitter-text-parser reads its emoji table through the deprecated pkg_resources.
    warnings.filterwarnings("ignore", "pkg_resources is deprecated", UserWarning)
    from twitter_text import extract_urls_with_indices, parse_tweet

from chorus.core.errors import ChorusError

KINDS = ("weighted", "graphemes", "chars_url23", "chars")

# twitter-text-parser looks for links when a text has a dot: from every place in a word where a
# link may start (after a character other than a Latin letter or digit) its pattern tries every
# dot-separated label up to the end of the word, so a long dotted word takes the square of its
# length ("a.a.a.…": 1,000 characters take seconds, 100,000 would take hours). Past this much work
# (about a second) a text is refused for X rather than counted; prose of any length passes.
WEIGHTED_MAX_WORK = 60_000
# twitter-text's spaces, which no link crosses, and the characters after which a link may start.
_TWITTER_SPACE = re.compile(
    r"[\t\n\v\f\r \x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+"
)
_LINK_MAY_FOLLOW = re.compile(r"[^A-Za-z0-9@#$\uff20\uff03]")
# twitter-text-parser's emoji come from emoji-test.txt, which lists a bare © and ® as emoji (2);
# twitter-text's own (twemoji) only with U+FE0F after them, else they are letters (1).
_BARE_MARK = re.compile("[\u00a9\u00ae](?!\ufe0f)")

# Every URL and every remote mention is shortened like this before counting, as Mastodon does.
URL_LENGTH = 23

# An explicit list rather than \s, which Python and JavaScript define differently.
_SPACE = r"\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
# http(s):// and the non-space characters after it, not ending in punctuation; not inside a word.
_LINK = re.compile(
    rf"(?<![A-Za-z0-9@#$])[Hh][Tt][Tt][Pp][Ss]?://[^{_SPACE}]*[^{_SPACE}.,:;!?)\]'\"]"
)
# @user@domain counts as @user (Mastodon's countableText).
_REMOTE_MENTION = re.compile(r"(?<![/A-Za-z0-9_])@([A-Za-z0-9_]+)@[A-Za-z0-9.-]+[A-Za-z0-9]+")
_TRAILING_SPACE = re.compile(rf"[{_SPACE}]+\Z")


@dataclass(frozen=True)
class LengthRule:
    """How a network counts (one of KINDS) and how much it takes; limit None means no limit."""

    kind: str
    limit: int | None


@dataclass(frozen=True)
class LengthCheck:
    length: int
    limit: int | None
    ok: bool


def measure(text: str, kind: str) -> int:
    """The length of `text` as a network of this kind counts it (CRLF counts as one newline)."""
    text = text.replace("\r\n", "\n")
    if kind == "weighted":
        # X: twitter-text v3 (URLs 23, CJK and emoji 2); it normalises to NFC itself.
        if _weighted_work(text) > WEIGHTED_MAX_WORK:
            raise ChorusError(
                gettext("This has words or links too long to count for X: shorten them."),
                code="too_long_to_count",
                field="text",
            )
        return parse_tweet(text).weightedLength - _bare_marks(text)
    if kind == "graphemes":
        # Bluesky: what a reader sees as one character (extended grapheme clusters).
        return len(regex.findall(r"\X", text))
    if kind == "chars_url23":
        # Mastodon: code points, every http(s) URL counts 23 and @user@domain counts as @user.
        text = _LINK.sub("x" * URL_LENGTH, text)
        return len(_REMOTE_MENTION.sub(r"@\1", text))
    if kind == "chars":
        return len(text)
    raise ValueError(f"Unknown length kind: {kind}")


def _weighted_work(text: str) -> float:
    """About how hard twitter-text-parser's link pattern works: per word, starts times labels.

    Scanning a long label costs little next to trying a label as a domain (measured: ~1/150).
    """
    text = unicodedata.normalize("NFC", text)
    if "." not in text:
        return 0
    work = 0.0
    for word in _TWITTER_SPACE.split(text):
        starts = 1 + len(_LINK_MAY_FOLLOW.findall(word, 0, len(word) - 1))
        work += starts * (word.count(".") + len(word) / 150)
    return work


def _bare_marks(text: str) -> int:
    """How many bare © and ® twitter-text-parser counts as emoji outside links (one too many)."""
    if "\u00a9" not in text and "\u00ae" not in text:
        return 0
    text = unicodedata.normalize("NFC", text)
    links = [range(*url["indices"]) for url in extract_urls_with_indices(text)]
    return sum(
        1 for mark in _BARE_MARK.finditer(text) if not any(mark.start() in link for link in links)
    )


def check(text: str, rule: LengthRule) -> LengthCheck:
    """Whether `text` fits the rule; an empty text fits (whether one may post it is not asked)."""
    length = measure(text, rule.kind)
    return LengthCheck(
        length=length, limit=rule.limit, ok=rule.limit is None or length <= rule.limit
    )


def compose_text(text: str, extra: str) -> str:
    """The text as posted: the advocate's text, one space, then `extra` (the disclosure).

    Trailing whitespace of `text` is dropped when `extra` is added, and `extra` alone is posted
    when `text` is blank; without `extra` the text is left as it is. lengths.js joins the same way,
    so the browser counts exactly what the server will post.
    """
    if not extra:
        return text
    head = _TRAILING_SPACE.sub("", text)
    return f"{head} {extra}" if head else extra
