"""Helpers for pages that answer both full requests and htmx ones from one template."""

from django.shortcuts import render


def render_partial(request, template: str, partial: str, context: dict, **kwargs):
    """Render the whole page, or only `template#partial` when htmx asks for a fragment."""
    if getattr(request, "htmx", False):
        return render(request, f"{template}#{partial}", context, **kwargs)
    return render(request, template, context, **kwargs)
