"""Template filters for the small Markdown of notes: `markdown` to HTML, `plain` to text."""

from django import template
from django.utils.safestring import SafeString

from chorus.core.markdown import long_markdown_render, markdown_render, plain_text

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(value: object) -> SafeString:
    """`{{ item.note|markdown }}`: sanitised HTML, safe to show as it is."""
    return markdown_render(None if value is None else str(value))


@register.filter(name="plain")
def plain_filter(value: object) -> str:
    """`{{ item.note|plain }}`: text without Markdown markers; still escaped by the template."""
    return plain_text(None if value is None else str(value))


@register.filter(name="long_markdown")
def long_markdown_filter(value: object) -> SafeString:
    """Lessons and guidelines: headings, quotes and images too."""
    return long_markdown_render(str(value) if value is not None else "")
