"""Classify the requests that hit a tracked link.

Three pure, cached helpers used when a tracked link is followed:

* :func:`agent_class` tells a person (``HUMAN``) from a link-preview robot that
  fetched the page because someone pasted the link into a post or a chat
  (``PREVIEW``) and from every other robot, script or tool (``BOT``).
* :func:`device_class` buckets a person's browser into mobile / tablet /
  desktop / other.
* :func:`referrer_domain` keeps only the host of the ``Referer`` header.

Nothing here stores or returns an address or a full user agent.
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from urllib.parse import urlsplit

from crawlerdetect import CrawlerDetect

HUMAN, PREVIEW, BOT = "human", "preview", "bot"
MOBILE, TABLET, DESKTOP, OTHER = "mobile", "tablet", "desktop", "other"

#: User agents are cut to this length before they are classified (and cached).
MAX_USER_AGENT_LENGTH = 512
#: Longest referrer domain we return (the length of the column that keeps it).
MAX_DOMAIN_LENGTH = 100
_MAX_REFERER_LENGTH = 2048
_CACHE_SIZE = 4096

# Link-preview robots: they fetch a page because a person shared the link in a post
# or a chat, so they say "this link was shared there", not "someone read it".
# One case-insensitive regex per service, searched anywhere in the user agent.
_PREVIEW_TOKENS = (
    r"linkedinbot",  # LinkedIn posts and messages
    r"twitterbot",  # X / Twitter cards (also in Apple iMessage's combined UA)
    r"externalhit",  # facebookexternalhit, Meta-ExternalHit: Facebook, Instagram, Threads,
    #                  Messenger, WhatsApp Web, LINE ("...;line-poker/1.0"), Apple iMessage
    r"\bfacebot\b",  # Facebook (older previewer; not "FacebookBot", Meta's AI crawler)
    r"meta-externalfetcher",  # Meta's user-initiated link fetches
    r"slackbot",  # Slack: "Slackbot-LinkExpanding 1.0", "Slackbot 1.0"
    r"slack-imgproxy",  # Slack image unfurls
    r"^whatsapp\b",  # WhatsApp; Signal also fetches previews as "WhatsApp/2"
    r"telegrambot",  # Telegram
    r"discordbot",  # Discord
    r"skypeuripreview",  # Skype and older Microsoft Teams
    r"microsoftpreview",  # Microsoft Teams / Outlook (successor of BingPreview)
    r"bingpreview",  # older Microsoft (Skype, Outlook.com, Bing) previews
    r"pinterestbot|^pinterest/0\.",  # Pinterest ("Pinterest/0.2 (+...bot.html)")
    r"redditbot",  # Reddit
    r"embedly",  # Embedly (embeds for Medium and many others)
    r"iframely",  # Iframely (Atlassian, many CMSs)
    r"vkshare",  # VK
    r"xing-contenttabreceiver|xing bot",  # XING
    r"\bmastodon/",  # Mastodon: "http.rb/5.1.1 (Mastodon/4.2.1; +https://instance/)"
    r"^(?:pleroma|akkoma|friendica|gotosocial|lemmy)\b|summalybot|misskey",  # other fediverse
    r"cardyb|blueskypreviewbot|^bluesky/",  # Bluesky: "Bluesky Cardyb/1.1"
    r"google web preview",  # Google
    r"snap ?url ?preview",  # Snapchat: "Snap URL Preview Service", "SnapURLPreview/1.0"
    r"^viber\b",  # Viber
    r"line-poker",  # LINE (its UA is "facebookexternalhit/1.1;line-poker/1.0")
    r"^tumblr/",  # Tumblr
    r"yahoo link preview",  # Yahoo Mail
    r"zoombot(?!.*seozoom)",  # Zoom Team Chat ("ZoomBot ... seozoom.it" is an SEO crawler)
    r"^mattermost-",  # Mattermost server: "mattermost-5.19.0", "Mattermost-Bot/1.1"
    r"rocket\.chat/[\w.-]*$",  # Rocket.Chat server: its embed UA ends "Rocket.Chat/<version>"
    r"nextcloud[- ]server[- ]crawler",  # Nextcloud Talk / Text link previews
    r"^synapse\b|matrix-media-repo",  # Matrix homeservers (Element previews)
    r"keybasebot",  # Keybase
    r"microsoft office|ms-?office",  # Outlook / Office apps checking a link before opening it
    r"flipboardproxy",  # Flipboard, when someone flips a link
    r"(?:link|ur[il]) ?-?preview|unfurl",  # generic: Quora, Buffer, Mixmax, Chatwork, ClickUp, ...
    r"discourse forum onebox",  # Discourse
    r"groupmebot|dingtalkbot|chatwork|peekbot",  # GroupMe, DingTalk, Chatwork, Gadu-Gadu
    r"quora-bot|mediumbot-metatagfetcher|^notion/|evernoterichlinkbot",  # Quora, Medium, Notion,
    #                                                                       Evernote
    r"steamchaturllookup|odklbot",  # Steam chat, Odnoklassniki
    r"everyonesocialbot",  # EveryoneSocial (another advocacy platform)
)
_PREVIEW_RE = re.compile("|".join(f"(?:{token})" for token in _PREVIEW_TOKENS), re.IGNORECASE)

# Robots and tools that crawlerdetect (checked too) does not know by name.
_BOT_TOKENS = (
    r"(?<!cu)bot\b",  # "...bot" ("CUBOT" is a phone brand)
    r"spider|crawl|scrap|harvest|archiv",
    r"scan|monitor|uptime|synthetic|audit|checker|validator|security",
    r"fetch|proxy|parser|webhook|http[ -]?client|agent\b|-user\b|preview",  # "Perplexity-User"
    r"headless|selenium|playwright|puppeteer|webdriver|phantomjs|lighthouse|\bsplash\b",
    r"meta-external|facebookcatalog",  # Meta's ad and AI crawlers (not previews)
    # Named services that send a plain browser UA plus their own token:
    r"hotjar|silktide|cookiehub|collapsify|readable/|sindup|foregenix|marketgoo|rigor\)",
    r"watchtowr|testlocally|newsai/|dlc/|appinsights",  # (audits, monitors, scrapers seen in logs)
)
_BOT_RE = re.compile("|".join(f"(?:{token})" for token in _BOT_TOKENS), re.IGNORECASE)

# A URL or an e-mail address in the UA is how robots say who runs them; browsers never do.
_CONTACT_RE = re.compile(
    r"https?://|\bwww\.|\+https?|mailto:|@[\w-]+\.[a-z]{2,}"
    r"|\b[\w-]+\.(?:com|net|org|io|ai|app|dev|co|ly|gy|fr|de|uk|ru|nu|es|pl|me|info|xyz|gov)\b",
    re.IGNORECASE,
)
# "(compatible; Name ..." is a robot unless it is Internet Explorer or Konqueror style.
_COMPATIBLE_RE = re.compile(
    r"\(compatible;(?!\s*(?:msie|konqueror|linux|u;|windows|iemobile))|like gecko;\s*compatible",
    re.IGNORECASE,
)
# Every browser or in-app browser names an engine, a platform or its app.
_BROWSERISH_RE = re.compile(
    r"mozilla/|opera|webkit|gecko|trident|presto|khtml|msie"
    r"|android|iphone|ipad|ipod|\bios\b|windows|macintosh|mac os|linux|x11|cros|darwin|cfnetwork"
    r"|dalvik|symbian|series ?60|blackberry|j2me|midp|cldc|brew|kaios|tizen|webos|bada|nintendo"
    r"|ucweb|uc ?browser|netfront|obigo|up\.browser|openwave|qqbrowser|dolphin"
    r"|fban|fbav|instagram|pinterest|snapchat|browser",
    re.IGNORECASE,
)
# A "Mozilla/..." UA without any engine token is not a browser ("Mozilla/5.0 (Tool)").
_ENGINE_RE = re.compile(
    r"webkit|gecko|goanna|trident|presto|khtml|msie|netfront|uc ?browser|opera|blazer|obigo"
    r"|ladybird|browser|playstation|\bpsp\b|nintendo",
    re.IGNORECASE,
)
# Free-text fields that in-app browsers fill with arbitrary names (FBCR: the mobile carrier,
# e.g. "OrangeBotswana" or "Telekom.de"), removed before looking for robot words.
_FREE_TEXT_RE = re.compile(r"FBCR/[^;\]]*", re.IGNORECASE)

_crawler_detect = CrawlerDetect()


def _clip_user_agent(user_agent: str | None) -> str:
    if not isinstance(user_agent, str):
        return ""
    return user_agent[:MAX_USER_AGENT_LENGTH].strip()


def agent_class(user_agent: str) -> str:
    """``HUMAN``, ``PREVIEW`` (link-preview robot) or ``BOT`` for a User-Agent header."""
    return _agent_class(_clip_user_agent(user_agent))


@lru_cache(maxsize=_CACHE_SIZE)
def _agent_class(ua: str) -> str:
    if not ua:
        return BOT
    if _PREVIEW_RE.search(ua):
        return PREVIEW
    ua = _FREE_TEXT_RE.sub("", ua)
    if (
        _BOT_RE.search(ua)
        or _CONTACT_RE.search(ua)
        or _COMPATIBLE_RE.search(ua)
        or not _BROWSERISH_RE.search(ua)
        or (ua[:8].lower() == "mozilla/" and not _ENGINE_RE.search(ua))
        or _crawler_detect.isCrawler(ua)
    ):
        return BOT
    return HUMAN


_OTHER_DEVICE_RE = re.compile(
    r"smart-?tv|hbbtv|netcast|googletv|appletv|crkey|web0s|roku|tizen[^;)]*tv|\baft[a-z]{1,3}\b"
    r"|playstation|xbox|nintendo|oculus|quest \d|\bvr\b|watch ?os",  # TVs, consoles, headsets
    re.IGNORECASE,
)
_PHONE_RE = re.compile(
    r"iphone|ipod|windows phone|iemobile|opera mini|opera mobi|blackberry|\bbb10\b"
    r"|symbian|series ?60|j2me|midp|kaios",
    re.IGNORECASE,
)
_TABLET_RE = re.compile(r"tablet(?! pc)|kindle|\bsilk\b|playbook|\bkf[a-z]{2,4}\b", re.IGNORECASE)
_MOBILE_RE = re.compile(r"mobi", re.IGNORECASE)
_DESKTOP_RE = re.compile(
    r"windows nt|windows [0-9x]|win(?:32|64)|macintosh|mac os x|x11|linux|cros", re.IGNORECASE
)


def device_class(user_agent: str) -> str:
    """``"mobile"``, ``"tablet"``, ``"desktop"`` or ``"other"`` (robots and unknown devices)."""
    return _device_class(_clip_user_agent(user_agent))


@lru_cache(maxsize=_CACHE_SIZE)
def _device_class(ua: str) -> str:
    if _agent_class(ua) != HUMAN:
        return OTHER
    if _OTHER_DEVICE_RE.search(ua):
        return OTHER
    if "ipad" in ua.lower():  # before the phone test: iPad UAs can say "CPU iPhone OS"
        return TABLET
    if _PHONE_RE.search(ua):
        return MOBILE
    if _TABLET_RE.search(ua):
        return TABLET
    if "android" in ua.lower():
        return MOBILE if _MOBILE_RE.search(ua) else TABLET
    if _MOBILE_RE.search(ua):
        return MOBILE
    if _DESKTOP_RE.search(ua):
        return DESKTOP
    return OTHER


_HOST_RE = re.compile(r"[\w-]+(?:\.[\w-]+)*")


def referrer_domain(referer: str) -> str:
    """The referring host: lower-case, no port, no ``www.``; ``""`` when there is none.

    Addresses (IPv4/IPv6 literals) are dropped: we keep where people came from, not who
    they are. Hosts longer than ``MAX_DOMAIN_LENGTH`` lose their leftmost labels.
    """
    if not isinstance(referer, str):
        return ""
    return _referrer_domain(referer[:_MAX_REFERER_LENGTH].strip())


@lru_cache(maxsize=_CACHE_SIZE)
def _referrer_domain(referer: str) -> str:
    if not referer:
        return ""
    try:
        host = urlsplit(referer).hostname
    except ValueError:  # e.g. an unbalanced "[" in the host
        return ""
    if not host:
        return ""
    host = host.lower().rstrip(".")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return ""
    if not _HOST_RE.fullmatch(host):
        return ""
    labels = host.split(".")
    if all(label.isdigit() for label in labels):  # "127.1" and other shorthand addresses
        return ""
    if labels[0] == "www" and len(labels) > 1:
        labels = labels[1:]
    while labels and len(".".join(labels)) > MAX_DOMAIN_LENGTH:
        labels = labels[1:]
    return ".".join(labels)
