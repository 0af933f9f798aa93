import datetime as dt
import random
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from chorus.academy.services.guidelines import guidelines_accept
from chorus.accounts.models import AdvocacyMembership, Department, Location
from chorus.accounts.services import membership_join
from chorus.accounts.tests.factories import UserFactory
from chorus.analytics.services import analytics_update_all
from chorus.content.models import ContentItem
from chorus.content.tests.factories import ContentItemFactory, TopicFactory
from chorus.program.selectors import CACHE_KEY, program_settings_get
from chorus.sharing.models import Share, SharingProfile
from chorus.sharing.services import own_post_create, share_create
from chorus.tracking import redirect
from chorus.tracking.services import clicks_store
from chorus.tracking.tests.helpers import CHROME, CURL, IPHONE, LINKEDINBOT

NETWORKS = ["linkedin", "x", "facebook", "bluesky", "whatsapp"]


@pytest.fixture(autouse=True)
def _links(settings, tmp_path):
    settings.CHORUS_CLICK_JOURNAL_DIR = tmp_path / "clicks"
    settings.CHORUS_LINK_BASE_URL = "https://go.acme.com"
    redirect._journal = None
    redirect.links.clear()
    yield
    redirect._journal = None


def program_set(**fields):
    program = program_settings_get()
    for name, value in fields.items():
        setattr(program, name, value)
    program.save()
    cache.delete(CACHE_KEY)
    return program


def clicks_for(rng, share, at, now, *, many=12) -> list[tuple]:
    """Journal rows for a share: people (some twice within minutes), previews, a robot."""
    rows = []
    for _n in range(rng.randint(0, many)):
        when = at + dt.timedelta(minutes=rng.expovariate(1 / 1500))
        if when >= now:
            continue
        visitor = f"v{rng.getrandbits(48):012x}"
        agent = rng.choice([CHROME, IPHONE])
        rows.append((when, share.link_id, visitor, "linkedin.com", agent))
        if rng.random() < 0.2:  # again a few minutes later: recorded, not counted
            again = when + dt.timedelta(minutes=rng.randint(1, 20))
            if again < now:
                rows.append((again, share.link_id, visitor, "linkedin.com", agent))
    if rng.random() < 0.7:
        rows.append((at + dt.timedelta(seconds=30), share.link_id, "p", "", LINKEDINBOT))
    if rng.random() < 0.3:
        rows.append((at + dt.timedelta(hours=2), share.link_id, "b", "", CURL))
    return [row for row in rows if row[0] < now]


def build_world(*, seed=7, days=100, advocates_per_department=(6, 6, 2)):
    """A program alive for `days` days: advocates in three departments (one of only two
    people), items in three languages and two topics, shares through the real services and
    clicks through the real ingest, then the rollups brought up to date."""
    rng = random.Random(seed)  # noqa: S311 - invented test data, repeatable on purpose
    now = timezone.now()
    program_set(networks=NETWORKS, company_domains=["acme.test"], disclosure_tag="")
    departments = [Department.objects.create(name=n) for n in ("Sales", "Engineering", "Legal")]
    locations = [Location.objects.create(name=n) for n in ("Warsaw", "Bangkok", "Remote")]
    careers, product = TopicFactory(name="Careers"), TopicFactory(name="Product")
    items = []
    for n, (language, category, kind, topics) in enumerate(
        [
            ("en", "news", "link", [product]),
            ("en", "job", "link", [careers]),
            ("pl", "article", "link", [careers, product]),
            ("th", "news", "video", [product]),
            ("en", "event", "link", []),
            ("pl", "job", "link", [careers]),
            ("en", "article", "text", [product]),  # a text post: shared without a link
        ]
    ):
        item = ContentItemFactory(
            title=f"Item {n} {language}",
            language=language,
            category=category,
            kind=kind,
            url="" if kind == "text" else f"https://acme.test/news/{n}",
            publish_at=now - dt.timedelta(days=days + 5),
        )
        item.topics.set(topics)
        items.append(item)
    advocates = []
    for d, count in enumerate(advocates_per_department):
        for n in range(count):
            user = UserFactory(
                email=f"a{d}{n}@acme.test",
                display_name=f"Advocate {d}.{n}",
                department=departments[d],
                location=locations[d if n % 3 else (d + 1) % 3],
                time_zone="Asia/Bangkok" if n == 0 else "Europe/Warsaw",
                last_login=now - dt.timedelta(days=1),
            )
            membership_join(user=user)
            guidelines_accept(user=user)
            AdvocacyMembership.objects.filter(user=user).update(
                joined_at=now - dt.timedelta(days=rng.randint(1, days + 3))
            )
            if n % 4 != 3:  # some never say how big their audience is
                SharingProfile.objects.update_or_create(
                    user=user,
                    defaults={"audiences": {key: rng.randint(50, 2000) for key in NETWORKS[:3]}},
                )
            advocates.append(user)
    rows = []
    for user in advocates:
        for item in rng.sample(items, rng.randint(2, 6)):
            network = rng.choice(NETWORKS)
            share = share_create(
                advocate=user, item=item, network=network, text=f"Look: {item.title}"
            )
            at = now - dt.timedelta(minutes=rng.randint(5, days * 1440))
            Share.objects.filter(pk=share.pk).update(created_at=at)
            if share.link_id:
                rows += clicks_for(rng, share, at, now)
    # The same item to the same network again: the link is reused, its clicks stay with the first.
    first = Share.objects.filter(link__isnull=False).order_by("pk").first()
    again = share_create(
        advocate=first.advocate, item=first.item, network=first.network, text="Still worth it."
    )
    Share.objects.filter(pk=again.pk).update(created_at=now - dt.timedelta(hours=3))
    # Own posts: links to the company's domain are tracked (two in one post), others are not.
    own = own_post_create(
        advocate=advocates[0],
        network="linkedin",
        text="We opened https://acme.test/office and https://jobs.acme.test/9 and https://example.org",
    )
    Share.objects.filter(pk=own.pk).update(created_at=now - dt.timedelta(days=2))
    for link in [own.link, *own.extra_links.all()]:
        for minute in range(3):
            rows.append(
                (
                    now - dt.timedelta(days=1, minutes=40 * minute),
                    link.pk,
                    f"o{link.pk}{minute}",
                    "",
                    CHROME,
                )
            )
    with transaction.atomic():
        clicks_store(rows)
    analytics_update_all(share_lookback=None)
    return SimpleNamespace(
        advocates=advocates,
        departments=departments,
        locations=locations,
        topics=[careers, product],
        items=items,
        now=now,
        own=own,
        reused=first,
    )


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def item_of(world):
    """The most shared item with a link."""

    def _pick():
        counts = {}
        for share in Share.objects.filter(item__isnull=False):
            counts[share.item_id] = counts.get(share.item_id, 0) + 1
        return ContentItem.objects.get(pk=max(counts, key=counts.get))

    return _pick
