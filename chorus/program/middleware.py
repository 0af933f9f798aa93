"""Language and time zone of each request: the person's choice first, the program's default last."""

import zoneinfo

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone, translation
from django.utils.translation.trans_real import (
    get_supported_language_variant,
    parse_accept_lang_header,
)

from chorus.program.selectors import program_settings_get

SUPPORTED = {code for code, _label in settings.LANGUAGES}


def _supported(code: str | None) -> str | None:
    if not code:
        return None
    try:
        return get_supported_language_variant(code)
    except LookupError:
        return None


def language_for_request(request) -> str:
    """The person's saved choice, then the switcher's cookie, then the browser, then the program."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and (code := _supported(user.language)):
        return code
    if code := _supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)):
        return code
    for accept, _quality in parse_accept_lang_header(request.META.get("HTTP_ACCEPT_LANGUAGE", "")):
        if accept != "*" and (code := _supported(accept)):
            return code
    try:
        default = program_settings_get().default_language
    except DatabaseError:  # the health check and error pages must not depend on the database
        default = None
    return _supported(default) or settings.LANGUAGE_CODE


class LanguageMiddleware:
    """Django's LocaleMiddleware without URL prefixes, plus the person's and program's choice."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_for_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        vary = response.headers.get("Vary", "")
        if "accept-language" not in vary.lower():
            response.headers["Vary"] = f"{vary}, Accept-Language" if vary else "Accept-Language"
        return response


class TimezoneMiddleware:
    """Show times in the person's own time zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.time_zone:
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)
