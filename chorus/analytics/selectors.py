"""Reads of the dashboards. Every figure comes from the rollups: a period's total for a key is
its running sum at the end minus its running sum before the start, so a 90-day top-10 reads two
rows per key instead of one per key and day."""

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from chorus.academy.models import Lesson, LessonProgress
from chorus.accounts.models import AdvocacyMembership, Department, Invitation, Location
from chorus.analytics.choices import MILESTONES, MilestoneKey
from chorus.analytics.models import (
    AdvocateHour,
    DayTotal,
    Dim,
    Milestone,
    RecognitionPreference,
    Running,
)
from chorus.campaigns.models import Campaign
from chorus.content.models import ContentItem, Topic
from chorus.program.models import ProgramSettings
from chorus.program.selectors import program_settings_get
from chorus.sharing.models import Share
from chorus.sharing.networks import REGISTRY
from chorus.sharing.services import OWN_POST_CAMPAIGN
from chorus.tracking.models import LinkDay

User = get_user_model()

MIN_GROUP = 5
METRICS = ("shares", "clicks", "previews", "reach")
PRESETS = (7, 30, 90)


def user_zone(user) -> dt.tzinfo:
    """The person's own time zone (their profile's), else the site's."""
    try:
        if user.time_zone:
            return zoneinfo.ZoneInfo(user.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        pass
    return timezone.get_current_timezone()


def today() -> dt.date:
    return timezone.now().astimezone(dt.UTC).date()


@dataclass(frozen=True)
class Period:
    """Whole days, both ends included (UTC, like the rollups)."""

    start: dt.date
    end: dt.date

    @classmethod
    def last(cls, days: int, *, until: dt.date | None = None) -> "Period":
        until = until or today()
        return cls(until - dt.timedelta(days=days - 1), until)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Period":
        return Period(self.start - dt.timedelta(days=self.days), self.start - dt.timedelta(days=1))

    def dates(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=n) for n in range(self.days)]


@dataclass
class Figures:
    shares: int = 0
    clicks: int = 0
    previews: int = 0
    reach: int = 0

    @property
    def click_through(self) -> float | None:
        """Clicks per share."""
        return self.clicks / self.shares if self.shares else None

    def as_dict(self) -> dict:
        return {m: getattr(self, m) for m in METRICS}


@dataclass
class Row:
    """One key of a breakdown over a period."""

    key: str
    label: str
    figures: Figures
    people: int = 0
    url: str = ""


# --- the window arithmetic ----------------------------------------------------------------


def _cum(dim: str, before: dt.date, metric: str):
    rows = DayTotal.objects.filter(dim=dim, key=OuterRef("key"), day__lt=before).order_by("-day")
    return Coalesce(
        Subquery(rows.values(f"cum_{metric}")[:1]), Value(0), output_field=IntegerField()
    )


def _window_rows(
    dim: str,
    period: Period,
    *,
    order: str | None = None,
    limit: int | None = None,
    keys: list[str] | None = None,
    min_people: int = 0,
    metrics: tuple[str, ...] = METRICS,
):
    """(key, people, shares, clicks, previews, reach) of every key active in the period; the
    metrics not asked for stay 0 (each one costs a lookup per key)."""
    runs = Running.objects.filter(dim=dim, last_day__gte=period.start)
    if keys is not None:
        runs = runs.filter(key__in=keys)
    if min_people:
        runs = runs.filter(people__gte=min_people)
    annotations = {}
    for metric in metrics:
        start = _cum(dim, period.start, metric)
        if period.end >= today():
            end = Coalesce(metric, Value(0))  # nothing lies after today: the running total
        else:
            end = _cum(dim, period.end + dt.timedelta(days=1), metric)
        annotations[f"w_{metric}"] = end - start
    runs = runs.annotate(**annotations)
    if order:
        ties = ["-w_shares"] if "shares" in metrics and order != "shares" else []
        runs = runs.order_by(f"-w_{order}", *ties, "key")
    if limit:
        runs = runs[:limit]
    rows = runs.values_list("key", "people", *(f"w_{m}" for m in metrics))
    at = [METRICS.index(m) for m in metrics]
    full = []
    for row in rows:
        if any(row[2:]):
            values = [0, 0, 0, 0]
            for index, value in zip(at, row[2:], strict=True):
                values[index] = value
            full.append((row[0], row[1], *values))
    return full


def totals(period: Period, *, dim: str = Dim.ALL, key: str = "") -> Figures:
    """One key's figures over a period."""
    rows = _window_rows(dim, period, keys=[key])
    return Figures(*rows[0][2:]) if rows else Figures()


def series(period: Period, *, dim: str = Dim.ALL, key: str = "") -> list[tuple[dt.date, Figures]]:
    """Day by day, days without activity included."""
    found = {
        row[0]: Figures(*row[1:])
        for row in DayTotal.objects.filter(
            dim=dim, key=key, day__gte=period.start, day__lte=period.end
        ).values_list("day", *METRICS)
    }
    return [(day, found.get(day, Figures())) for day in period.dates()]


def by_week(days: list[tuple[dt.date, Figures]]) -> list[tuple[dt.date, Figures]]:
    """Day series → weeks starting on Monday (the first and last may be partial)."""
    weeks: dict[dt.date, Figures] = {}
    for day, figures in days:
        monday = day - dt.timedelta(days=day.weekday())
        week = weeks.setdefault(monday, Figures())
        for m in METRICS:
            setattr(week, m, getattr(week, m) + getattr(figures, m))
    return list(weeks.items())


# --- labels ----------------------------------------------------------------------------------


def _labels(dim: str, keys: list[str]) -> dict[str, str]:
    ids = [int(k) for k in keys if k.isdigit()]
    none = {
        Dim.DEPARTMENT: _("No department"),
        Dim.LOCATION: _("No location"),
        Dim.TOPIC: _("No topic"),
        Dim.LANGUAGE: _("Own posts"),
    }
    labels: dict[str, str] = {"": none.get(dim, "—")}
    if dim == Dim.DEPARTMENT:
        labels |= {
            str(pk): name
            for pk, name in Department.objects.filter(pk__in=ids).values_list("pk", "name")
        }
    elif dim == Dim.LOCATION:
        labels |= {
            str(pk): name
            for pk, name in Location.objects.filter(pk__in=ids).values_list("pk", "name")
        }
    elif dim == Dim.TOPIC:
        labels |= {
            str(pk): name for pk, name in Topic.objects.filter(pk__in=ids).values_list("pk", "name")
        }
    elif dim == Dim.ITEM:
        for item in ContentItem.objects.filter(pk__in=ids).only("pk", "title", "url"):
            labels[str(item.pk)] = item.title or item.url or f"#{item.pk}"
    elif dim == Dim.ADVOCATE:
        for user in User.objects.filter(pk__in=ids).only("pk", "display_name", "email"):
            labels[str(user.pk)] = user.display_name or user.email
    elif dim == Dim.NETWORK:
        labels |= {key: str(network.name) for key, network in REGISTRY.items()}
    elif dim == Dim.LANGUAGE:
        from django.conf import settings

        labels |= {code: str(name) for code, name in settings.LANGUAGES}
    elif dim == Dim.CATEGORY:
        labels |= {k: str(v) for k, v in ContentItem.Category.choices} | {"own": _("Own posts")}
    elif dim == Dim.KIND:
        labels |= {k: str(v) for k, v in ContentItem.Kind.choices} | {"own": _("Own posts")}
    elif dim == Dim.CAMPAIGN:
        # Until a campaign names them, an item's shares carry the item's slug ("<pk>-<words>").
        labels[OWN_POST_CAMPAIGN] = _("Own posts")
        slugs = {}
        for key in keys:
            head = key.removeprefix("item-").split("-", 1)[0]
            if head.isdigit():
                slugs[int(head)] = key
        for item in ContentItem.objects.filter(pk__in=list(slugs)).only("pk", "title", "url"):
            labels[slugs[item.pk]] = item.title or item.url
        # A campaign's shares carry its label: shown by the campaign's name.
        labels |= dict(Campaign.objects.filter(utm_label__in=keys).values_list("utm_label", "name"))
    return {key: labels.get(key, key) for key in keys}


# --- what owners may see ------------------------------------------------------------------


def individuals_visible(*, viewer, program: ProgramSettings) -> bool:
    """Whether this person may see one advocate's figures: owners, if the program allows."""
    return bool(viewer.is_owner and program.individual_figures)


# Each share counts in exactly one key of these, so the hidden keys' sum is the program's
# total minus the shown ones: a second key is held back where that sum would single people out.
PARTITIONS = {
    Dim.NETWORK,
    Dim.DEPARTMENT,
    Dim.LOCATION,
    Dim.LANGUAGE,
    Dim.CAMPAIGN,
    Dim.CATEGORY,
    Dim.KIND,
}


def breakdown(
    dim: str, period: Period, *, individuals: bool, order: str = "clicks", limit: int | None = None
) -> list[Row]:
    """A period's figures per key, largest first. Without individual figures, advocates are
    never listed, a key that fewer than five people contributed to is left out, and so is the
    smallest other key where the left-out ones together are fewer than five people."""
    if dim == Dim.ADVOCATE and not individuals:
        return []
    if individuals or limit is not None or dim not in PARTITIONS:
        found = _window_rows(
            dim, period, order=order, limit=limit, min_people=0 if individuals else MIN_GROUP
        )
    else:
        every = _window_rows(dim, period, order=order)
        found = [r for r in every if r[1] >= MIN_GROUP]
        hidden = sum(r[1] for r in every if r[1] < MIN_GROUP)
        if 0 < hidden < MIN_GROUP and found:
            smallest = min(found, key=lambda r: (r[1], r[3], r[2], r[0]))
            found = [r for r in found if r is not smallest]
    labels = _labels(dim, [r[0] for r in found])
    return [Row(key=r[0], label=labels[r[0]], figures=Figures(*r[2:]), people=r[1]) for r in found]


def program_visible(*, individuals: bool) -> bool:
    """The program's own totals are a group as well: hidden while fewer than five shared."""
    if individuals:
        return True
    people = Running.objects.filter(dim=Dim.ALL, key="").values_list("people", flat=True).first()
    return (people or 0) >= MIN_GROUP


# --- the program dashboard ----------------------------------------------------------------


def advocates_active(period: Period) -> int:
    """People who shared in the period (from the per-advocate rollups)."""
    return sum(1 for row in _window_rows(Dim.ADVOCATE, period, metrics=("shares",)) if row[2])


def advocates_joined(period: Period) -> int:
    start = dt.datetime.combine(period.start, dt.time.min, tzinfo=dt.UTC)
    end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)
    return (
        AdvocacyMembership.objects.filter(joined_at__gte=start, joined_at__lt=end)
        .values("user")
        .distinct()
        .count()
    )


def emv(by_network: list[Row], program: ProgramSettings) -> dict:
    """Earned media value: clicks * cost per click + reach / 1,000 * cost per thousand
    impressions, with each network's own rates."""
    total = Decimal(0)
    lines = []
    for row in by_network:
        rates = (program.emv_rates or {}).get(row.key) or {}
        cpc = Decimal(str(rates.get("cpc") or 0))
        cpm = Decimal(str(rates.get("cpm") or 0))
        value = row.figures.clicks * cpc + Decimal(row.figures.reach) / 1000 * cpm
        total += value
        lines.append(
            {
                "network": row.key,
                "label": row.label,
                "clicks": row.figures.clicks,
                "reach": row.figures.reach,
                "cpc": cpc,
                "cpm": cpm,
                "value": value.quantize(Decimal("0.01")),
            }
        )
    return {"total": total.quantize(Decimal("0.01")), "currency": program.currency, "lines": lines}


@dataclass
class Stage:
    key: str
    label: str
    count: int | None
    note: str = ""


def funnel(program: ProgramSettings, *, shared_30: int | None = None) -> list[Stage]:
    """From everyone employed to those who shared in the last 30 days."""
    users = User.objects.filter(is_active=True)
    pending = Invitation.objects.pending()
    user_emails = {e.lower() for e in users.values_list("email", flat=True)}
    invited_emails = {
        e.lower()
        for e in Invitation.objects.filter(revoked_at__isnull=True).values_list("email", flat=True)
    }
    known = len(user_emails | {e.lower() for e in pending.values_list("email", flat=True)})
    employees = program.headcount or known
    members = AdvocacyMembership.objects.active().filter(user__is_active=True)
    return [
        Stage(
            "employees",
            _("Employees"),
            employees,
            ""
            if program.headcount
            else _("The people Chorus knows; set the headcount in the program settings."),
        ),
        Stage("invited", _("Invited or signed up"), len(invited_emails | user_emails)),
        Stage(
            "signed_in",
            _("Signed in"),
            users.filter(Q(last_login__isnull=False) | Q(memberships__isnull=False))
            .distinct()
            .count(),
        ),
        Stage("joined", _("Joined the program"), members.count()),
        Stage(
            "onboarded",
            _("Finished onboarding"),
            members.filter(user__onboarding__completed_at__isnull=False).count(),
        ),
        Stage(
            "shared",
            _("Shared in the last 30 days"),
            advocates_active(Period.last(30)) if shared_30 is None else shared_30,
        ),
    ]


BREAKDOWNS = (
    Dim.NETWORK,
    Dim.DEPARTMENT,
    Dim.LOCATION,
    Dim.LANGUAGE,
    Dim.TOPIC,
    Dim.CAMPAIGN,
    Dim.CATEGORY,
    Dim.KIND,
)


@dataclass
class ProgramDashboard:
    period: Period
    individuals: bool
    visible: bool
    figures: Figures = field(default_factory=Figures)
    previous: Figures = field(default_factory=Figures)
    active: int = 0
    active_previous: int = 0
    joined: int = 0
    joined_previous: int = 0
    days: list = field(default_factory=list)
    breakdowns: dict = field(default_factory=dict)
    top_content: list = field(default_factory=list)
    top_advocates: list = field(default_factory=list)
    funnel: list = field(default_factory=list)
    emv: dict = field(default_factory=dict)
    emv_previous: dict = field(default_factory=dict)


# Dimensions with a key per item or more: the page lists the first rows, the export all.
LONG = {Dim.CAMPAIGN}


def program_dashboard(
    *, viewer, program: ProgramSettings, period: Period, top: int = 10, rows: int | None = 20
) -> ProgramDashboard:
    """The program's figures over a period; `rows` cuts the long breakdowns (None: all)."""
    individuals = individuals_visible(viewer=viewer, program=program)
    board = ProgramDashboard(
        period=period, individuals=individuals, visible=program_visible(individuals=individuals)
    )
    board.joined = advocates_joined(period)
    board.joined_previous = advocates_joined(period.previous())
    if not board.visible:
        board.funnel = funnel(program)
        return board
    board.figures = totals(period)
    board.previous = totals(period.previous())
    board.days = series(period)
    for dim in BREAKDOWNS:
        limit = rows if dim in LONG else None
        board.breakdowns[dim] = breakdown(dim, period, individuals=individuals, limit=limit)
    board.top_content = breakdown(Dim.ITEM, period, individuals=individuals, limit=top)
    # One pass over the advocates gives both who was active and, if allowed, the top ones.
    people = _window_rows(Dim.ADVOCATE, period, metrics=METRICS if individuals else ("shares",))
    board.active = sum(1 for row in people if row[2])
    if individuals:
        ranked = sorted(people, key=lambda r: (-r[3], -r[2], r[0]))[:top]
        labels = _labels(Dim.ADVOCATE, [r[0] for r in ranked])
        board.top_advocates = [
            Row(key=r[0], label=labels[r[0]], figures=Figures(*r[2:]), people=r[1]) for r in ranked
        ]
    board.funnel = funnel(program, shared_30=board.active if period == Period.last(30) else None)
    board.active_previous = advocates_active(period.previous())
    # The value is the program's; a line per network only where that network is shown.
    board.emv = emv(breakdown(Dim.NETWORK, period, individuals=True), program)
    board.emv_previous = emv(breakdown(Dim.NETWORK, period.previous(), individuals=True), program)
    shown = {row.key for row in board.breakdowns[Dim.NETWORK]}
    board.emv["lines"] = [line for line in board.emv["lines"] if line["network"] in shown]
    return board


# --- the personal dashboard ---------------------------------------------------------------


@dataclass
class PostRow:
    share: Share
    clicks: int
    previews: int


@dataclass
class PersonalDashboard:
    period: Period
    figures: Figures = field(default_factory=Figures)
    previous: Figures = field(default_factory=Figures)
    best_ever: Figures = field(default_factory=Figures)
    days: list = field(default_factory=list)
    best_posts: list = field(default_factory=list)
    heat: list = field(default_factory=list)  # 7 weekdays by 24 hours of clicks, local time
    best_hours: list = field(default_factory=list)  # (weekday, hour, clicks), best first
    audiences: dict = field(default_factory=dict)


def best_posts(*, user, period: Period, limit: int = 5) -> list[PostRow]:
    """The advocate's shares whose links got the most clicks in the period (their own links'
    day rollups: a handful of rows per share)."""
    shares: dict[int, Share] = {}
    mine = (
        Share.objects.filter(advocate=user).select_related("item").prefetch_related("extra_links")
    )
    for share in mine.order_by("pk"):  # a link reused by a later share stays with the first
        for link_id in [share.link_id, *(link.pk for link in share.extra_links.all())]:
            if link_id:
                shares.setdefault(link_id, share)
    if not shares:
        return []
    sums: dict[int, list[int]] = {}
    days = LinkDay.objects.filter(
        link_id__in=list(shares), day__gte=period.start, day__lte=period.end
    ).values_list("link_id", "clicks", "previews")
    by_pk = {share.pk: share for share in shares.values()}
    for link_id, clicks, previews in days:  # an own post's links add up to one post
        row = sums.setdefault(shares[link_id].pk, [0, 0])
        row[0] += clicks
        row[1] += previews
    ranked = sorted(sums.items(), key=lambda kv: (-kv[1][0], -kv[1][1], -kv[0]))
    return [PostRow(by_pk[pk], c, p) for pk, (c, p) in ranked[:limit] if c or p]


def click_hours(*, user, period: Period, zone: dt.tzinfo) -> list[list[int]]:
    """Clicks on the advocate's links by weekday (Monday first) and hour in their time zone."""
    heat = [[0] * 24 for _ in range(7)]
    start = dt.datetime.combine(period.start, dt.time.min, tzinfo=dt.UTC)
    end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)
    hours = AdvocateHour.objects.filter(advocate=user, hour__gte=start, hour__lt=end)
    for hour, clicks in hours.values_list("hour", "clicks"):
        local = hour.astimezone(zone)
        heat[local.weekday()][local.hour] += clicks
    return heat


def personal_dashboard(*, user, period: Period, zone: dt.tzinfo) -> PersonalDashboard:
    """My figures over a period, set against my own previous period only."""
    key = str(user.pk)
    board = PersonalDashboard(period=period)
    board.figures = totals(period, dim=Dim.ADVOCATE, key=key)
    board.previous = totals(period.previous(), dim=Dim.ADVOCATE, key=key)
    board.days = series(period, dim=Dim.ADVOCATE, key=key)
    board.best_posts = best_posts(user=user, period=period)
    board.heat = click_hours(user=user, period=period, zone=zone)
    cells = [(d, h, board.heat[d][h]) for d in range(7) for h in range(24) if board.heat[d][h]]
    board.best_hours = sorted(cells, key=lambda c: (-c[2], c[0], c[1]))[:3]
    return board


# --- one item's performance ---------------------------------------------------------------


@dataclass
class SampleUse:
    sample: object
    shares: int
    changed: float | None  # how much advocates changed it, 0 (as is) … 1 (all new)


@dataclass
class ItemPerformance:
    item: ContentItem
    period: Period
    visible: bool
    figures: Figures = field(default_factory=Figures)
    people: int = 0
    networks: list = field(default_factory=list)  # [(label, key, Figures, [(day, clicks)…])]
    days: list = field(default_factory=list)
    samples: list = field(default_factory=list)
    own_words: int = 0


def item_performance(*, item: ContentItem, period: Period, individuals: bool) -> ItemPerformance:
    """Shares and clicks of one item per network over time, and how its sample posts fared.
    Without individual figures, an item or network that fewer than five people shared is hidden."""
    key = str(item.pk)
    people = (
        Running.objects.filter(dim=Dim.ITEM, key=key).values_list("people", flat=True).first() or 0
    )
    perf = ItemPerformance(
        item=item, period=period, people=people, visible=individuals or people >= MIN_GROUP
    )
    if not perf.visible:
        return perf
    perf.figures = totals(period, dim=Dim.ITEM, key=key)
    perf.days = series(period, dim=Dim.ITEM, key=key)
    start = dt.datetime.combine(period.start, dt.time.min, tzinfo=dt.UTC)
    end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)
    shares = list(Share.objects.filter(item=item).select_related("sample_post"))
    per_network: dict[str, dict] = {}
    for share in shares:
        entry = per_network.setdefault(
            share.network, {"people": set(), "links": set(), "shares": 0}
        )
        entry["people"].add(share.advocate_id)
        if share.link_id:
            entry["links"].add(share.link_id)
        if start <= share.created_at < end:
            entry["shares"] += 1
    link_network = {link: net for net, e in per_network.items() for link in e["links"]}
    daily: dict[str, dict[dt.date, list[int]]] = {net: {} for net in per_network}
    for link_id, day, clicks, previews in LinkDay.objects.filter(
        link_id__in=list(link_network), day__gte=period.start, day__lte=period.end
    ).values_list("link_id", "day", "clicks", "previews"):
        row = daily[link_network[link_id]].setdefault(day, [0, 0])
        row[0] += clicks
        row[1] += previews
    labels = _labels(Dim.NETWORK, list(per_network))
    for net, entry in per_network.items():
        if not individuals and len(entry["people"]) < MIN_GROUP:
            continue
        figures = Figures(
            shares=entry["shares"],
            clicks=sum(v[0] for v in daily[net].values()),
            previews=sum(v[1] for v in daily[net].values()),
        )
        if figures.shares or figures.clicks or figures.previews:
            points = [(day, daily[net].get(day, [0, 0])[0]) for day in period.dates()]
            perf.networks.append((labels[net], net, figures, points))
    perf.networks.sort(key=lambda n: (-n[2].clicks, -n[2].shares, n[0]))
    uses: dict[int, list] = {}
    for share in shares:
        if share.sample_post_id is None:
            perf.own_words += 1
            continue
        use = uses.setdefault(share.sample_post_id, [share.sample_post, 0, []])
        use[1] += 1
        if share.sample_similarity is not None:
            use[2].append(1 - share.sample_similarity)
    perf.samples = sorted(
        (SampleUse(s, n, sum(c) / len(c) if c else None) for s, n, c in uses.values()),
        key=lambda u: -u.shares,
    )
    return perf


# --- recognition ------------------------------------------------------------------------------


def milestones_on() -> bool:
    """Whether the program celebrates milestones (the leaderboard comes with them)."""
    return program_settings_get().recognition != ProgramSettings.Recognition.OFF


def leaderboard_on() -> bool:
    return program_settings_get().recognition == ProgramSettings.Recognition.LEADERBOARD


@dataclass
class MilestoneState:
    """One milestone as a person sees it: reached (when, and whether it is new) or ahead of
    them, with their progress towards it where it can be counted."""

    key: str
    label: str
    text: str
    reached_at: dt.datetime | None = None
    new: bool = False
    value: int | None = None
    target: int | None = None

    @property
    def percent(self) -> int | None:
        if self.value is None or not self.target:
            return None
        return min(100, self.value * 100 // self.target)


@dataclass
class MilestoneBoard:
    reached: list[MilestoneState] = field(default_factory=list)
    next: list[MilestoneState] = field(default_factory=list)

    @property
    def new(self) -> list[MilestoneState]:
        return [m for m in self.reached if m.new]


def _lesson_progress(user) -> dict[str, tuple[int, int]]:
    """(done, of) for the most advanced unfinished course and for the required lessons."""
    lessons = list(
        Lesson.objects.filter(is_published=True, course__is_published=True).values_list(
            "pk", "course_id", "required"
        )
    )
    done = set(
        LessonProgress.objects.filter(
            user=user, lesson__in=[pk for pk, _c, _r in lessons]
        ).values_list("lesson_id", flat=True)
    )
    courses: dict[int, list[int]] = {}
    required = [0, 0]
    for pk, course_id, is_required in lessons:
        course = courses.setdefault(course_id, [0, 0])
        course[0] += pk in done
        course[1] += 1
        if is_required:
            required[0] += pk in done
            required[1] += 1
    progress = {}
    if courses:
        best = max(courses.values(), key=lambda c: (c[0] / c[1], c[0]))
        progress[MilestoneKey.FIRST_COURSE] = (best[0], best[1])
    if required[1]:
        progress[MilestoneKey.ONBOARDING_DONE] = (required[0], required[1])
    return progress


def milestones_of(*, user) -> MilestoneBoard:
    """The milestones a person reached, oldest first, and those next in line, the closest
    first, with progress where it is counted (63 of 100 clicks)."""
    reached = {
        key: (reached_at, seen_at)
        for key, reached_at, seen_at in Milestone.objects.filter(user=user).values_list(
            "key", "reached_at", "seen_at"
        )
    }
    board = MilestoneBoard()
    ahead = [k for k in MILESTONES if k.key not in reached and (not k.after or k.after in reached)]
    counts: dict[str, int] = {}
    if any(kind.metric for kind in ahead):
        run = Running.objects.filter(dim=Dim.ADVOCATE, key=str(user.pk)).first()
        counts = {"shares": run.shares if run else 0, "clicks": run.clicks if run else 0}
    lessons = {}
    if any(k.key in (MilestoneKey.FIRST_COURSE, MilestoneKey.ONBOARDING_DONE) for k in ahead):
        lessons = _lesson_progress(user)
    for kind in MILESTONES:
        state = MilestoneState(kind.key, str(kind.label), str(kind.text))
        if kind.key in reached:
            state.reached_at, seen_at = reached[kind.key]
            state.new = seen_at is None
            board.reached.append(state)
        elif kind in ahead:
            if kind.metric:
                state.value, state.target = counts[kind.metric], kind.threshold
            elif kind.key in lessons:
                state.value, state.target = lessons[kind.key]
            board.next.append(state)
    board.reached.sort(key=lambda m: (m.reached_at, MILESTONE_ORDER[m.key]))
    board.next.sort(key=lambda m: (m.percent is None, -(m.percent or 0)))
    return board


MILESTONE_ORDER = {kind.key: n for n, kind in enumerate(MILESTONES)}
LEADERBOARD_DAYS = (30, 90)


@dataclass
class LeaderRow:
    rank: int
    user_id: int
    name: str
    department: str
    clicks: int
    is_viewer: bool = False


@dataclass
class Leaderboard:
    period: Period
    rows: list[LeaderRow] = field(default_factory=list)
    people: int = 0  # everyone ranked
    viewer_rank: int | None = None  # also when outside the top, or hidden from the others
    viewer_clicks: int = 0
    viewer_hidden: bool = False


def leaderboard(*, period: Period, limit: int = 20, viewer=None) -> Leaderboard:
    """Advocates ranked by the clicks their shares drew in the period (equal clicks, equal
    rank), without those who chose to stay off it. The viewer learns their own rank, even when
    outside the top or hidden from everyone else."""
    clicks = {
        int(row[0]): row[3]
        for row in _window_rows(Dim.ADVOCATE, period, metrics=("clicks",))
        if row[3] > 0
    }
    members = set(
        AdvocacyMembership.objects.active()
        .filter(user__is_active=True)
        .values_list("user_id", flat=True)
    )
    hidden = set(
        RecognitionPreference.objects.filter(leaderboard_hidden=True).values_list(
            "user_id", flat=True
        )
    )
    shown = sorted(
        ((uid, n) for uid, n in clicks.items() if uid in members and uid not in hidden),
        key=lambda row: (-row[1], row[0]),
    )
    board = Leaderboard(period=period, people=len(shown))
    ranks, rank = [], 0
    for index, (_uid, n) in enumerate(shown):
        if index == 0 or n < shown[index - 1][1]:
            rank = index + 1
        ranks.append(rank)
    viewer_id = viewer.pk if viewer is not None else None
    if viewer_id is not None:
        board.viewer_hidden = viewer_id in hidden
        board.viewer_clicks = clicks.get(viewer_id, 0)
        if board.viewer_clicks and viewer_id in members:
            board.viewer_rank = 1 + sum(1 for _uid, n in shown if n > board.viewer_clicks)
    top = shown[:limit]
    people = User.objects.filter(pk__in=[uid for uid, _n in top]).select_related("department")
    by_id = {person.pk: person for person in people}
    for (uid, n), rank in zip(top, ranks, strict=False):
        person = by_id[uid]
        board.rows.append(
            LeaderRow(
                rank=rank,
                user_id=uid,
                name=person.name,
                department=person.department.name if person.department_id else "",
                clicks=n,
                is_viewer=uid == viewer_id,
            )
        )
    return board
