import json
import re
from pathlib import Path

import pytest
from django.conf import settings

from chorus.core.errors import ChorusError
from chorus.sharing.lengths import LengthCheck, LengthRule, check, compose_text, measure

CONFORMANCE = (
    Path(settings.BASE_DIR).parent
    / "shared"
    / "testdata"
    / "twitter-text-conformance"
    / "validate.yml"
)
# The twitter-text v3 cases (see SOURCE.md beside the file).
CONFORMANCE_GROUPS = (
    "WeightedTweetsWithDiscountedEmojiCounterTest",
    "UnicodeDirectionalMarkerCounterTest",
)
needs_conformance = pytest.mark.skipif(
    not CONFORMANCE.exists(), reason=f"twitter-text conformance data not found at {CONFORMANCE}"
)


def _yaml_string(quoted: str) -> str:
    # PyYAML is not a dependency; these groups only use "…" strings with \uXXXX and \UXXXXXXXX.
    body = re.sub(r"\\U([0-9A-Fa-f]{8})", lambda m: chr(int(m.group(1), 16)), quoted)
    return json.loads(body)


def conformance_cases() -> list[tuple[str, str, int]]:
    """(description, text, expected weightedLength) of every case in CONFORMANCE_GROUPS."""
    if not CONFORMANCE.exists():
        return []
    cases, group, case = [], None, {}
    for line in CONFORMANCE.read_text(encoding="utf-8").splitlines():
        if re.fullmatch(r"  \w+:", line):
            group = line.strip()[:-1]
        elif group in CONFORMANCE_GROUPS and (found := re.fullmatch(r" +(- )?(\w+): (.+)", line)):
            key, value = found.group(2), found.group(3)
            if key == "description":
                case = {"description": _yaml_string(value)}
            elif key == "text":
                case["text"] = _yaml_string(value)
            elif key == "weightedLength":
                cases.append((case["description"], case["text"], int(value)))
    return cases


CASES = conformance_cases()


def test_the_conformance_file_has_the_24_v3_cases():
    if not CONFORMANCE.exists():
        pytest.skip(f"twitter-text conformance data not found at {CONFORMANCE}")
    assert len(CASES) == 24


@needs_conformance
@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_weighted_is_twitter_text_v3(text, expected):
    assert measure(text, "weighted") == expected


def test_weighted_counts_urls_23_and_cjk_and_emoji_2():
    assert measure("Hi https://example.com/a/very/long/path?with=query", "weighted") == 26
    assert measure("日本語", "weighted") == 6
    assert measure("👨‍👩‍👧‍👦", "weighted") == 2
    assert measure("zażółć ที่", "weighted") == 10


def test_weighted_refuses_a_text_too_slow_to_count_but_counts_long_prose_and_links():
    for text in ("a." * 50_000, "see " + "a." * 300, "é." * 200):
        with pytest.raises(ChorusError) as error:
            measure(text, "weighted")
        assert error.value.code == "too_long_to_count"
    assert measure("Hello world. " * 2000, "weighted") == 26_000
    assert measure("日本語の文章。" * 100 + " https://example.com/", "weighted") == 1424
    assert measure("https://example.com/" + "a" * 4000, "weighted") == 23


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("👨‍👩‍👧‍👦", 1),  # a family: four people joined by zero-width joiners
        ("🇵🇱🇹🇭", 2),  # two flags, each two regional indicators
        ("🏴󠁧󠁢󠁳󠁣󠁴󠁿", 1),  # Scotland: a tag sequence
        ("👍🏽", 1),  # with a skin tone
        ("ที่", 1),  # Thai: a consonant with a vowel and a tone mark above it
        ("น้ำ", 1),
        ("สวัสดี", 4),
        ("zażółć", 6),
        ("e\u0301", 1),  # e and a combining acute
        ("a\r\nb", 3),
    ],
)
def test_graphemes_count_what_a_reader_sees_as_one_character(text, expected):
    assert measure(text, "graphemes") == expected


def test_chars_url23_counts_every_url_as_23():
    url = "https://example.com/" + "a" * 180
    assert len(url) == 200
    assert measure(url, "chars_url23") == 23
    assert measure(f"Read {url}.", "chars_url23") == len("Read ") + 23 + 1
    assert measure("(see http://example.com/x)", "chars_url23") == len("(see ") + 23 + 1
    assert measure("example.com", "chars_url23") == 11  # no protocol: not a link on Mastodon
    assert measure("HTTPS://EXAMPLE.COM", "chars_url23") == 23


def test_chars_url23_counts_a_remote_mention_by_its_local_part():
    assert measure("@a@example.social", "chars_url23") == len("@a")
    assert measure("hi @alice@mastodon.example!", "chars_url23") == len("hi @alice!")
    assert measure("mail a@b.example", "chars_url23") == len("mail a@b.example")


def test_chars_counts_code_points():
    assert measure("zażółć", "chars") == 6
    assert measure("👨‍👩‍👧‍👦", "chars") == 7
    assert measure("日本語", "chars") == 3


def test_crlf_counts_as_one_newline_for_every_kind():
    for kind in ("weighted", "graphemes", "chars_url23", "chars"):
        assert measure("a\r\nb", kind) == measure("a\nb", kind) == 3


def test_an_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError, match="Unknown length kind"):
        measure("a", "lines")


def test_a_text_is_ok_exactly_at_the_limit_and_not_one_over():
    rule = LengthRule("chars", 5)
    assert check("abcde", rule).ok is True
    assert check("abcdef", rule).ok is False
    assert check("abcdef", rule).length == 6
    assert check("abcdef", rule).limit == 5
    x = LengthRule("weighted", 280)
    assert check("a" * 280, x).ok is True
    assert check("a" * 281, x).ok is False
    assert check("日" * 141, x).ok is False


def test_no_limit_and_empty_text_are_ok():
    assert check("a" * 10_000, LengthRule("chars", None)).ok is True
    assert check("", LengthRule("weighted", 280)) == LengthCheck(length=0, limit=280, ok=True)
    assert check("  ", LengthRule("graphemes", 300)).ok is True


@pytest.mark.parametrize(
    ("text", "extra", "expected"),
    [
        ("Great news!", "#ad", "Great news! #ad"),
        ("Great news!  \n", "#ad", "Great news! #ad"),
        ("Great news! ", "", "Great news! "),
        ("", "#ad", "#ad"),
        (" \n", "#ad", "#ad"),
        ("", "", ""),
    ],
)
def test_compose_text_joins_the_disclosure_with_one_space(text, extra, expected):
    assert compose_text(text, extra) == expected
