"""Demo shares and clicks: a program that has been alive for a couple of months.

Shares go through the real services (links, disclosure, length rules); their clicks go through
the real ingest (bot classes, dedupe, rollups), only with invented times and visitors."""

import datetime as dt
import random

from django.db.models import Q
from django.utils import timezone

from chorus.accounts.models import User
from chorus.content.models import ContentItem
from chorus.core.errors import ChorusError
from chorus.program.selectors import program_settings_get
from chorus.sharing.models import Share
from chorus.sharing.services import share_create, sharing_profile_update
from chorus.tracking.services import clicks_store

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


def demo_sharing_load() -> dict[str, int]:
    """Create the demo's shares and clicks once; a second run adds nothing."""
    created = {"shares": 0, "clicks": 0}
    if Share.objects.exists():
        return created
    program = program_settings_get()
    if not program.disclosure_tag:
        program.disclosure_tag = DISCLOSURE
    if not program.company_domains:
        program.company_domains = ["acme.example"]
    program.save()
    rng = random.Random(20261123)  # noqa: S311 - invented demo data, repeatable on purpose
    now = timezone.now()
    advocates = list(
        User.objects.filter(memberships__left_at__isnull=True, memberships__isnull=False)
        .distinct()
        .order_by("pk")
    )
    items = list(
        ContentItem.objects.live(now)
        .filter(shareable=True, regulated=False)
        .exclude(url="")
        .filter(Q(audience_departments__isnull=True) & Q(audience_locations__isnull=True))
        .prefetch_related("sample_posts")
        .order_by("pk")
    )
    if not advocates or not items:
        return created
    networks = [n for n in NETWORK_WEIGHTS if n in program.networks]
    weights = [NETWORK_WEIGHTS[n] for n in networks]
    rows = []
    for advocate in advocates:
        if "mastodon" in networks:
            sharing_profile_update(user=advocate, mastodon_instance="mastodon.social")
        joined = advocate.memberships.order_by("joined_at").first().joined_at
        busy = 12 if advocate.email == "advocate@example.com" else rng.randint(0, 8)
        for item in rng.sample(items, min(busy, len(items))):
            network = rng.choices(networks, weights)[0]
            languages = [*(advocate.preferred_languages or []), item.language]
            samples = [s for s in item.sample_posts.all() if s.network in ("", network)]
            fitting = [s for s in samples if s.language in languages] or samples
            sample = rng.choice(fitting) if fitting else None
            words = rng.choice(OWN_WORDS.get(sample.language if sample else "en", OWN_WORDS["en"]))
            text = (
                sample.text
                if sample and rng.random() < 0.35
                else words + (" " + sample.text if sample else " " + (item.title or ""))
            )
            try:
                share = share_create(
                    advocate=advocate,
                    item=item,
                    network=network,
                    text=text[:240],
                    sample_post=sample,
                )
            except ChorusError:
                continue
            earliest = max(joined, item.publish_at or joined)
            span = max((now - earliest).total_seconds(), 3600)
            at = now - dt.timedelta(seconds=rng.uniform(0, min(span, 60 * 86400)))
            posted = rng.choices(["yes", "no", "unknown"], [70, 8, 22])[0]
            Share.objects.filter(pk=share.pk).update(created_at=at, updated_at=at, posted=posted)
            created["shares"] += 1
            rows += _clicks_for(rng, share, at, now)
    clicks_store(rows)
    created["clicks"] = len(rows)
    return created


def _clicks_for(rng, share, at, now) -> list[tuple]:
    """Clicks fade over the days after a share, as they do; a few previews and robots."""
    if share.link_id is None:
        return []
    rows = []
    reach = rng.choice([2, 5, 8, 15, 30, 60])
    for _n in range(rng.randint(0, reach)):
        when = at + dt.timedelta(hours=rng.expovariate(1 / 30))
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
