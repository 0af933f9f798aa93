"""Link codes and target URLs."""

import re
import secrets
import string
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

ALPHABET = string.digits + string.ascii_letters  # base62
CODE_LENGTH = 8  # 62**8 ≈ 2.2e14: unguessable at any realistic number of links
MEDIUM = "employee_advocacy"


def code_new() -> str:
    """A fresh code from the operating system's cryptographic source."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


_CODE_RE = re.compile(r"[0-9A-Za-z]{7,16}")


def code_is_wellformed(code: str) -> bool:
    return _CODE_RE.fullmatch(code) is not None


def target_url_build(destination: str, *, source: str, campaign: str, content: str = "") -> str:
    """The destination with our UTM labels; its own query (minus utm_*) and fragment are kept."""
    parts = urlsplit(destination)
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.startswith("utm_")
    ]
    query += [("utm_source", source), ("utm_medium", MEDIUM), ("utm_campaign", campaign)]
    if content:
        query.append(("utm_content", content))
    return urlunsplit(parts._replace(query=urlencode(query)))
