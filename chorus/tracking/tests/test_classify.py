import json
import re
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings

from chorus.tracking.classify import (
    BOT,
    HUMAN,
    MAX_DOMAIN_LENGTH,
    PREVIEW,
    agent_class,
    device_class,
    referrer_domain,
)

# Third-party fixtures, read-only and kept outside the project; see SOURCE.md in each folder.
TESTDATA = Path(settings.BASE_DIR).parent / "shared" / "testdata"
CRAWLER_USER_AGENTS = TESTDATA / "crawler-user-agents" / "crawler-user-agents.json"
UAP_CORE = TESTDATA / "uap-core-ua" / "test_ua.yaml"

needs_crawler_user_agents = pytest.mark.skipif(
    not CRAWLER_USER_AGENTS.is_file(),
    reason=f"shared/testdata not found: {CRAWLER_USER_AGENTS} (monperrus/crawler-user-agents)",
)
needs_uap_core = pytest.mark.skipif(
    not UAP_CORE.is_file(), reason=f"shared/testdata not found: {UAP_CORE} (ua-parser/uap-core)"
)


# Real user agents


IPHONE_SAFARI = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
ANDROID_CHROME_PHONE = (
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Mobile Safari/537.36"
)
IPAD_SAFARI = (
    "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.5 Mobile/15E148 Safari/604.1"
)
ANDROID_CHROME_TABLET = (
    "Mozilla/5.0 (Linux; Android 13; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Safari/537.36"
)
WINDOWS_CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Safari/537.36"
)
MACOS_SAFARI = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.4.1 Safari/605.1.15"
)
LINKEDIN_APP_IOS = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Mobile/15E148 [LinkedInApp]/9.29.8962"
)
LINKEDIN_APP_ANDROID = (
    "Mozilla/5.0 (Linux; Android 16; SM-A176U Build/BP2A.250605.031; wv) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Version/4.0 Chrome/151.0.7922.85 Mobile Safari/537.36 "
    "[LinkedInApp]/2.312.70"
)

PREVIEW_USER_AGENTS = {
    "LinkedIn": "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
    "X/Twitter": "Twitterbot/1.0",
    "Facebook": "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Facebook (Facebot)": "Facebot/1.0",
    "Meta fetcher": "meta-externalfetcher/1.1 (+https://developers.facebook.com/docs/sharing/webmasters/crawler)",
    "Meta-ExternalHit": (
        "Mozilla/5.0 (compatible; Meta-ExternalHit/1.1; +http://www.facebook.com/externalhit_uatext.php)"
    ),
    "Apple iMessage": "facebookexternalhit/1.1 Facebot Twitterbot/1.0",
    "Apple iMessage (macOS)": (
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) "
        "Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0"
    ),
    "Slack unfurl": "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "Slack image proxy": "Slack-ImgProxy (+https://api.slack.com/robots)",
    "Slackbot": "Slackbot 1.0 (+https://api.slack.com/robots)",
    "WhatsApp": "WhatsApp/2.19.330 A",
    "Signal (borrows WhatsApp's UA)": "WhatsApp/2",
    "Telegram": "TelegramBot (like TwitterBot)",
    "Discord": "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
    "Skype / Teams": (
        "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 "
        "skype-url-preview@microsoft.com"
    ),
    "Teams (MicrosoftPreview)": (
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; MicrosoftPreview/2.0; "
        "+https://aka.ms/MicrosoftPreview) Chrome/100.0.4896.127 Safari/537.36"
    ),
    "Pinterest": "Mozilla/5.0 (compatible; Pinterestbot/1.0; +http://www.pinterest.com/bot.html)",
    "Pinterest (old)": "Pinterest/0.2 (+http://www.pinterest.com/bot.html)",
    "Reddit": "Mozilla/5.0 (compatible; redditbot/1.0; +http://www.reddit.com/feedback)",
    "Embedly": "Mozilla/5.0 (compatible; Embedly/0.2; +http://support.embed.ly/)",
    "Iframely": "Iframely/1.3.1 (+https://iframely.com/docs/about) Atlassian",
    "VK": "Mozilla/5.0 (compatible; vkShare; +http://vk.com/dev/Share)",
    "XING": "XING-contenttabreceiver/2.0",
    "Mastodon": "http.rb/5.1.1 (Mastodon/4.2.1; +https://mastodon.social/)",
    "Bluesky": "Mozilla/5.0 (compatible; Bluesky Cardyb/1.1; +mailto:support@bsky.app)",
    "Google Web Preview": (
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 "
        "(KHTML, like Gecko; Google Web Preview) Chrome/27.0.1453 Safari/537.36"
    ),
    "Snapchat": "Mozilla/5.0 (compatible; SnapURLPreview/1.0; +https://www.snapchat.com)",
    "Snapchat (service)": "Snap URL Preview Service; bot; snapchat; https://developers.snap.com/robots",
    "Viber": "Viber",
    "LINE": "facebookexternalhit/1.1;line-poker/1.0",
    "Tumblr": "Tumblr/14.0.835.186",
    "Yahoo Mail": (
        "Mozilla/5.0 (compatible; Yahoo Link Preview; "
        "https://help.yahoo.com/kb/mail/yahoo-link-preview-SLN23615.html)"
    ),
    "Mattermost": "mattermost-5.19.0",
    "Mattermost (bot)": "Mattermost-Bot/1.1",
    # Rocket.Chat's default API_Embed_UserAgent setting followed by " Rocket.Chat/<version>"
    "Rocket.Chat": (
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/41.0.2227.0 Safari/537.36 Rocket.Chat/6.5.0"
    ),
    "Nextcloud": "Nextcloud Server Crawler",
    "Nextcloud (32+)": "Nextcloud-Server-Crawler/32.0.0",
    "Matrix Synapse": "Synapse (bot; +https://github.com/matrix-org/synapse)",
    "Keybase": "Mozilla/5.0 (compatible; KeybaseBot; +https://keybase.io)",
    "Office link check": "Microsoft Office Existence Discovery",
    "Outlook": "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.6326; Pro)",
    "Buffer": "BufferLinkPreviewBot/1.0 (+https://scraper.buffer.com/about/bots/link-preview-bot)",
}

BOT_USER_AGENTS = {
    "empty": "",
    "blank": "   ",
    "curl": "curl/8.4.0",
    "wget": "Wget/1.21.4",
    "python-requests": "python-requests/2.31.0",
    "httpx": "python-httpx/0.27.0",
    "Go": "Go-http-client/1.1",
    "okhttp": "okhttp/4.12.0",
    "headless Chrome": (
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "HeadlessChrome/120.0.0.0 Safari/537.36"
    ),
    "Playwright": WINDOWS_CHROME + " Playwright/1.40.0",
    "Googlebot": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Applebot (a crawler; iMessage previews use facebookexternalhit)": (
        "Mozilla/5.0 (compatible; Applebot/0.3; +http://www.apple.com/go/applebot)"
    ),
    "Meta AI crawler": "meta-externalagent/1.1 (+https://developers.facebook.com/docs/sharing/webmasters/crawler)",
    "Meta AI crawler (FacebookBot)": (
        "Mozilla/5.0 (compatible; FacebookBot/1.0; "
        "+https://developers.facebook.com/docs/sharing/webmasters/facebookbot/)"
    ),
    "SEOZoom (not Zoom)": "ZoomBot (Linkbot 1.0 http://suite.seozoom.it/bot.html)",
    "GPTBot": "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)",
    "tool with a contact URL": "Mozilla/5.0 (compatible; ExampleChecker/1.0; +https://example.org/bot)",
    "bare product": "SomeLibrary/1.0",
}

HUMAN_USER_AGENTS = {
    "iPhone Safari": (IPHONE_SAFARI, "mobile"),
    "Android Chrome phone": (ANDROID_CHROME_PHONE, "mobile"),
    "iPad Safari": (IPAD_SAFARI, "tablet"),
    "Android tablet Chrome": (ANDROID_CHROME_TABLET, "tablet"),
    "Windows Chrome": (WINDOWS_CHROME, "desktop"),
    "macOS Safari": (MACOS_SAFARI, "desktop"),
    "LinkedIn app (iOS)": (LINKEDIN_APP_IOS, "mobile"),
    "LinkedIn app (Android)": (LINKEDIN_APP_ANDROID, "mobile"),
    "Windows Edge": (WINDOWS_CHROME + " Edg/124.0.2478.80", "desktop"),
    "Linux Firefox": (
        "Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0",
        "desktop",
    ),
    "ChromeOS": (
        "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/124.0.0.0 Safari/537.36",
        "desktop",
    ),
    "Samsung Internet": (
        "Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
        "SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36",
        "mobile",
    ),
    "Facebook in-app (iOS)": (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 11_4_1 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Mobile/15G77 [FBAN/FBIOS;FBAV/194.0.0.38.99;FBBV/127868476;"
        "FBDV/iPhone7,2;FBMD/iPhone;FBSN/iOS;FBSV/11.4.1;FBSS/2;FBCR/OrangeBotswana;FBID/phone;"
        "FBLC/en_GB;FBOP/5;FBRV/128807018]",  # "OrangeBotswana" is the carrier, not a bot
        "mobile",
    ),
    "Facebook in-app (Android)": (
        "Mozilla/5.0 (Linux; Android 16; Pixel 10 Pro XL Build/CP1A.260305.018; wv) "
        "AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/146.0.7680.174 "
        "Mobile Safari/537.36 MetaIAB Facebook",
        "mobile",
    ),
    "Instagram in-app": (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 11_2_5 like Mac OS X) AppleWebKit/604.5.6 "
        "(KHTML, like Gecko) Mobile/15D60 Instagram 33.0.0.11.96 (iPhone9,3; iOS 11_2_5; en_AU; "
        "en-AU; scale=2.00; gamut=wide; 750x1334)",
        "mobile",
    ),
    "LINE in-app": (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Mobile/15E148 Safari Line/13.16.0",
        "mobile",
    ),
    "X/Twitter in-app": (
        "Mozilla/5.0 (Linux; Android 9; Nokia 2.1 Build/PKQ1.181105.001; wv) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Version/4.0 Chrome/74.0.3729.157 Mobile Safari/537.36 TwitterAndroid",
        "mobile",
    ),
    "CUBOT phone (a brand, not a bot)": (
        "Mozilla/5.0 (Linux; U; Android 4.2.1; en-gb; CUBOT ONE Build/JOP40D) AppleWebKit/534.30 "
        "(KHTML, like Gecko) Version/4.0 Mobile Safari/534.30",
        "mobile",
    ),
    "Kindle Fire": (
        "Mozilla/5.0 (Linux; U; Android 4.0.3; en-gb; KFTT Build/IML74K) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Silk/3.25 like Chrome/34.0.1847.137 Mobile Safari/537.36",
        "tablet",
    ),
    "Windows Phone": (
        "Mozilla/5.0 (compatible; MSIE 10.0; Windows Phone 8.0; Trident/6.0; IEMobile/10.0; ARM; "
        "Touch; NOKIA; Lumia 920)",
        "mobile",
    ),
    "Opera Mini": (
        "Opera/9.80 (Android; Opera Mini/7.6.35766/35.5706; U; en) Presto/2.8.119 Version/11.10",
        "mobile",
    ),
    "smart TV": (
        "Mozilla/5.0 (SMART-TV; Linux; Tizen 6.0) AppleWebKit/537.36 (KHTML, like Gecko) "
        "SamsungBrowser/4.0 Chrome/76.0.3809.146 TV Safari/537.36",
        "other",
    ),
}


@pytest.mark.parametrize("user_agent", PREVIEW_USER_AGENTS.values(), ids=PREVIEW_USER_AGENTS)
def test_previewers(user_agent):
    assert agent_class(user_agent) == PREVIEW
    assert device_class(user_agent) == "other"


@pytest.mark.parametrize("user_agent", BOT_USER_AGENTS.values(), ids=BOT_USER_AGENTS)
def test_bots(user_agent):
    assert agent_class(user_agent) == BOT
    assert device_class(user_agent) == "other"


@pytest.mark.parametrize(
    ("user_agent", "device"), HUMAN_USER_AGENTS.values(), ids=HUMAN_USER_AGENTS
)
def test_humans(user_agent, device):
    assert agent_class(user_agent) == HUMAN
    assert device_class(user_agent) == device


def test_odd_input():
    assert agent_class(None) == BOT
    assert device_class(None) == "other"
    assert referrer_domain(None) == ""


def test_long_user_agents_are_cut_before_classifying():
    # Only the first 512 characters count, so a robot word further on is not seen.
    assert agent_class(WINDOWS_CHROME + " " * 600 + "Googlebot/2.1") == HUMAN
    assert agent_class("x" * 100_000) == BOT


@pytest.mark.parametrize(
    ("referer", "domain"),
    [
        ("https://www.linkedin.com/feed/?x=1", "linkedin.com"),
        ("android-app://com.linkedin.android/", "com.linkedin.android"),
        ("http://t.co/abc", "t.co"),
        ("https://lnkd.in/dXyZ", "lnkd.in"),
        ("", ""),
        ("   ", ""),
        ("not a url", ""),
        ("linkedin.com/feed", ""),  # no scheme: not a URL
        ("about:blank", ""),
        ("javascript:alert(1)", ""),
        ("file:///home/me/page.html", ""),
        ("https://WWW.Example.COM:8443/path", "example.com"),
        ("http://example.com:80", "example.com"),
        ("https://user:secret@www.example.com/", "example.com"),
        ("https://example.com./", "example.com"),
        ("https://www/", "www"),
        ("https://wwwexample.com/", "wwwexample.com"),
        ("https://BÜCHER.example/", "bücher.example"),  # IDN kept as given, lower-cased
        ("https://xn--bcher-kva.example/", "xn--bcher-kva.example"),
        ("http://192.168.1.20/admin", ""),
        ("http://127.1/", ""),
        ("https://[2001:db8::1]:8443/x", ""),
        ("http://[::1]/", ""),
        ("http://[::1/", ""),  # unbalanced bracket
        ("http://exa mple.com/", ""),
        ("https://example.com:notaport/", "example.com"),
        ("http://<script>/", ""),
    ],
)
def test_referrer_domain(referer, domain):
    assert referrer_domain(referer) == domain


def test_referrer_domain_keeps_at_most_100_characters():
    host = ".".join(["a" * 30] * 4) + ".example.com"  # 135 characters
    domain = referrer_domain(f"https://{host}/x")
    assert len(domain) <= MAX_DOMAIN_LENGTH
    assert domain == ".".join(["a" * 30] * 2) + ".example.com"  # whole labels dropped on the left


# Real bots: monperrus/crawler-user-agents (every `instances` entry is a robot's UA)


# Instances that are not robots by their UA: a robot reported using an unmodified browser UA.
NOT_BOT_UAS = {
    # Instagram's in-app browser on Android, listed under a build number ("AP3A.240617.008")
    "Mozilla/5.0 (Linux; Android 15; CPH2557 Build/AP3A.240617.008; wv) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Version/4.0 Chrome/142.0.7444.142 Mobile Safari/537.36 Instagram "
    "406.0.0.58.159 Android (35/15; 480dpi; 1080x2400; OPPO; CPH2557; OP573DL1; mt6833; en_MY; "
    "822918295; IABMV/1) NV/1": "Instagram in-app browser",
    "Mozilla/5.0 (Linux; Android 16; Pixel 10 Pro XL Build/CP1A.260305.018; wv) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Version/4.0 Chrome/146.0.7680.174 Mobile Safari/537.36 MetaIAB Facebook": (
        "Facebook in-app browser"
    ),
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Code/1.115.0 Chrome/142.0.7444.265 Electron/39.8.5 Safari/537.36": "VS Code (Electron app)",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Trae/1.107.1 Chrome/142.0.7444.235 Electron/39.2.7 Safari/537.36": "Trae IDE (Electron app)",
    "Mozilla/5.0 (Macintosh; U; Intel Mac OS X 10_5_6; en-us) AppleWebKit/528.16 "
    "(KHTML, like Gecko) Fluid/0.9.6 Safari/528.16": "Fluid (a macOS site-specific browser)",
}
# Patterns of link-preview robots whose every instance must be classified PREVIEW.
KNOWN_PREVIEWERS = re.compile(
    r"LinkedInBot|Twitterbot|facebookexternalhit|Slackbot|WhatsApp|TelegramBot|Discordbot"
    r"|SkypeUriPreview|redditbot|Embedly|vkShare|Pinterest",
    re.IGNORECASE,
)


@cache
def _crawler_entries() -> list[dict]:
    return json.loads(CRAWLER_USER_AGENTS.read_text())


@needs_crawler_user_agents
def test_robots_are_not_humans():
    robots = {ua for entry in _crawler_entries() for ua in entry.get("instances", [])}
    assert set(NOT_BOT_UAS) <= robots
    robots -= set(NOT_BOT_UAS)
    missed = sorted(ua for ua in robots if agent_class(ua) == HUMAN)
    recall = 1 - len(missed) / len(robots)
    assert recall >= 0.995, f"recall {recall:.4f} ({len(missed)}/{len(robots)} missed): {missed}"


@needs_crawler_user_agents
def test_in_app_browsers_listed_as_robots_are_human():
    in_app = [ua for ua, why in NOT_BOT_UAS.items() if "in-app" in why]
    assert [agent_class(ua) for ua in in_app] == [HUMAN] * len(in_app)


@needs_crawler_user_agents
def test_known_previewers_are_previews():
    entries = [e for e in _crawler_entries() if KNOWN_PREVIEWERS.search(e["pattern"])]
    assert len(entries) >= 12
    instances = [ua for entry in entries for ua in entry.get("instances", [])]
    wrong = [(ua, agent_class(ua)) for ua in instances if agent_class(ua) != PREVIEW]
    assert not wrong, wrong


# Real browsers: ua-parser/uap-core test cases, filtered by browser family


BROWSER_FAMILIES = frozenset(
    {
        # desktop and mobile browsers
        "Chrome", "Chrome Mobile", "Chrome Mobile iOS", "Chrome Mobile WebView", "Chromium",
        "Chrome Frame", "Firefox", "Firefox Mobile", "Firefox iOS", "Firefox Beta",
        "Firefox (Shiretoko)", "Safari", "Mobile Safari", "Mobile Safari UI/WKWebView", "Edge",
        "Edge Mobile", "IE", "IE Mobile", "IE Large Screen", "Opera", "Opera Mobile", "Opera Mini",
        "Opera Touch", "Opera GX", "Opera Coast", "Opera Neon", "Opera Tablet", "Samsung Internet",
        "UC Browser", "Yandex Browser", "Android", "Amazon Silk", "Kindle", "Vivaldi", "Brave",
        "DuckDuckGo Mobile", "Whale", "MiuiBrowser", "Puffin", "Dolphin", "mDolphin", "Dolfin",
        "Coc Coc", "Maxthon", "Pale Moon", "QQ Browser", "QQ Browser Mobile", "QQ Browser Mini",
        "Baidu Browser", "Baidu Explorer", "360 Secure Browser", "115 Browser", "JiSu Browser",
        "QAX Browser", "Aloha Browser", "Avast Secure Browser", "AVG", "Avira", "Norton",
        "CCleaner", "Seznam prohlížeč", "Honor Browser", "HeyTap Browser", "Huawei Browser",
        "HiBrowser", "VivoBrowser", "Mint Browser", "Oculus Browser", "Wolvic Browser",
        "Sailfish Browser", "Smart Lenovo Browser", "Ecosia Android", "Ecosia iOS", "Waterfox",
        "Iron", "Comodo Dragon", "Dragon", "Sleipnir", "Basilisk", "IceCat", "MullvadBrowser",
        "Mypal Browser", "Phoenix Browser", "Konqueror", "Midori", "QupZilla", "Rekonq",
        "Conkeror", "qutebrowser", "Otter", "LuaKit", "Ladybird", "Atom Browser", "Sber Browser",
        "Quark", "Quark PC", "Mail.ru Chromium Browser", "AOL Desktop Gold Browser",
        "AOL Shield Browser", "Hola Browser", "Instabridge", "Lite Browser", "Odin",
        "Decentr Web3 Browser", "Sparrow Browser", "Chromium GOST Browser",
        "Talon Cyber Security Browser", "Craving Explorer Browser", "Tenta Browser", "RockMelt",
        "FireWeb", "Skyfire", "Minimo", "ThunderBrowse", "BlackBerry WebKit", "Nokia Browser",
        "Nokia OSS Browser", "Ovi Browser", "NetFront", "Obigo", "Teleca Browser", "UP.Browser",
        "Openwave", "ONE Browser", "iBrowser Mini", "BOLT", "ICE Browser", "Bunjalloo",
        "Phantom Browser", "webOS Browser",
        # TV browsers
        "Vewd Browser", "SmartTV WebBrowser", "NetCast Smart TV", "Espial",
        # in-app browsers of social, chat and work apps
        "Facebook", "Facebook Messenger", "Instagram", "LINE", "WeChat Browser", "Weibo",
        "KakaoTalk", "Twitter", "TikTok", "Snapchat", "Pinterest", "Google", "Telegram",
        "Microsoft Teams", "Slack Desktop Client",
    }
)  # fmt: skip
# SOURCE.md caveat: some UAs filed under a browser family are previewers.
PREVIEWERS_IN_BROWSER_FAMILIES = re.compile(r"Google Web Preview|^Pinterest/0\.")


def _yaml_scalar(text: str) -> str:
    if text[:1] == "'" and text[-1:] == "'":
        return text[1:-1].replace("''", "'")
    if text[:1] == '"' and text[-1:] == '"' and "\\" not in text:
        return text[1:-1]
    if text[:1] not in ("'", '"', "") and ": " not in text and " #" not in text:
        return text
    raise ValueError(f"unsupported YAML scalar: {text!r}")


def _load_uap_cases() -> list[dict]:
    """uap-core's test_ua.yaml; a minimal reader when PyYAML is not installed.

    The file is a flat list of mappings with quoted scalars; anything else fails loudly.
    """
    try:
        import yaml
    except ImportError:
        pass
    else:
        return yaml.safe_load(UAP_CORE.read_text(encoding="utf-8"))["test_cases"]
    cases: list[dict] = []
    for line in UAP_CORE.read_text(encoding="utf-8").splitlines():
        if match := re.fullmatch(r"  - (\w+): (.*)", line):
            cases.append({})
        elif not (match := re.fullmatch(r"    (\w+):(?: (.*))?", line)):
            continue
        key, value = match.groups()
        cases[-1][key] = _yaml_scalar(value.strip()) if value else None
    return cases


@cache
def _browser_uas() -> tuple[list[str], list[str]]:
    cases = [case for case in _load_uap_cases() if case["family"] in BROWSER_FAMILIES]
    previewers = [
        case["user_agent_string"]
        for case in cases
        if PREVIEWERS_IN_BROWSER_FAMILIES.search(case["user_agent_string"])
    ]
    humans = [
        case["user_agent_string"] for case in cases if case["user_agent_string"] not in previewers
    ]
    return humans, previewers


@needs_uap_core
def test_uap_core_reader():
    cases = _load_uap_cases()
    assert len(cases) == 1601
    assert all(case["user_agent_string"] and case["family"] for case in cases)
    assert {case["family"] for case in cases} >= BROWSER_FAMILIES


@needs_uap_core
def test_browsers_are_human():
    humans, previewers = _browser_uas()
    assert len(humans) > 350
    flagged = [(ua, agent_class(ua)) for ua in humans if agent_class(ua) != HUMAN]
    precision = 1 - len(flagged) / len(humans)
    assert precision >= 0.99, f"precision {precision:.4f}: {flagged}"
    assert {agent_class(ua) for ua in previewers} == {PREVIEW}


def _expected_device(ua: str) -> str | None:
    """The device class a UA states plainly, or None when it does not."""
    kindle = re.search(r"Silk|Kindle", ua)  # Kindle Fire: a tablet, can ask for desktop pages
    if "iPad" in ua:
        return "tablet"
    if re.search(r"iPhone|Windows Phone|Android [\d.]+;.*Mobile Safari", ua) and not kindle:
        return "mobile"
    if re.search(r"Windows NT|Macintosh|\bX11\b", ua) and not re.search(r"Quest|Mobi", ua):
        return None if kindle else "desktop"
    return None


@needs_uap_core
def test_browser_devices():
    humans, _ = _browser_uas()
    humans = [ua for ua in humans if agent_class(ua) == HUMAN]  # robots are "other"
    expected = {ua: device for ua in humans if (device := _expected_device(ua))}
    assert len(expected) > 250
    wrong = [(ua, device, device_class(ua)) for ua, device in expected.items()]
    assert [item for item in wrong if item[1] != item[2]] == []
