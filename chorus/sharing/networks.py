"""The network registry: every network Chorus can share to, its length rule and how to share.

One entry per network; everything else (the composer, the API, the length counter in the
browser, the program settings) reads from here."""

from dataclasses import dataclass
from urllib.parse import quote

from chorus.core.errors import ChorusError
from chorus.program.choices import NETWORKS
from chorus.sharing.lengths import LengthRule


@dataclass(frozen=True)
class Network:
    key: str
    rule: LengthRule
    # The share page, with {text}, {url}, {instance} and {subject} (all URL-encoded), or ""
    # where the network has none (the text and link are copied instead).
    intent: str
    # Whether the intent carries the text; if not (LinkedIn, Facebook, Xing take only a link and
    # build the preview from the page's Open Graph tags) the text is copied to the clipboard.
    takes_text: bool
    # Whether the link is written into the post's text; otherwise it travels beside it.
    link_in_text: bool
    color: str  # brand colour of the badge
    glyph: str  # one or two letters on the badge
    needs_instance: bool = False  # Mastodon: the advocate's own server

    @property
    def name(self) -> str:
        return dict(NETWORKS)[self.key]

    def intent_url(self, *, text: str, url: str, instance: str = "", subject: str = "") -> str:
        """The network's own share page with the text and link filled in where it allows."""
        if not self.intent or (self.needs_instance and not instance):
            return ""
        return self.intent.format(
            text=quote(text, safe=""),
            url=quote(url, safe=""),
            instance=instance,
            subject=quote(subject, safe=""),
        )


def _chars(limit):
    return LengthRule(kind="chars", limit=limit)


REGISTRY: dict[str, Network] = {
    network.key: network
    for network in [
        Network(
            "linkedin",
            _chars(3000),
            "https://www.linkedin.com/sharing/share-offsite/?url={url}",
            takes_text=False,
            link_in_text=False,
            color="#0a66c2",
            glyph="in",
        ),
        Network(
            "x",
            LengthRule(kind="weighted", limit=280),
            "https://x.com/intent/post?text={text}",
            takes_text=True,
            link_in_text=True,
            color="#000000",
            glyph="X",
        ),
        Network(
            "facebook",
            _chars(63206),
            "https://www.facebook.com/sharer/sharer.php?u={url}",
            takes_text=False,
            link_in_text=False,
            color="#0866ff",
            glyph="f",
        ),
        Network(
            "xing",
            _chars(3000),
            "https://www.xing.com/spi/shares/new?url={url}",
            takes_text=False,
            link_in_text=False,
            color="#006567",
            glyph="X",
        ),
        Network(
            "bluesky",
            LengthRule(kind="graphemes", limit=300),
            "https://bsky.app/intent/compose?text={text}",
            takes_text=True,
            link_in_text=True,
            color="#1185fe",
            glyph="b",
        ),
        Network(
            "mastodon",
            LengthRule(kind="chars_url23", limit=500),
            "https://{instance}/share?text={text}",
            takes_text=True,
            link_in_text=True,
            color="#6364ff",
            glyph="m",
            needs_instance=True,
        ),
        Network(
            "threads",
            _chars(500),
            "https://www.threads.net/intent/post?text={text}",
            takes_text=True,
            link_in_text=True,
            color="#000000",
            glyph="@",
        ),
        Network(
            "whatsapp",
            _chars(65536),
            "https://wa.me/?text={text}",
            takes_text=True,
            link_in_text=True,
            color="#25d366",
            glyph="W",
        ),
        Network(
            "telegram",
            _chars(4096),
            "https://t.me/share/url?url={url}&text={text}",
            takes_text=True,
            link_in_text=False,
            color="#26a5e4",
            glyph="t",
        ),
        Network(
            "email",
            _chars(None),
            "mailto:?subject={subject}&body={text}",
            takes_text=True,
            link_in_text=True,
            color="#5f6b7a",
            glyph="✉",
        ),
        Network(
            "copy",
            _chars(None),
            "",
            takes_text=False,
            link_in_text=True,
            color="#5f6b7a",
            glyph="⧉",
        ),
    ]
}
if list(REGISTRY) != [key for key, _label in NETWORKS]:
    raise RuntimeError("The network registry and chorus.program.choices.NETWORKS must agree.")


def network_get(key: str) -> Network:
    try:
        return REGISTRY[key]
    except KeyError:
        from django.utils.translation import gettext as _

        raise ChorusError(
            _("Unknown network: %(network)s.") % {"network": key},
            code="network_invalid",
            field="network",
        ) from None
