"""Languages that people read and content is written in (a wider set than the interface's)."""

from django.utils.translation import gettext_lazy as _

CONTENT_LANGUAGES = [
    ("en", _("English")),
    ("pl", _("Polish")),
    ("th", _("Thai")),
    ("de", _("German")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("it", _("Italian")),
    ("nl", _("Dutch")),
    ("pt", _("Portuguese")),
    ("uk", _("Ukrainian")),
    ("cs", _("Czech")),
    ("sv", _("Swedish")),
    ("ja", _("Japanese")),
    ("zh-hans", _("Chinese (Simplified)")),
    ("vi", _("Vietnamese")),
]
CONTENT_LANGUAGE_CODES = frozenset(code for code, _label in CONTENT_LANGUAGES)
