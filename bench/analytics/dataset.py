"""A synthetic program for bench/analytics: people, items, shares, links and raw clicks,
generated in memory from a seed and loaded with bulk SQL (COPY on PostgreSQL, executemany in
one transaction on SQLite), never through the per-row services.

Popularity is skewed like a real program's: advocates and items follow Zipf-like weights, and
a share's clicks follow its advocate's audience and luck (log-normal). Clicks come after their
share, most within hours, some over days. Every rollup the ingest keeps (TrackedLink.clicks,
LinkDay, ClickTally) is computed from the same raw clicks, so they agree with tracking_click."""

import datetime as dt
import itertools
import json
import random
import string
import time
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils.text import slugify

NETWORKS = {
    "linkedin": 50,
    "x": 14,
    "facebook": 12,
    "xing": 5,
    "bluesky": 5,
    "mastodon": 4,
    "whatsapp": 6,
    "copy": 4,
}
NETWORK_PULL = {"linkedin": 1.5, "x": 1.0, "facebook": 1.0, "whatsapp": 0.6, "copy": 0.4}
LANGUAGES = {"en": 60, "pl": 25, "th": 15}
KINDS = {"link": 70, "images": 15, "video": 10, "text": 5}
CATEGORIES = {"news": 40, "article": 25, "job": 15, "event": 12, "expertise": 8}
DEVICES = {"mobile": 60, "desktop": 35, "tablet": 4, "other": 1}
REFERRERS = {"linkedin.com": 45, "t.co": 12, "facebook.com": 12, "": 25, "bsky.app": 6}
# human counted, human repeat within 30 minutes (not counted), link preview, robot
CLICK_KINDS = (("human", True), ("human", False), ("preview", True), ("bot", False))
CLICK_MIX = (0.77, 0.08, 0.10, 0.05)
OWN_POSTS = 0.03  # shares of an advocate's own post (no item)
ALPHABET = string.ascii_letters + string.digits
DEPARTMENTS, LOCATIONS, TOPICS, OWNERS, BYSTANDERS = 20, 15, 30, 5, 500


@dataclass
class Plan:
    clicks: int
    advocates: int = 2_000
    items: int = 5_000
    shares: int = 100_000
    days: int = 90
    seed: int = 20_250_601


@dataclass
class Loaded:
    """What the benchmark needs to know about the data it loaded."""

    owner: int
    busy_advocate: int
    popular_item: int
    rows: dict[str, int] = field(default_factory=dict)
    # (day, share rows, click tally rows): what the rollups take in, in the order it happened
    days: list[tuple[dt.date, list, list]] = field(default_factory=list)
    generate_s: float = 0.0
    load_s: float = 0.0


def _cum(weights) -> list[float]:
    return list(itertools.accumulate(weights))


def _pick(rng: random.Random, table: dict[str, int], k: int) -> list[str]:
    return rng.choices(list(table), weights=list(table.values()), k=k)


def _zipf(n: int, s: float) -> list[float]:
    return [1 / (rank + 1) ** s for rank in range(n)]


def _stamp(ts: float):
    """A time as each database takes it: aware datetime for psycopg, Django's text for SQLite."""
    at = dt.datetime.fromtimestamp(ts, dt.UTC)
    return at if connection.vendor == "postgresql" else str(at.replace(tzinfo=None))


def _day(day: dt.date):
    return day if connection.vendor == "postgresql" else day.isoformat()


def _insert(table: str, columns: tuple[str, ...], rows) -> int:
    """Bulk insert: COPY on PostgreSQL, executemany on SQLite (inside the caller's transaction)."""
    count = 0

    def counted(rows):
        nonlocal count
        for row in rows:
            count += 1
            yield row

    names = ", ".join(columns)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            sql = f"COPY {table} ({names}) FROM STDIN"
            with cursor.cursor.copy(sql) as copy:
                for row in counted(rows):
                    copy.write_row(row)
    else:
        marks = ", ".join("?" * len(columns))
        sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608 - our own tables
        connection.connection.executemany(sql, counted(rows))
    return count


def build(plan: Plan, say) -> Loaded:
    """Generate the program and load it into the (migrated, empty) default database."""
    rng = random.Random(plan.seed)  # noqa: S311 - seeded on purpose: the same data every run
    started = time.monotonic()
    now = time.time()
    window = plan.days * 86_400
    begin = now - window
    boolean = bool if connection.vendor == "postgresql" else int
    ts_now = _stamp(now)
    password = "!bench"  # an unusable password: the Client logs in with force_login

    # People -----------------------------------------------------------------------------------
    users, memberships, profiles = [], [], []
    uid = 0
    owner = 1
    advocate_ids, audience = [], {}
    for role, count in (("owner", OWNERS), ("advocate", plan.advocates), ("bystander", BYSTANDERS)):
        for _n in range(count):
            uid += 1
            joined = begin - 30 * 86_400 + rng.random() * (window + 20 * 86_400)
            users.append(
                (
                    uid,
                    password,
                    _stamp(now - rng.random() * 5 * 86_400) if role != "bystander" else None,
                    boolean(role == "owner"),
                    f"person{uid}@example.com",
                    f"Person {uid}",
                    "",
                    '["en"]',
                    "",
                    "Europe/Warsaw",
                    "owner" if role == "owner" else "advocate",
                    boolean(True),
                    boolean(False),
                    _stamp(joined),
                    rng.randint(1, DEPARTMENTS) if rng.random() < 0.97 else None,
                    rng.randint(1, LOCATIONS) if rng.random() < 0.95 else None,
                )
            )
            if role == "advocate":
                advocate_ids.append(uid)
                memberships.append((ts_now, ts_now, _stamp(joined), None, uid))
                pull = rng.lognormvariate(0, 0.8)
                audience[uid] = pull
                sizes = {
                    net: int(rng.lognormvariate(5.5, 1.0) * pull)
                    for net in NETWORKS
                    if net not in ("copy", "whatsapp") and rng.random() < 0.7
                }
                profiles.append((ts_now, ts_now, "", uid, json.dumps(sizes)))

    # Content ----------------------------------------------------------------------------------
    items, item_topics, samples, slugs, published = [], [], [], {}, {}
    languages = _pick(rng, LANGUAGES, plan.items)
    kinds = _pick(rng, KINDS, plan.items)
    categories = _pick(rng, CATEGORIES, plan.items)
    topic_weights = _cum(_zipf(TOPICS, 0.7))
    for n in range(plan.items):
        pk = n + 1
        publish = begin - 10 * 86_400 + (window + 10 * 86_400 - 3_600) * n / plan.items
        published[pk] = publish
        title = f"Story {pk}: our team ships something worth sharing"
        slugs[pk] = f"{pk}-{slugify(title)[:50].strip('-')}"
        items.append(
            (
                pk,
                _stamp(publish),
                _stamp(publish),
                kinds[n],
                categories[n],
                title,
                f"https://news.example.com/stories/{pk}",
                "A short description of the page.",
                "Example News",
                "",
                "",
                "",
                languages[n],
                _stamp(publish),
                None,
                boolean(False),
                boolean(True),
                boolean(False),
                owner,
                None,
                "",
            )
        )
        picked = {rng.choices(range(TOPICS), cum_weights=topic_weights)[0] + 1 for _ in range(3)}
        for topic in sorted(picked)[: rng.randint(1, 3)]:
            item_topics.append((pk, topic))
        samples.append(
            (pk, _stamp(publish), _stamp(publish), "", languages[n], "Proud of this.", pk)
        )

    # Shares and their links: who shares is Zipf-like, and so is what gets shared; ids follow
    # time, as they would in production -------------------------------------------------------
    adv_cum = _cum(_zipf(plan.advocates, 0.55))
    popularity = _zipf(plan.items, 0.8)
    rng.shuffle(popularity)  # the most popular item is not simply the oldest
    item_cum = _cum(popularity)
    net_names, net_cum = list(NETWORKS), _cum(NETWORKS.values())
    drafts = []
    for _n in range(plan.shares):
        advocate = advocate_ids[rng.choices(range(plan.advocates), cum_weights=adv_cum)[0]]
        network = net_names[rng.choices(range(len(net_names)), cum_weights=net_cum)[0]]
        item = None
        if rng.random() >= OWN_POSTS:
            item = rng.choices(range(plan.items), cum_weights=item_cum)[0] + 1
            start = max(published[item], begin)
            ts = start + rng.expovariate(1 / (4 * 86_400))
            if ts >= now:
                ts = start + rng.random() * (now - start)
        else:
            ts = begin + rng.random() * window
        luck = audience[advocate] * NETWORK_PULL.get(network, 0.8) * rng.lognormvariate(0, 1.0)
        drafts.append((ts, advocate, network, item, luck))
    drafts.sort()
    shares = []
    share_ts = [d[0] for d in drafts]
    share_advocate = [d[1] for d in drafts]
    share_network = [d[2] for d in drafts]
    share_item = [d[3] for d in drafts]
    share_weight = [d[4] for d in drafts]
    share_link = list(range(1, plan.shares + 1))  # one link per share, with the share's id
    for n, (ts, advocate, network, item, _luck) in enumerate(drafts):
        pk = n + 1
        shares.append(
            (
                pk,
                _stamp(ts),
                _stamp(ts),
                network,
                "Worth a read.",
                round(rng.random(), 3) if item else None,
                "yes",
                advocate,
                item,
                pk,
                item if item and rng.random() < 0.6 else None,
            )
        )

    # Raw clicks -------------------------------------------------------------------------------
    who = rng.choices(range(plan.shares), cum_weights=_cum(share_weight), k=plan.clicks)
    kind_of = rng.choices(range(4), cum_weights=_cum(CLICK_MIX), k=plan.clicks)
    at = []
    soon, later = 1 / (8 * 3_600), 1 / (4 * 86_400)
    for share in who:
        start = share_ts[share]
        ts = start + rng.expovariate(soon if rng.random() < 0.75 else later)
        if ts >= now:
            ts = start + rng.random() * (now - start)
        at.append(int(ts))
    order = sorted(range(plan.clicks), key=at.__getitem__)
    link_totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    link_days: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0, 0])
    tallies: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    share_clicks = [0] * plan.shares
    for i in order:
        share, kind, ts = who[i], kind_of[i], at[i]
        link = share_link[share]
        if kind == 3:
            link_days[(link, ts // 86_400)][2] += 1
        elif kind != 1:
            slot = 0 if kind == 0 else 1
            link_totals[link][slot] += 1
            link_days[(link, ts // 86_400)][slot] += 1
            tallies[(ts // 3_600, link)][slot] += 1
            share_clicks[share] += slot == 0

    links = []
    for n in range(plan.shares):
        pk = share_link[n]
        item = share_item[n]
        destination = (
            f"https://news.example.com/stories/{item}"
            if item
            else "https://www.example.com/careers"
        )
        campaign = slugs[item] if item else "own-post"
        clicks, previews = link_totals.get(pk, (0, 0))
        code = "".join(rng.choices(ALPHABET, k=8))
        links.append(
            (
                pk,
                _stamp(share_ts[n]),
                _stamp(share_ts[n]),
                code,
                destination,
                share_network[n],
                campaign,
                str(pk),
                f"{destination}?utm_source={share_network[n]}&utm_medium=chorus"
                f"&utm_campaign={campaign}&utm_content={pk}",
                boolean(True),
                clicks,
                previews,
            )
        )
    if len({row[3] for row in links}) != len(links):  # 62**8 codes: a clash is near impossible
        raise RuntimeError("duplicate link codes; try another --seed")

    per_advocate: dict[int, int] = defaultdict(int)
    per_item: dict[int, int] = defaultdict(int)
    for n, clicks in enumerate(share_clicks):
        per_advocate[share_advocate[n]] += clicks
        if share_item[n]:
            per_item[share_item[n]] += clicks
    loaded = Loaded(
        owner=owner,
        busy_advocate=max(per_advocate, key=per_advocate.__getitem__),
        popular_item=max(per_item, key=per_item.__getitem__),
        generate_s=time.monotonic() - started,
    )
    say(f"· generated in {loaded.generate_s:.1f} s")

    # Load -------------------------------------------------------------------------------------
    started = time.monotonic()
    visitors = [f"{rng.getrandbits(128):032x}" for _ in range(min(plan.clicks, 400_000) or 1)]
    devices, referrers = _pick(rng, DEVICES, 4096), _pick(rng, REFERRERS, 4096)
    epoch = dt.date(1970, 1, 1)

    def click_rows():
        for n, i in enumerate(order):
            kind, counted = CLICK_KINDS[kind_of[i]]
            yield (
                share_link[who[i]],
                _stamp(at[i]),
                kind,
                boolean(counted),
                referrers[n & 4095],
                devices[(n * 7) & 4095],
                visitors[(i * 2_654_435_761) % len(visitors)],
            )

    stamp_base = ts_now
    tables = (
        (
            "accounts_department",
            ("id", "created_at", "updated_at", "name"),
            [(n, stamp_base, stamp_base, f"Department {n}") for n in range(1, DEPARTMENTS + 1)],
        ),
        (
            "accounts_location",
            ("id", "created_at", "updated_at", "name"),
            [(n, stamp_base, stamp_base, f"Location {n}") for n in range(1, LOCATIONS + 1)],
        ),
        (
            "content_topic",
            ("id", "created_at", "updated_at", "name"),
            [(n, stamp_base, stamp_base, f"Topic {n}") for n in range(1, TOPICS + 1)],
        ),
        (
            "accounts_user",
            (
                "id",
                "password",
                "last_login",
                "is_superuser",
                "email",
                "display_name",
                "job_title",
                "preferred_languages",
                "language",
                "time_zone",
                "role",
                "is_active",
                "is_staff",
                "date_joined",
                "department_id",
                "location_id",
            ),
            users,
        ),
        (
            "accounts_advocacymembership",
            ("created_at", "updated_at", "joined_at", "left_at", "user_id"),
            memberships,
        ),
        (
            "sharing_sharingprofile",
            ("created_at", "updated_at", "mastodon_instance", "user_id", "audiences"),
            profiles,
        ),
        (
            "content_contentitem",
            (
                "id",
                "created_at",
                "updated_at",
                "kind",
                "category",
                "title",
                "url",
                "description",
                "site_name",
                "image",
                "preview_state",
                "preview_error",
                "language",
                "publish_at",
                "expires_at",
                "featured",
                "shareable",
                "regulated",
                "created_by_id",
                "suggested_by_id",
                "note",
            ),
            items,
        ),
        ("content_contentitem_topics", ("contentitem_id", "topic_id"), item_topics),
        (
            "content_samplepost",
            ("id", "created_at", "updated_at", "network", "language", "text", "item_id"),
            samples,
        ),
        (
            "tracking_trackedlink",
            (
                "id",
                "created_at",
                "updated_at",
                "code",
                "destination",
                "source",
                "campaign",
                "content",
                "target_url",
                "enabled",
                "clicks",
                "previews",
            ),
            links,
        ),
        (
            "tracking_click",
            ("link_id", "at", "kind", "counted", "referrer_domain", "device", "visitor"),
            click_rows(),
        ),
        (
            "tracking_linkday",
            ("link_id", "day", "clicks", "previews", "bots"),
            (
                (link, _day(epoch + dt.timedelta(days=day)), c, p, b)
                for (link, day), (c, p, b) in sorted(link_days.items())
            ),
        ),
    )
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA cache_size=-1000000")
    with transaction.atomic():
        for table, columns, rows in tables:
            began = time.monotonic()
            loaded.rows[table] = _insert(table, columns, rows)
            say(f"  {table}: {loaded.rows[table]:,} rows in {time.monotonic() - began:.1f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA cache_size=-2000")
    loaded.load_s = time.monotonic() - started

    # What arrives day by day: the shares, and the ingest's click tallies (oldest first) ----------
    days: dict[int, tuple[list, list]] = defaultdict(lambda: ([], []))
    for n, row in enumerate(shares):
        days[int(share_ts[n] // 86_400)][0].append(row)
    for (hour, link), (c, p) in sorted(tallies.items()):
        days[hour // 24][1].append((link, _stamp(hour * 3_600), c, p))
    loaded.days = [(epoch + dt.timedelta(days=day), *days[day]) for day in sorted(days)]
    return loaded


SHARE_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "network",
    "text",
    "sample_similarity",
    "posted",
    "advocate_id",
    "item_id",
    "link_id",
    "sample_post_id",
)
TALLY_COLUMNS = ("link_id", "hour", "clicks", "previews")


def feed(days: list[tuple[dt.date, list, list]]) -> tuple[int, int]:
    """Store some days' shares and click tallies, as sharing and the click ingest would."""
    with transaction.atomic():
        shares = _insert("sharing_share", SHARE_COLUMNS, (r for d in days for r in d[1]))
        tallies = _insert("tracking_clicktally", TALLY_COLUMNS, (r for d in days for r in d[2]))
    return shares, tallies


def sequences_reset() -> None:
    """PostgreSQL's id sequences past the ids we chose (SQLite's AUTOINCREMENT follows)."""
    if connection.vendor != "postgresql":
        return
    from django.apps import apps

    models = [apps.get_model(label) for label in _SEQUENCED]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


_SEQUENCED = (
    "accounts.Department",
    "accounts.Location",
    "accounts.User",
    "content.Topic",
    "content.ContentItem",
    "content.SamplePost",
    "sharing.Share",
    "tracking.TrackedLink",
)
