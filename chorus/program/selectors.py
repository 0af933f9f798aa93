"""Reads about the program."""

from django.core.cache import cache

from chorus.program.models import ProgramSettings

CACHE_KEY = "program:settings:v1"


def program_settings_get() -> ProgramSettings:
    """The program's settings, created with defaults on first use; cached between requests."""
    settings = cache.get(CACHE_KEY)
    if settings is None:
        settings, _created = ProgramSettings.objects.get_or_create(pk=1)
        cache.set(CACHE_KEY, settings, 300)
    return settings


def signup_domain_allowed(*, email: str) -> bool:
    domain = email.rsplit("@", 1)[-1].strip().lower()
    return domain in program_settings_get().allowed_signup_domains
