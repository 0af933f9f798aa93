"""Which language of a text a person reads: theirs first, then the program's, then English."""

from django.conf import settings
from django.utils import translation

from chorus.program.selectors import program_settings_get


def reading_order(user=None) -> list[str]:
    """The person's chosen interface language, the page's, the languages they read, the
    program's, then English."""
    known = user is not None and getattr(user, "is_authenticated", False)
    order = [user.language if known else "", translation.get_language() or ""]
    if known:
        order += list(user.preferred_languages or [])
    order += [program_settings_get().default_language, settings.LANGUAGE_CODE]
    seen: list[str] = []
    for code in order:
        code = (code or "").split("-")[0] if code != "zh-hans" else code
        if code and code not in seen:
            seen.append(code)
    return seen


def pick(available: dict, order: list[str]):
    """(language, value) of the first language in `order` that `available` has, else any."""
    for code in order:
        if available.get(code):
            return code, available[code]
    for code, value in available.items():
        if value:
            return code, value
    return "", None
