"""Small helpers for requests."""

from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, default: str) -> str:
    """The `next` address of the form or query if it stays on this site, else `default` (a URL
    name or path; "" for none)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        return target
    return resolve_url(default) if default else ""
