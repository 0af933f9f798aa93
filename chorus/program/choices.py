"""Names of the networks a program can offer. The sharing app keeps how each one works."""

from django.utils.translation import gettext_lazy as _

NETWORKS = [
    ("linkedin", "LinkedIn"),
    ("x", "X"),
    ("facebook", "Facebook"),
    ("xing", "Xing"),
    ("bluesky", "Bluesky"),
    ("mastodon", "Mastodon"),
    ("threads", "Threads"),
    ("whatsapp", "WhatsApp"),
    ("telegram", "Telegram"),
    ("email", _("E-mail")),
    ("copy", _("Copy text and link")),
]
NETWORK_KEYS = [key for key, _label in NETWORKS]
DEFAULT_NETWORKS = ["linkedin", "x", "facebook", "xing", "bluesky", "mastodon", "whatsapp", "copy"]
