"""Inline styles for e-mails (chorus/templates/email/): mail clients drop <style> blocks and
external sheets, so every element carries its style, written once here."""

from django import template
from django.utils import translation
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# System fonts only (no web fonts in mail), with Thai-capable ones before the generic fallback.
FONT = (
    "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,'Helvetica Neue',Arial,'Noto Sans',"
    "'Noto Sans Thai','Leelawadee UI',Tahoma,sans-serif"
)
INK, SOFT, MUTED, LINE, BRAND, BRAND_SOFT, BG = (
    "#1b2130",
    "#4a5366",
    "#5e6678",
    "#dfe3ea",
    "#4338ca",
    "#eef0ff",
    "#f5f6fa",
)

STYLES = {
    "body": f"margin:0;padding:0;background-color:{BG};",
    "outer": f"background-color:{BG};",
    "page": "padding:24px 12px;",
    "header": "padding:0 4px 14px;",
    "mark": (
        f"width:32px;height:32px;background-color:{BRAND};border-radius:8px;color:#ffffff;"
        "font-family:{font};font-size:17px;font-weight:bold;line-height:32px;text-align:center;"
    ),
    "brand": "padding-left:10px;font-family:{font};font-size:17px;font-weight:bold;color:" + INK,
    "card": (
        f"background-color:#ffffff;border:1px solid {LINE};border-radius:12px;padding:28px 28px;"
        "font-family:{font};font-size:16px;line-height:{lh};color:" + INK
    ),
    "h1": "margin:0 0 16px;font-family:{font};font-size:22px;line-height:1.3;font-weight:bold;"
    "color:" + INK,
    "h2": "margin:0 0 6px;font-family:{font};font-size:18px;line-height:1.35;font-weight:bold;"
    "color:" + INK,
    "p": "margin:0 0 16px;font-family:{font};font-size:16px;line-height:{lh};color:" + INK,
    "summary": "margin:0 0 12px;font-family:{font};font-size:15px;line-height:{lh};color:" + SOFT,
    "meta": "margin:0 0 6px;font-family:{font};font-size:13px;line-height:1.4;color:" + MUTED,
    "intro": (
        f"background-color:{BRAND_SOFT};border-radius:8px;padding:16px 18px 6px;"
        "font-family:{font};font-size:16px;line-height:{lh};color:" + INK
    ),
    "item": f"padding:22px 0 0;border-top:1px solid {LINE};",
    "first_item": "padding:6px 0 0;",
    "image": (
        "display:block;width:100%;max-width:542px;height:auto;border:0;border-radius:8px;"
        "margin:0 0 14px;"
    ),
    "title_link": f"color:{INK};text-decoration:none;",
    "link": f"color:{BRAND};text-decoration:underline;",
    "button_cell": f"border-radius:8px;background-color:{BRAND};",
    "button": (
        f"display:inline-block;padding:11px 20px;border:1px solid {BRAND};border-radius:8px;"
        "font-family:{font};font-size:15px;font-weight:bold;line-height:1.2;color:#ffffff;"
        "text-decoration:none;"
    ),
    "spacer": "padding:0 0 22px;",
    "footer": "padding:18px 8px 0;font-family:{font};font-size:12px;line-height:1.6;color:" + MUTED,
    "footer_p": "margin:0 0 6px;font-family:{font};font-size:12px;line-height:1.6;color:" + MUTED,
    "footer_link": f"color:{MUTED};text-decoration:underline;",
}


@register.simple_tag
def email_style(name: str) -> SafeString:
    """The inline style of one kind of element, for the active language (Thai needs more
    line height for its stacked vowels and tone marks)."""
    line_height = "1.75" if (translation.get_language() or "").startswith("th") else "1.55"
    return mark_safe(STYLES[name].replace("{font}", FONT).replace("{lh}", line_height))


@register.filter
def email_inline(html: str) -> SafeString:
    """Give sanitised Markdown HTML (chorus.core.markdown) the inline styles of e-mail: its
    paragraphs, lists and links carry no attributes that could clash."""
    html = str(conditional_escape(html))  # unsafe input is escaped, never styled into markup
    for tag, style in (
        ("<p>", "margin:0 0 10px;"),
        ("<ul>", "margin:0 0 10px;padding-left:22px;"),
        ("<ol>", "margin:0 0 10px;padding-left:22px;"),
        ("<a ", STYLES["link"]),
    ):
        opening = tag.rstrip("> ")
        styled = f'{opening} style="{style}"' + (">" if tag.endswith(">") else " ")
        html = html.replace(tag, styled)
    return mark_safe(html)
