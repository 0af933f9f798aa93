"""Reads of campaigns: those meant for an advocate, the owners' list, and progress over time.

Progress is read from tracking: a share made for a campaign gets a tracked link whose
utm_campaign is the campaign's label, so its shares are the links with that label (one per
advocate, item and network, since sharing again gives the same link) and its clicks are their
daily rollups, never the raw clicks."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet, Sum, Value, When
from django.db.models.functions import TruncDate
from django.utils import timezone

from chorus.accounts.models import User
from chorus.accounts.selectors import advocates_in
from chorus.campaigns.models import Campaign, program_today
from chorus.content.models import ContentItem
from chorus.content.selectors import feed_for_advocate
from chorus.core.errors import NotFoundError
from chorus.tracking.models import LinkDay, TrackedLink

Departments = Campaign.departments.through
Locations = Campaign.locations.through


def _for_audience(campaigns: QuerySet[Campaign], user: User) -> QuerySet[Campaign]:
    """Campaigns without an audience are for every advocate; others for their departments and
    locations (both, where both are given)."""
    departments = Departments.objects.filter(campaign_id=OuterRef("pk"))
    locations = Locations.objects.filter(campaign_id=OuterRef("pk"))
    return campaigns.filter(
        ~Exists(departments) | Exists(departments.filter(department_id=user.department_id)),
        ~Exists(locations) | Exists(locations.filter(location_id=user.location_id)),
    )


def _running(campaigns: QuerySet[Campaign], on: dt.date) -> QuerySet[Campaign]:
    return campaigns.filter(starts_on__lte=on, ends_on__gte=on)


def campaigns_running_for(*, user: User, on: dt.date | None = None) -> QuerySet[Campaign]:
    """The campaigns running today that are meant for this person, the newest start first.
    Whether they take part in the program is the caller's question."""
    on = on or program_today()
    return _for_audience(_running(Campaign.objects.all(), on), user).order_by("-starts_on", "-pk")


def campaign_for_share(*, item: ContentItem, advocate: User, on: dt.date | None = None):
    """The running campaign that a share of this item by this advocate counts for, or None
    (the most recently started one, should the item be in several)."""
    return campaigns_running_for(user=advocate, on=on).filter(items=item).first()


def campaigns_for_managers(*, status: str = "", on: dt.date | None = None) -> QuerySet[Campaign]:
    """Every campaign, optionally of one status: running ones first, then upcoming, then ended."""
    on = on or program_today()
    campaigns = Campaign.objects.annotate(
        item_count=Count("items", distinct=True),
        rank=Case(
            When(starts_on__gt=on, then=Value(1)),
            When(ends_on__lt=on, then=Value(2)),
            default=Value(0),
        ),
    )
    if status == Campaign.Status.RUNNING:
        campaigns = _running(campaigns, on)
    elif status == Campaign.Status.UPCOMING:
        campaigns = campaigns.filter(starts_on__gt=on)
    elif status == Campaign.Status.ENDED:
        campaigns = campaigns.filter(ends_on__lt=on)
    return campaigns.select_related("created_by").order_by("rank", "-ends_on", "-starts_on", "-pk")


def campaign_get_for_user(*, user: User, pk: int) -> Campaign:
    """One campaign as this person may see it: curators and owners every campaign, others those
    meant for them once they have started. Anything else is "not found", so nothing leaks."""
    campaigns = Campaign.objects.all()
    if not user.is_curator:
        campaigns = _for_audience(campaigns.filter(starts_on__lte=program_today()), user)
    campaign = (
        campaigns.select_related("created_by")
        .prefetch_related("departments", "locations")
        .filter(pk=pk)
        .first()
    )
    if campaign is None:
        raise NotFoundError("campaign not found", code="not_found")
    return campaign


def campaign_items_for(*, campaign: Campaign, user: User) -> QuerySet[ContentItem]:
    """The campaign's items this person sees: curators all of them, advocates those of their
    feed (published, for their audience and languages)."""
    if user.is_curator:
        items = (
            campaign.items.select_related("suggested_by")
            .prefetch_related("topics", "images")
            .order_by("-publish_at", "-pk")
        )
    else:
        items = feed_for_advocate(user=user).filter(campaigns=campaign)
    return items


def shareable_items(*, campaign: Campaign | None = None, now=None) -> QuerySet[ContentItem]:
    """What a campaign may be about: shareable items that are live or scheduled, and those it
    already has (an item that expired meanwhile stays)."""
    now = now or timezone.now()
    wanted = Q(shareable=True, publish_at__isnull=False) & (
        Q(expires_at__isnull=True) | Q(expires_at__gt=now)
    )
    if campaign is not None and campaign.pk:
        wanted |= Q(campaigns=campaign)
    return ContentItem.objects.filter(wanted).distinct().order_by("-publish_at", "-pk")


# Progress ----------------------------------------------------------------------------------------


@dataclass
class Progress:
    """A campaign's figure against its goal: the total, and day by day the running total from
    the first day to today (or the last day, once it ended)."""

    metric: str
    target: int
    total: int = 0
    days: list[tuple[dt.date, int]] = field(default_factory=list)  # (day, running total)

    @property
    def percent(self) -> int:
        """How far towards the goal, 0 to 100 (a goal passed shows 100)."""
        return min(100, self.total * 100 // self.target) if self.target else 0

    @property
    def reached(self) -> bool:
        return self.total >= self.target

    @property
    def rows(self) -> list[tuple[dt.date, int, int]]:
        """(day, new that day, running total), for the table beside the chart."""
        rows, before = [], 0
        for day, total in self.days:
            rows.append((day, total - before, total))
            before = total
        return rows


def _per_day(labels: Iterable[str], metric: str) -> dict[str, list[tuple[dt.date, int]]]:
    """label → [(day, count)] of the metric: shares are links by the day they were made (in the
    program's time zone), clicks the links' daily rollups (days in UTC, as the rollup keeps
    them)."""
    labels = list(labels)
    found: dict[str, list[tuple[dt.date, int]]] = defaultdict(list)
    if not labels:
        return found
    if metric == Campaign.Metric.SHARES:
        zone = timezone.get_default_timezone()
        rows = (
            TrackedLink.objects.filter(campaign__in=labels)
            .annotate(day=TruncDate("created_at", tzinfo=zone))
            .values_list("campaign", "day")
            .annotate(count=Count("pk"))
        )
    else:
        rows = (
            LinkDay.objects.filter(link__campaign__in=labels, clicks__gt=0)
            .values_list("link__campaign", "day")
            .annotate(count=Sum("clicks"))
        )
    for label, day, count in rows:
        found[label].append((day, count))
    return found


def _progress(campaign: Campaign, counts: list[tuple[dt.date, int]], today: dt.date) -> Progress:
    """Running totals from the first day to today or the last day. Links exist only from the
    first day, so anything dated before it (a click that UTC puts on the evening before) counts
    on the first day; nothing after the last day counts."""
    progress = Progress(metric=campaign.goal_metric, target=campaign.goal_target)
    until = min(today, campaign.ends_on)
    by_day: dict[dt.date, int] = defaultdict(int)
    for day, count in counts:
        if day <= campaign.ends_on:
            by_day[max(day, campaign.starts_on)] += count
    progress.total = sum(by_day.values()) if today >= campaign.starts_on else 0
    total, day = 0, campaign.starts_on
    while day <= until:
        total += by_day.get(day, 0)
        progress.days.append((day, total))
        day += dt.timedelta(days=1)
    if progress.days:
        # Today's clicks may be dated tomorrow in UTC: the last point holds everything so far.
        progress.days[-1] = (progress.days[-1][0], progress.total)
    return progress


def campaign_progress(*, campaign: Campaign, today: dt.date | None = None) -> Progress:
    """One campaign's progress over time against its goal (one query)."""
    counts = _per_day([campaign.utm_label], campaign.goal_metric)
    return _progress(campaign, counts.get(campaign.utm_label, []), today or program_today())


def campaigns_progress(
    campaigns: Iterable[Campaign], *, today: dt.date | None = None
) -> dict[int, Progress]:
    """Progress of several campaigns at once, campaign id → Progress: a query per metric, not
    per campaign."""
    campaigns = list(campaigns)
    today = today or program_today()
    counts: dict[str, list[tuple[dt.date, int]]] = {}
    for metric in Campaign.Metric.values:
        labels = [c.utm_label for c in campaigns if c.goal_metric == metric]
        counts |= _per_day(labels, metric)
    return {c.pk: _progress(c, counts.get(c.utm_label, []), today) for c in campaigns}


def campaigns_with_progress(campaigns: Iterable[Campaign]) -> list[Campaign]:
    """The campaigns, each with `.progress` set (for lists and cards)."""
    campaigns = list(campaigns)
    progress = campaigns_progress(campaigns)
    for campaign in campaigns:
        campaign.progress = progress[campaign.pk]
    return campaigns


def campaign_cards_for(*, user: User) -> list[Campaign]:
    """The running campaigns of an advocate's feed, with their progress: two queries in all."""
    return campaigns_with_progress(campaigns_running_for(user=user))


def campaign_audience(*, campaign: Campaign) -> QuerySet[User]:
    """The advocates a campaign is meant for: people taking part now, in its departments and
    locations when it names some."""
    return advocates_in(departments=campaign.departments.all(), locations=campaign.locations.all())
