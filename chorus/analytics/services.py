"""Keeping the read model current: new shares and the ingest's click tallies become rollups.

`analytics_update` is incremental and safe to run at any time, in several processes at once:
it takes the tallies it adds out of the outbox in the same transaction, so nothing is counted
twice or lost, and it is serialized like the click ingest."""

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import BigIntegerField, Count, Exists, F, Max, Min, OuterRef
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from chorus.academy.models import Lesson, LessonProgress, Onboarding
from chorus.accounts.models import AdvocacyMembership, User
from chorus.analytics.choices import MILESTONES, MilestoneKey, MilestoneKind
from chorus.analytics.models import (
    AdvocateHour,
    DayTotal,
    Dim,
    GroupMember,
    LinkFact,
    Milestone,
    RecognitionPreference,
    Running,
    ShareFact,
)
from chorus.analytics.selectors import milestones_on
from chorus.content.models import ContentItem
from chorus.notifications.choices import Kind
from chorus.notifications.services import Notice, notify_each
from chorus.sharing.models import Share, SharingProfile
from chorus.sharing.services import OWN_POST_CAMPAIGN
from chorus.tracking.models import Click, ClickTally, LinkDay

log = logging.getLogger(__name__)

# Shares are counted within seconds; a day's look back covers a stopped worker.
SHARE_LOOKBACK = dt.timedelta(days=2)
TALLY_BATCH = 20_000
CHUNK = 500  # keys per IN (…): far below every database's parameter limit
OWN = "own"

METRICS = ("shares", "clicks", "previews", "reach")


@dataclass
class Update:
    shares: int = 0
    tallies: int = 0

    def __bool__(self):
        return bool(self.shares or self.tallies)


def share_keys(share: Share) -> dict[str, list[str]]:
    """The dimension keys a share (and every click on its links) counts towards."""
    item = share.item
    advocate = share.advocate
    if item is not None:
        topics = sorted(str(pk) for pk in item.topics.values_list("pk", flat=True))
        campaign = share.link.campaign if share.link_id else item.slug
    else:
        topics = []
        campaign = OWN_POST_CAMPAIGN
    return {
        Dim.ALL: [""],
        Dim.NETWORK: [share.network],
        Dim.DEPARTMENT: [str(advocate.department_id or "")],
        Dim.LOCATION: [str(advocate.location_id or "")],
        Dim.LANGUAGE: [item.language if item else ""],
        Dim.TOPIC: topics or [""],
        Dim.CAMPAIGN: [campaign],
        Dim.CATEGORY: [item.category if item else OWN],
        Dim.KIND: [item.kind if item else OWN],
        Dim.ITEM: [str(item.pk)] if item else [],
        Dim.ADVOCATE: [str(advocate.pk)],
    }


def _serialize():
    """One update at a time (SQLite's IMMEDIATE transactions already serialize writers)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [0x414E4C59])  # "ANLY"


class _Deltas:
    """What one update adds, before it is written."""

    def __init__(self):
        self.days: dict[tuple[str, str, dt.date], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        self.hours: dict[tuple[int, dt.datetime], int] = defaultdict(int)
        self.members: set[tuple[str, str, int]] = set()

    def add(self, keys: dict, day: dt.date, values: tuple[int, int, int, int]):
        for dim, dim_keys in keys.items():
            for key in dim_keys:
                row = self.days[(dim, key, day)]
                for index, value in enumerate(values):
                    row[index] += value


def _facts_for_shares(shares, deltas: _Deltas) -> dict[int, ShareFact]:
    """Count new shares once: fix their facts, add them to the day rollups."""
    shares = list(shares.select_related("advocate", "item", "link").prefetch_related("extra_links"))
    if not shares:
        return {}
    audiences = dict(
        SharingProfile.objects.filter(user_id__in={s.advocate_id for s in shares}).values_list(
            "user_id", "audiences"
        )
    )
    facts, links = [], []
    for share in shares:
        keys = share_keys(share)
        audience = audiences.get(share.advocate_id) or {}
        reach = max(int(audience.get(share.network) or 0), 0)
        day = timezone.localtime(share.created_at, dt.UTC).date()
        fact = ShareFact(
            share=share, day=day, advocate_id=share.advocate_id, keys=keys, reach=reach
        )
        facts.append(fact)
        deltas.add(keys, day, (1, 0, 0, reach))
        for dim, dim_keys in keys.items():
            for key in dim_keys:
                deltas.members.add((dim, key, share.advocate_id))
        for link_id in [share.link_id, *(link.pk for link in share.extra_links.all())]:
            if link_id:
                links.append((link_id, fact))
    ShareFact.objects.bulk_create(facts, batch_size=CHUNK)
    taken = set(
        LinkFact.objects.filter(link_id__in=[link_id for link_id, _fact in links]).values_list(
            "link_id", flat=True
        )
    )
    fresh = {}
    for link_id, fact in links:  # a link reused by a later share stays with the first
        if link_id not in taken and link_id not in fresh:
            fresh[link_id] = LinkFact(link_id=link_id, fact=fact)
    LinkFact.objects.bulk_create(fresh.values(), batch_size=CHUNK)
    return {fact.share_id: fact for fact in facts}


def _new_shares(lookback: dt.timedelta | None):
    shares = Share.objects.filter(~Exists(ShareFact.objects.filter(share=OuterRef("pk"))))
    if lookback is not None:
        shares = shares.filter(created_at__gte=timezone.now() - lookback)
    return shares.order_by("pk")


def _tallies_take(limit: int) -> list[tuple[int, dt.datetime, int, int]]:
    """Take the oldest tallies out of the outbox (inside the update's transaction)."""
    rows = list(
        ClickTally.objects.order_by("pk").values_list(
            "pk", "link_id", "hour", "clicks", "previews"
        )[:limit]
    )
    ids = [row[0] for row in rows]
    for start in range(0, len(ids), CHUNK):  # by id: a tally committed meanwhile stays
        ClickTally.objects.filter(pk__in=ids[start : start + CHUNK]).delete()
    return [row[1:] for row in rows]


def _link_facts(link_ids: set[int], deltas: _Deltas) -> dict[int, ShareFact]:
    found: dict[int, ShareFact] = {}
    wanted = sorted(link_ids)
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        for link_fact in LinkFact.objects.filter(link_id__in=chunk).select_related("fact"):
            found[link_fact.link_id] = link_fact.fact
    missing = link_ids - found.keys()
    if missing:  # a share committed after this update looked for new shares
        shares = Share.objects.filter(link_id__in=missing) | Share.objects.filter(
            extra_links__in=missing
        )
        shares = shares.filter(~Exists(ShareFact.objects.filter(share=OuterRef("pk")))).distinct()
        _facts_for_shares(shares.order_by("pk"), deltas)
        for link_fact in LinkFact.objects.filter(link_id__in=missing).select_related("fact"):
            found[link_fact.link_id] = link_fact.fact
    return found


def _tallies_count(tallies, deltas: _Deltas) -> None:
    facts = _link_facts({t[0] for t in tallies}, deltas)
    for link_id, hour, clicks, previews in tallies:
        fact = facts.get(link_id)
        if fact is None:  # a link no share uses (none yet): not an advocacy figure
            continue
        hour = timezone.localtime(hour, dt.UTC)
        deltas.add(fact.keys, hour.date(), (0, clicks, previews, 0))
        if clicks:
            deltas.hours[(fact.advocate_id, hour)] += clicks


@transaction.atomic
def analytics_update(
    *, tallies_limit: int | None = None, share_lookback: dt.timedelta | None = SHARE_LOOKBACK
) -> Update:
    """Count new shares and one batch of click tallies into the rollups. After a backlog
    (a worker stopped for days), the shares counted are those up to the batch's last hour:
    later days then come after earlier ones, which keeps every write an append."""
    _serialize()
    tallies_limit = tallies_limit or TALLY_BATCH
    deltas = _Deltas()
    update = Update()
    tallies = _tallies_take(tallies_limit)
    shares = _new_shares(share_lookback)
    if len(tallies) == tallies_limit:  # more to come: their shares come with them
        shares = shares.filter(created_at__lt=max(t[1] for t in tallies) + dt.timedelta(hours=1))
    update.shares = len(_facts_for_shares(shares, deltas))
    update.tallies = len(tallies)
    _tallies_count(tallies, deltas)
    _write(deltas)
    return update


def analytics_update_all(*, share_lookback: dt.timedelta | None = SHARE_LOOKBACK) -> Update:
    """Update until the outbox is empty (each batch in its own transaction)."""
    total = Update()
    while True:
        update = analytics_update(share_lookback=share_lookback)
        total.shares += update.shares
        total.tallies += update.tallies
        if update.tallies < TALLY_BATCH:
            return total


def analytics_history_pruned() -> bool:
    """Whether raw clicks were pruned, so that a rebuild would lose the older figures."""
    oldest_day = LinkDay.objects.order_by("day").values_list("day", flat=True).first()
    oldest_click = Click.objects.order_by("at").values_list("at", flat=True).first()
    if oldest_day is None:
        return False
    return oldest_click is None or oldest_click.date() > oldest_day


@transaction.atomic
def analytics_rebuild() -> Update:
    """Start the read model afresh from the shares and the raw clicks (after a restore, or to
    take in clicks counted before the analytics existed). Tallies not yet read are dropped,
    since the raw clicks hold them too. It goes day by day, oldest first, as the live update
    does: every figure then lands after the days already written, never before them (which
    would move the running sums of every later day)."""
    _serialize()
    for model in (AdvocateHour, GroupMember, Running, DayTotal, LinkFact, ShareFact, ClickTally):
        model.objects.all().delete()
    by_day: dict[dt.date, dict[tuple[int, dt.datetime], list[int]]] = defaultdict(
        lambda: defaultdict(lambda: [0, 0])
    )
    counted = Click.objects.filter(counted=True).values_list("link_id", "at", "kind")
    for link_id, at, kind in counted.iterator(chunk_size=10_000):
        hour = timezone.localtime(at, dt.UTC).replace(minute=0, second=0, microsecond=0)
        by_day[hour.date()][(link_id, hour)][0 if kind == Click.Kind.HUMAN else 1] += 1
    first_share = Share.objects.order_by("created_at").values_list("created_at", flat=True).first()
    days = set(by_day)
    if first_share is not None:
        day = timezone.localtime(first_share, dt.UTC).date()
        last = timezone.now().astimezone(dt.UTC).date()
        while day <= last:
            days.add(day)
            day += dt.timedelta(days=1)
    update = Update()
    for day in sorted(days):
        deltas = _Deltas()
        start = dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC)
        shares = _new_shares(None).filter(
            created_at__gte=start, created_at__lt=start + dt.timedelta(days=1)
        )
        update.shares += len(_facts_for_shares(shares, deltas))
        tallies = [(link, hour, c, p) for (link, hour), (c, p) in by_day.pop(day, {}).items()]
        update.tallies += len(tallies)
        _tallies_count(tallies, deltas)
        _write(deltas)
    leftover = analytics_update_all(share_lookback=None)  # shares from the future, if any
    update.shares += leftover.shares
    return update


# --- writing ---------------------------------------------------------------------------------


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _running_load(keys: set[tuple[str, str]]) -> dict[tuple[str, str], Running]:
    by_dim: dict[str, list[str]] = defaultdict(list)
    for dim, key in keys:
        by_dim[dim].append(key)
    found = {}
    for dim, dim_keys in by_dim.items():
        for start in range(0, len(dim_keys), CHUNK):
            for row in Running.objects.filter(dim=dim, key__in=dim_keys[start : start + CHUNK]):
                found[(dim, row.key)] = row
    return found


def _write(deltas: _Deltas) -> None:
    if not deltas.days and not deltas.hours:
        return
    per_key: dict[tuple[str, str], list[tuple[dt.date, list[int]]]] = defaultdict(list)
    for (dim, key, day), values in sorted(deltas.days.items()):
        per_key[(dim, key)].append((day, values))
    running = _running_load(set(per_key))
    fresh_members = _members_add(deltas.members)
    day_rows, running_rows = [], []
    for (dim, key), days in per_key.items():
        row = running.get((dim, key)) or Running(dim=dim, key=key)
        if row.last_day is None or days[0][0] >= row.last_day:
            cum = [row.shares, row.clicks, row.previews, row.reach]
            for day, values in days:
                cum = [c + v for c, v in zip(cum, values, strict=True)]
                day_rows.append((dim, key, day, *values, *cum))
        else:
            for day, values in days:
                _write_late(dim, key, day, values)
        for index, metric in enumerate(METRICS):
            setattr(row, metric, getattr(row, metric) + sum(v[index] for _, v in days))
        row.people += fresh_members.get((dim, key), 0)
        row.last_day = max(days[-1][0], row.last_day or days[-1][0])
        running_rows.append(
            (dim, key, row.shares, row.clicks, row.previews, row.reach, row.people, row.last_day)
        )
    adapt = connection.ops.adapt_datefield_value
    with connection.cursor() as cursor:
        if day_rows:
            cursor.executemany(
                f"INSERT INTO {_table(DayTotal)} (dim, key, day, shares, clicks, previews, reach, "  # noqa: S608 - our own table
                "cum_shares, cum_clicks, cum_previews, cum_reach) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
                "ON CONFLICT (dim, key, day) DO UPDATE SET "
                + ", ".join(
                    f"{m} = {_table(DayTotal)}.{m} + excluded.{m}, cum_{m} = excluded.cum_{m}"
                    for m in METRICS
                ),
                [(d, k, adapt(day), *rest) for d, k, day, *rest in day_rows],
            )
        cursor.executemany(
            f"INSERT INTO {_table(Running)} (dim, key, shares, clicks, previews, reach, people, "  # noqa: S608
            "last_day) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (dim, key) DO UPDATE "
            "SET shares = excluded.shares, clicks = excluded.clicks, previews = excluded.previews, "
            "reach = excluded.reach, people = excluded.people, last_day = excluded.last_day",
            [(*r[:7], adapt(r[7])) for r in running_rows],
        )
        if deltas.hours:
            cursor.executemany(
                f"INSERT INTO {_table(AdvocateHour)} (advocate_id, hour, clicks) "  # noqa: S608
                "VALUES (%s, %s, %s) ON CONFLICT (advocate_id, hour) DO UPDATE SET "
                f"clicks = {_table(AdvocateHour)}.clicks + excluded.clicks",
                [
                    (advocate, connection.ops.adapt_datetimefield_value(hour), clicks)
                    for (advocate, hour), clicks in deltas.hours.items()
                ],
            )


def _write_late(dim: str, key: str, day: dt.date, values: list[int]) -> None:
    """A delta for a day before the key's latest day (a journal read late, around midnight):
    every later running sum moves too. Rare, so one statement at a time is fine."""
    later = DayTotal.objects.filter(dim=dim, key=key, day__gt=day)
    DayTotal.objects.filter(pk__in=later.values("pk")).update(
        **{f"cum_{m}": _plus(f"cum_{m}", v) for m, v in zip(METRICS, values, strict=True)}
    )
    existing = DayTotal.objects.filter(dim=dim, key=key, day=day).first()
    if existing is None:
        before = DayTotal.objects.filter(dim=dim, key=key, day__lt=day).order_by("-day").first()
        existing = DayTotal(dim=dim, key=key, day=day)
        for m in METRICS:
            setattr(existing, f"cum_{m}", getattr(before, f"cum_{m}") if before else 0)
    for m, v in zip(METRICS, values, strict=True):
        setattr(existing, m, getattr(existing, m) + v)
        setattr(existing, f"cum_{m}", getattr(existing, f"cum_{m}") + v)
    existing.save()


def _plus(field: str, value: int):
    return F(field) + value


def _members_add(members: set[tuple[str, str, int]]) -> dict[tuple[str, str], int]:
    """Record who contributes to which key; returns how many people each key gained."""
    if not members:
        return {}
    advocates = sorted({m[2] for m in members})
    known = set()
    for start in range(0, len(advocates), CHUNK):
        known.update(
            GroupMember.objects.filter(
                advocate_id__in=advocates[start : start + CHUNK]
            ).values_list("dim", "key", "advocate_id")
        )
    fresh = members - known
    GroupMember.objects.bulk_create(
        (GroupMember(dim=d, key=k, advocate_id=a) for d, k, a in fresh), batch_size=CHUNK
    )
    gained: dict[tuple[str, str], int] = defaultdict(int)
    for dim, key, _advocate in fresh:
        gained[(dim, key)] += 1
    return gained


# --- recognition -----------------------------------------------------------------------------


def _members(user_ids: list[int] | None):
    """Who recognition is for: people taking part in the program now."""
    members = AdvocacyMembership.objects.active().filter(user__is_active=True)
    if user_ids is not None:
        members = members.filter(user_id__in=user_ids)
    return members


def _not_reached(key: str, user_ref: str = "user_id"):
    return ~Exists(Milestone.objects.filter(key=key, user_id=OuterRef(user_ref)))


def _noon(day: dt.date) -> dt.datetime:
    # The rollups know the day, not the hour: noon UTC shows that date in nearly every zone.
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)


def _counted_reached(kind: MilestoneKind, members, now) -> list[Milestone]:
    """Those whose running total of shares or clicks is at the threshold now, dated by the first
    day their running sum reached it."""
    runs = (
        Running.objects.filter(dim=Dim.ADVOCATE, **{f"{kind.metric}__gte": kind.threshold})
        .annotate(uid=Cast("key", BigIntegerField()))
        .filter(Exists(members.filter(user_id=OuterRef("uid"))), _not_reached(kind.key, "uid"))
    )
    keys = list(runs.values_list("key", flat=True))
    reached = []
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start : start + CHUNK]
        days = dict(
            DayTotal.objects.filter(
                dim=Dim.ADVOCATE, key__in=chunk, **{f"cum_{kind.metric}__gte": kind.threshold}
            )
            .values("key")
            .annotate(first=Min("day"))
            .values_list("key", "first")
        )
        for key in chunk:
            at = min(_noon(days[key]), now) if key in days else now
            reached.append(Milestone(user_id=int(key), key=kind.key, reached_at=at))
    return reached


def _courses_reached(members) -> list[Milestone]:
    """Those who finished every lesson of at least one course, dated by the first such course."""
    lessons = Lesson.objects.filter(is_published=True, course__is_published=True)
    sizes = dict(lessons.values("course_id").annotate(n=Count("pk")).values_list("course_id", "n"))
    done = (
        LessonProgress.objects.filter(lesson__in=lessons)
        .filter(Exists(members.filter(user_id=OuterRef("user_id"))))
        .filter(_not_reached(MilestoneKey.FIRST_COURSE))
        .values("user_id", "lesson__course_id")
        .annotate(n=Count("pk"), last=Max("completed_at"))
        .values_list("user_id", "lesson__course_id", "n", "last")
    )
    first: dict[int, dt.datetime] = {}
    for user_id, course_id, count, last in done:
        if count >= sizes.get(course_id, 0) > 0 and (user_id not in first or last < first[user_id]):
            first[user_id] = last
    return [
        Milestone(user_id=user_id, key=MilestoneKey.FIRST_COURSE, reached_at=at)
        for user_id, at in first.items()
    ]


def _onboarded(members) -> list[Milestone]:
    rows = (
        Onboarding.objects.filter(completed_at__isnull=False)
        .filter(Exists(members.filter(user_id=OuterRef("user_id"))))
        .filter(_not_reached(MilestoneKey.ONBOARDING_DONE))
        .values_list("user_id", "completed_at")
    )
    return [
        Milestone(user_id=user_id, key=MilestoneKey.ONBOARDING_DONE, reached_at=at)
        for user_id, at in rows
    ]


def _suggestions_published(members, now) -> list[Milestone]:
    """A suggestion counts once its item is published in the hub (approval makes a draft)."""
    rows = (
        ContentItem.objects.filter(suggested_by__isnull=False, publish_at__lte=now)
        .filter(Exists(members.filter(user_id=OuterRef("suggested_by_id"))))
        .filter(_not_reached(MilestoneKey.FIRST_SUGGESTION_PUBLISHED, "suggested_by_id"))
        .values("suggested_by_id")
        .annotate(first=Min("publish_at"))
        .values_list("suggested_by_id", "first")
    )
    return [
        Milestone(user_id=user_id, key=MilestoneKey.FIRST_SUGGESTION_PUBLISHED, reached_at=at)
        for user_id, at in rows
    ]


def milestones_update(*, users: Iterable | None = None) -> int:
    """Record the milestones people reached since the last run; returns how many. A handful of
    set-based queries whatever the number of advocates; running it twice records nothing new,
    and the unique (user, key) keeps concurrent runs from recording one twice."""
    now = timezone.now()
    user_ids = None if users is None else [getattr(u, "pk", u) for u in users]
    members = _members(user_ids)
    fresh: list[Milestone] = []
    for kind in MILESTONES:
        if kind.metric:
            fresh += _counted_reached(kind, members, now)
    fresh += _onboarded(members)
    fresh += _courses_reached(members)
    fresh += _suggestions_published(members, now)
    with transaction.atomic():  # the milestones and their notices together
        Milestone.objects.bulk_create(fresh, batch_size=CHUNK, ignore_conflicts=True)
        if fresh and milestones_on():
            _milestones_notify(fresh)
    return len(fresh)


def _milestones_notify(reached: list[Milestone]) -> None:
    """One notice per new milestone; the once-only key (the milestone's own unique pair) keeps
    two overlapping runs from telling anyone twice."""
    texts = {kind.key: kind.text for kind in MILESTONES}
    url = reverse("analytics:me")
    notify_each(
        kind=Kind.MILESTONE,
        notices=[
            Notice(
                user_id=milestone.user_id,
                title=gettext_lazy("Milestone reached: %(milestone)s"),
                body=texts.get(milestone.key, ""),
                params={"milestone": MilestoneKey(milestone.key).label},
                url=url,
                key=f"milestone:{milestone.user_id}:{milestone.key}",
            )
            for milestone in reached
        ],
    )


def milestones_seen_mark(*, user: User) -> int:
    """The person saw their new milestones: they stop being highlighted."""
    return Milestone.objects.filter(user=user, seen_at__isnull=True).update(seen_at=timezone.now())


@transaction.atomic
def leaderboard_visibility_set(*, user: User, hidden: bool) -> RecognitionPreference:
    """Hide oneself from the leaderboard, or show oneself again."""
    preference, _created = RecognitionPreference.objects.get_or_create(user=user)
    if preference.leaderboard_hidden != hidden:
        preference.leaderboard_hidden = hidden
        preference.save(update_fields=["leaderboard_hidden", "updated_at"])
    return preference
