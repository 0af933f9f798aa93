"""Reads of the hub: the advocate's feed, one item, the curator's lists and calendar."""

from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from chorus.accounts.models import User
from chorus.content.models import (
    ContentItem,
    InspirationEntry,
    InspirationSource,
    SamplePost,
    Suggestion,
    Topic,
)
from chorus.core.errors import NotFoundError

Departments = ContentItem.audience_departments.through
Locations = ContentItem.audience_locations.through
Topics = ContentItem.topics.through


def _search(items: QuerySet[ContentItem], query: str) -> QuerySet[ContentItem]:
    for word in query.split()[:8]:
        items = items.filter(
            Q(title__icontains=word) | Q(note__icontains=word) | Q(description__icontains=word)
        )
    return items


def _for_audience(items: QuerySet[ContentItem], user: User) -> QuerySet[ContentItem]:
    """Items without an audience are for everyone; others for their departments and locations."""
    departments = Departments.objects.filter(contentitem_id=OuterRef("pk"))
    locations = Locations.objects.filter(contentitem_id=OuterRef("pk"))
    return items.filter(
        ~Exists(departments) | Exists(departments.filter(department_id=user.department_id)),
        ~Exists(locations) | Exists(locations.filter(location_id=user.location_id)),
    )


def feed_for_advocate(
    *, user: User, query: str = "", topic: Topic | None = None, kind: str = ""
) -> QuerySet[ContentItem]:
    """Published, unexpired items for this person's audience and languages.

    Featured first, then the topics they follow, then newest.
    """
    items = _for_audience(ContentItem.objects.live(), user)
    if user.preferred_languages:
        items = items.filter(language__in=user.preferred_languages)
    if topic is not None:
        items = items.filter(topics=topic)
    if kind:
        items = items.filter(kind=kind)
    if query:
        items = _search(items, query)
    followed = Topics.objects.filter(
        contentitem_id=OuterRef("pk"),
        topic__followers=user,
    )
    return (
        items.annotate(in_followed_topic=Exists(followed))
        .select_related("suggested_by")
        .prefetch_related("topics", "images")
        .order_by("-featured", "-in_followed_topic", "-publish_at", "-pk")
    )


def item_get_for_user(*, user: User, pk: int) -> ContentItem:
    """One item as this person may see it: curators see every item, others only live ones
    meant for them. Anything else is "not found", never "forbidden", so nothing leaks."""
    items = ContentItem.objects.all()
    if not user.is_curator:
        items = _for_audience(ContentItem.objects.live(), user)
    item = (
        items.select_related("suggested_by", "created_by")
        .prefetch_related(
            "topics",
            "images",
            Prefetch("sample_posts", queryset=SamplePost.objects.order_by("pk")),
        )
        .filter(pk=pk)
        .first()
    )
    if item is None:
        raise NotFoundError("content item not found", code="not_found")
    return item


def items_for_curators(
    *, status: str = "", query: str = "", now: datetime | None = None
) -> QuerySet[ContentItem]:
    """Every item, newest change first, optionally of one status."""
    now = now or timezone.now()
    items = ContentItem.objects.all()
    if status == ContentItem.Status.DRAFT:
        items = items.filter(publish_at__isnull=True)
    elif status == ContentItem.Status.SCHEDULED:
        items = items.filter(publish_at__gt=now)
    elif status == ContentItem.Status.PUBLISHED:
        items = items.live(now)
    elif status == ContentItem.Status.EXPIRED:
        items = items.filter(publish_at__isnull=False, expires_at__lte=now)
    if query:
        items = _search(items, query)
    return items.select_related("created_by", "suggested_by").order_by("-updated_at", "-pk")


def calendar_items(*, start: date, days: int) -> dict[date, list[ContentItem]]:
    """Items published or scheduled on each day of [start, start + days), in the current zone."""
    zone = timezone.get_current_timezone()
    begin = datetime.combine(start, time.min, tzinfo=zone)
    end = begin + timedelta(days=days)
    by_day: dict[date, list[ContentItem]] = {start + timedelta(n): [] for n in range(days)}
    items = ContentItem.objects.filter(publish_at__gte=begin, publish_at__lt=end).order_by(
        "publish_at"
    )
    for item in items:
        by_day[timezone.localtime(item.publish_at, zone).date()].append(item)
    return by_day


def topics_all() -> QuerySet[Topic]:
    return Topic.objects.all()


def suggestions_pending() -> QuerySet[Suggestion]:
    """The moderation queue, oldest first."""
    return (
        Suggestion.objects.filter(status=Suggestion.Status.PENDING)
        .select_related("suggested_by")
        .order_by("created_at")
    )


def suggestions_of(*, user: User) -> QuerySet[Suggestion]:
    return Suggestion.objects.filter(suggested_by=user).select_related("item")


def inspiration_inbox() -> QuerySet[InspirationEntry]:
    """Entries nobody turned into an item or dismissed yet, newest first."""
    return InspirationEntry.objects.filter(
        item__isnull=True, dismissed_at__isnull=True
    ).select_related("source")


def inspiration_sources() -> QuerySet[InspirationSource]:
    return InspirationSource.objects.all()
