"""Demo shares and clicks: a program that has been running for about three months.

Shares go through the real services (links, disclosure, length rules); their clicks go through
the real ingest (bot classes, dedupe, rollups), only with invented times and visitors. The
invented part follows the shapes the dashboards are there to show: the program grows, weekends
are quiet, a few people do most of the sharing and some stop, and clicks fade over the days
after a share, mostly while the sharer's followers are awake."""

import datetime as dt
import math
import random
from collections import Counter
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone

from chorus.academy.models import GuidelinesAcceptance
from chorus.academy.services.guidelines import guidelines_accept
from chorus.accounts.models import User
from chorus.analytics.services import analytics_rebuild
from chorus.content.models import ContentItem
from chorus.content.selectors import feed_for_advocate
from chorus.core.errors import ChorusError
from chorus.program.models import ProgramSettings
from chorus.program.selectors import program_settings_get
from chorus.sharing.models import Share, SharingProfile
from chorus.sharing.services import share_create, sharing_profile_update
from chorus.tracking.models import TrackedLink
from chorus.tracking.services import clicks_store

DAYS = 90
RESHARE_AFTER = dt.timedelta(days=21)
FAR = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
DEMO_LOGIN = "advocate@example.com"
DISCLOSURE = "#iworkatAcme"
NETWORK_WEIGHTS = {
    "linkedin": 50,
    "x": 12,
    "facebook": 10,
    "xing": 8,
    "bluesky": 8,
    "whatsapp": 7,
    "mastodon": 5,
}
OWN_WORDS = {
    "en": ["Proud of this one.", "This is what my team does all day:", "Worth five minutes:"],
    "pl": ["Jestem z tego dumna.", "Tym zajmuje się mój zespół:", "Warto przeczytać:"],
    "th": ["ภูมิใจกับงานนี้มาก", "นี่คือสิ่งที่ทีมของเราทำทุกวัน:", "น่าอ่านมาก:"],
}
BROWSERS = [
    (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
        30,
    ),
    (
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/131.0.0.0 Mobile Safari/537.36",
        25,
    ),
    (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/131.0.0.0 Safari/537.36",
        30,
    ),
    (
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "Version/17.5 Safari/605.1.15",
        10,
    ),
    (
        "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "Version/17.5 Mobile/15E148 Safari/604.1",
        5,
    ),
]
PREVIEWERS = {
    "linkedin": "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
    "x": "Twitterbot/1.0",
    "facebook": "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "whatsapp": "WhatsApp/2.23.20.0",
    "bluesky": "Mozilla/5.0 (compatible; Bluesky Cardyb/1.1; +mailto:support@bsky.app)",
}
REFERRERS = {
    "linkedin": ["linkedin.com", "lnkd.in", "com.linkedin.android"],
    "x": ["t.co"],
    "facebook": ["facebook.com", "m.facebook.com", "l.facebook.com"],
    "xing": ["xing.com"],
    "bluesky": ["bsky.app"],
    "whatsapp": [""],
    "mastodon": ["mastodon.social", "fosstodon.org"],
}
CRAWLER = "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)"

# Network: (fewest followers, most followers, the share of them who click a typical post).
AUDIENCES = {
    "linkedin": (150, 3000, 0.022),
    "x": (50, 1500, 0.014),
    "facebook": (80, 900, 0.022),
    "xing": (50, 600, 0.020),
    "bluesky": (30, 600, 0.028),
    "whatsapp": (15, 250, 0.120),
    "mastodon": (20, 400, 0.035),
}
# How likely someone is to share to a network at all (NETWORK_WEIGHTS then choose among them).
USES = {
    "linkedin": 0.95,
    "x": 0.5,
    "facebook": 0.45,
    "xing": 0.5,
    "bluesky": 0.4,
    "whatsapp": 0.4,
    "mastodon": 0.25,
}
# Network: what a click and a thousand impressions would cost as ads (EUR).
EMV_RATES = {
    "linkedin": ("3.20", "11.50"),
    "x": ("0.90", "6.00"),
    "facebook": ("1.10", "7.50"),
    "xing": ("2.40", "9.00"),
    "bluesky": ("0.80", "4.50"),
    "whatsapp": ("0.70", "2.00"),
    "mastodon": ("0.60", "3.50"),
}
# Shares on an ordinary weekday of the people the demo tells a story about; everyone else
# shares now and then.
KEEN = {
    DEMO_LOGIN: 1.8,
    "chloe.bennett@example.com": 1.8,
    "krzysztof.kaminski@example.com": 1.5,
    "somchai.srisuk@example.com": 1.3,
    "curator@example.com": 1.1,
}
# People who stopped sharing (days ago), so that not everyone is active in the last 30 days.
STOPPED = {
    "anna.kowalczyk@example.com": 41,
    "zofia.dabrowska@example.com": 36,
    "oliver.hughes@example.com": 47,
}
# The demo login shares to several networks, so that their dashboard compares them:
# network → (weight, followers).
DEMO_LOGIN_NETWORKS = {
    "linkedin": (50, 2400),
    "x": (20, 1100),
    "bluesky": (15, 450),
    "facebook": (15, 650),
}
# Local hour: how likely a share (before work, at lunch, in the evening) and a click (the
# followers read at work and most in the evening).
SHARE_HOURS = (0, 0, 0, 0, 0, 0, 1, 3, 6, 7, 5, 4, 5, 4, 3, 3, 3, 2, 2, 3, 3, 2, 1, 0)
CLICK_HOURS = (2, 1, 1, 1, 1, 1, 2, 5, 7, 8, 7, 7, 7, 7, 6, 6, 6, 7, 7, 9, 9, 8, 6, 4)
# Monday first: weekends are quiet, more so for sharing than for reading.
SHARE_WEEKDAYS = (1.0, 1.15, 1.15, 1.05, 0.85, 0.2, 0.15)
CLICK_WEEKDAYS = (1.0, 1.0, 1.0, 1.0, 0.9, 0.6, 0.55)
CLICK_MOST = max(CLICK_HOURS)


@dataclass
class Habits:
    """How one advocate shares: how often, where, to how many followers, and when."""

    rate: float  # shares on an ordinary weekday once the program is in full swing
    joined: dt.datetime
    stopped: dt.datetime | None
    zone: ZoneInfo
    networks: dict[str, int]  # network → weight
    audiences: dict[str, int]  # network → followers


def demo_sharing_load() -> dict[str, int]:
    """Create the demo's shares and clicks once and fill the dashboards' rollups; a second run
    adds nothing."""
    created = {"shares": 0, "clicks": 0}
    if Share.objects.exists():
        return created
    program = _program_prepare()
    rng = random.Random(20261123)  # noqa: S311 - invented demo data, repeatable on purpose
    now = timezone.now()
    advocates = list(
        User.objects.filter(memberships__left_at__isnull=True, memberships__isnull=False)
        .distinct()
        .order_by("pk")
    )
    networks = [n for n in NETWORK_WEIGHTS if n in program.networks]
    if not advocates or not networks:
        return created
    appeal: dict[int, float] = {}  # item → how much more (or less) than usual its posts draw
    rows = []
    for advocate in advocates:
        habits = _habits(rng, advocate, networks, now)
        if "mastodon" in habits.networks:
            sharing_profile_update(user=advocate, mastodon_instance="mastodon.social")
        SharingProfile.objects.update_or_create(
            user=advocate,
            defaults={"audiences": habits.audiences, "networks": list(habits.networks)},
        )
        # Joining asks for the guidelines: each advocate accepted them the day they joined.
        acceptance = guidelines_accept(user=advocate)
        GuidelinesAcceptance.objects.filter(pk=acceptance.pk).update(created_at=habits.joined)
        items = [
            item
            for item in feed_for_advocate(user=advocate).prefetch_related("sample_posts")
            if item.shareable
        ]
        items.sort(key=lambda item: item.pk)
        last = None
        for at, item, network in _plan(rng, habits, items, now):
            share = _share(rng, advocate, item, network, at)
            if share is None:
                continue
            created["shares"] += 1
            last = at
            if item.pk not in appeal:
                appeal[item.pk] = rng.lognormvariate(0, 0.3)
            rows += _clicks_for(rng, share, at, now, habits, appeal[item.pk])
        _signed_in(rng, advocate, habits, last, now)
    clicks_store(rows)
    created["clicks"] = len(rows)
    analytics_rebuild()
    return created


def _program_prepare() -> ProgramSettings:
    """A lived-in program: a disclosure tag, company domains, and what the dashboards need
    (named people for owners, the headcount, ad prices for the earned media value)."""
    program = program_settings_get()
    program.disclosure_tag = program.disclosure_tag or DISCLOSURE
    program.company_domains = program.company_domains or ["acme.example"]
    program.individual_figures = True
    program.headcount = program.headcount or 120
    program.currency = "EUR"
    program.emv_rates = program.emv_rates or {
        network: {"cpc": cpc, "cpm": cpm}
        for network, (cpc, cpm) in EMV_RATES.items()
        if network in program.networks
    }
    program.save()
    return program


def _habits(rng, advocate: User, networks: list[str], now: dt.datetime) -> Habits:
    """One person's habits, drawn at random; the demo login's networks are fixed so that their
    dashboard always compares several."""
    zone = ZoneInfo(advocate.time_zone or "UTC")
    if advocate.email == DEMO_LOGIN:
        mine = {n: spec for n, spec in DEMO_LOGIN_NETWORKS.items() if n in networks}
        weights = {n: weight for n, (weight, _followers) in mine.items()}
        audiences = {n: followers for n, (_weight, followers) in mine.items()}
    else:
        used = [
            n
            for n in networks
            if rng.random() < USES[n]
            # Xing is a European network: the Asian offices don't use it.
            and (n != "xing" or zone.key.startswith("Europe/"))
        ]
        weights = {n: NETWORK_WEIGHTS[n] for n in used}
        audiences = {n: _followers(rng, n, keen=advocate.email in KEEN) for n in weights}
    if not weights:
        weights, audiences = {networks[0]: 1}, {networks[0]: _followers(rng, networks[0])}
    stopped = STOPPED.get(advocate.email)
    return Habits(
        # Most share now and then, a few often; those who stopped had been keen (it shows).
        rate=KEEN.get(advocate.email) or (0.6 if stopped else 0.15 + 0.85 * rng.random() ** 2),
        joined=advocate.memberships.filter(left_at__isnull=True).earliest("joined_at").joined_at,
        stopped=now - dt.timedelta(days=stopped) if stopped else None,
        zone=zone,
        networks=weights,
        audiences=audiences,
    )


def _followers(rng, network: str, *, keen: bool = False) -> int:
    """Spread like real followings: many small, a few large; the keen have built one."""
    low, high, _rate = AUDIENCES[network]
    low = math.sqrt(low * high) if keen else low
    return round(math.exp(rng.uniform(math.log(low), math.log(high))))


def _plan(
    rng, habits: Habits, items: list[ContentItem], now: dt.datetime
) -> list[tuple[dt.datetime, ContentItem, str]]:
    """When this person shares what: more as the program grows and in their first weeks, little
    at weekends, during their waking hours, mostly fresh items, seldom the same one twice and
    never to the same network within three weeks (early on, when the hub held little, people
    shared less). Onboarding ends with a first share a day or three after joining."""
    start = max(habits.joined, now - dt.timedelta(days=DAYS)) + dt.timedelta(hours=2)
    end = min(habits.stopped or now, now)
    shared: Counter[int] = Counter()
    last: dict[tuple[int, str], dt.datetime] = {}
    plan = []
    joined = habits.joined.astimezone(habits.zone).date()
    welcome = joined + dt.timedelta(days=rng.randint(1, 3))
    day = start.astimezone(habits.zone).date()
    while day <= end.astimezone(habits.zone).date():
        ago = (now.astimezone(habits.zone).date() - day).days
        growth = 0.3 + 1.2 * (1 - ago / DAYS)
        eager = 1.6 if (day - joined).days < 14 else 1.0
        expected = habits.rate * growth * eager * SHARE_WEEKDAYS[day.weekday()]
        count = _poisson(rng, expected)
        if day == welcome and not plan:
            count = max(count, 1)
        for _n in range(count):
            hour = rng.choices(range(24), SHARE_HOURS)[0]
            local = dt.time(hour, rng.randrange(60), rng.randrange(60))
            at = dt.datetime.combine(day, local, tzinfo=habits.zone).astimezone(dt.UTC)
            network = rng.choices(list(habits.networks), list(habits.networks.values()))[0]
            fresh = [
                i
                for i in items
                if i.publish_at <= at - dt.timedelta(hours=1)
                and abs(at - last.get((i.pk, network), FAR)) > RESHARE_AFTER
            ]
            if not start <= at < end or not fresh:
                continue
            weights = [
                (math.exp(-(at - i.publish_at).total_seconds() / (10 * 86400)) + 0.03)
                * (2.0 if i.in_followed_topic else 1.0)
                * (1.5 if i.featured else 1.0)
                * (1.0 if i.url else 0.3)  # a link is what most people share
                * 0.25 ** shared[i.pk]
                for i in fresh
            ]
            item = rng.choices(fresh, weights)[0]
            shared[item.pk] += 1
            last[(item.pk, network)] = at
            plan.append((at, item, network))
        day += dt.timedelta(days=1)
    plan.sort(key=lambda entry: entry[0])
    return plan


def _poisson(rng, expected: float) -> int:
    """How many things happen when `expected` of them do on average (Knuth's method)."""
    limit, count, product = math.exp(-expected), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def _share(rng, advocate: User, item: ContentItem, network: str, at: dt.datetime):
    """Share through the real service, then move the share (and a new link) back in time."""
    languages = [*(advocate.preferred_languages or []), item.language]
    samples = [s for s in item.sample_posts.all() if s.network in ("", network)]
    fitting = [s for s in samples if s.language in languages] or samples
    sample = rng.choice(fitting) if fitting else None
    words = rng.choice(OWN_WORDS.get(sample.language if sample else "en", OWN_WORDS["en"]))
    if item.regulated and sample:
        text = sample.text  # regulated wording goes out unchanged
    elif sample and rng.random() < 0.35:
        text = sample.text[:240]
    else:
        text = (words + " " + (sample.text if sample else item.title or ""))[:240]
    try:
        share = share_create(
            advocate=advocate, item=item, network=network, text=text, sample_post=sample
        )
    except ChorusError:
        return None
    posted = rng.choices(["yes", "no", "unknown"], [70, 8, 22])[0]
    Share.objects.filter(pk=share.pk).update(created_at=at, updated_at=at, posted=posted)
    if share.link_id:
        TrackedLink.objects.filter(pk=share.link_id, created_at__gt=at).update(created_at=at)
    return share


def _signed_in(rng, advocate: User, habits: Habits, last: dt.datetime | None, now) -> None:
    """Everyone who joined signed in to do so; sharers were last seen around their last share."""
    seen = (last or habits.joined) + dt.timedelta(minutes=rng.randint(2, 3 * 24 * 60))
    seen = min(seen, now - dt.timedelta(minutes=rng.randint(5, 600)))
    User.objects.filter(pk=advocate.pk).update(last_login=max(seen, habits.joined))


def _click_time(rng, at: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """Most clicks come within hours of a share, some over the next days, and more while the
    followers are awake and at work than at night or at weekends."""
    when = at
    for _try in range(20):
        roll = rng.random()
        if roll < 0.65:
            hours = rng.expovariate(1 / 5)
        elif roll < 0.95:
            hours = rng.expovariate(1 / 30)
        else:
            hours = rng.uniform(72, 240)
        when = at + dt.timedelta(hours=hours)
        local = when.astimezone(zone)
        likely = CLICK_HOURS[local.hour] * CLICK_WEEKDAYS[local.weekday()] / CLICK_MOST
        if rng.random() < likely:
            break
    return when


def _clicks_for(rng, share, at, now, habits: Habits, appeal: float) -> list[tuple]:
    """About as many clicks as the followers and the item draw; a few previews and robots."""
    if share.link_id is None:
        return []
    rows = []
    rate = AUDIENCES[share.network][2]
    expected = habits.audiences[share.network] * rate * appeal * rng.lognormvariate(0, 0.45)
    for _n in range(int(expected + rng.random())):
        when = _click_time(rng, at, habits.zone)
        if when >= now:
            continue
        agent = rng.choices([b for b, _w in BROWSERS], [w for _b, w in BROWSERS])[0]
        referrer = rng.choice(REFERRERS.get(share.network, [""]))
        rows.append((when, share.link_id, f"demo{rng.getrandbits(64):016x}", referrer, agent))
        if rng.random() < 0.1:  # the same person again a few minutes later: counted once
            again = when + dt.timedelta(minutes=rng.randint(1, 20))
            if again < now:
                rows.append((again, share.link_id, rows[-1][2], referrer, agent))
    previewer = PREVIEWERS.get(share.network)
    if previewer:
        for _n in range(rng.randint(1, 3)):
            rows.append(
                (at + dt.timedelta(seconds=rng.randint(1, 600)), share.link_id, "p", "", previewer)
            )
    if rng.random() < 0.3:
        rows.append((at + dt.timedelta(hours=rng.randint(1, 48)), share.link_id, "b", "", CRAWLER))
    return [row for row in rows if row[0] < now]
