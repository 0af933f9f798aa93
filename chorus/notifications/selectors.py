"""Reads of notifications: the latest announcements."""

from django.db.models import QuerySet
from django.utils import timezone

from chorus.notifications.models import Announcement


def announcements_published(*, now=None) -> QuerySet[Announcement]:
    """Announcements already out, newest first."""
    now = now or timezone.now()
    return (
        Announcement.objects.filter(published_at__lte=now)
        .select_related("created_by")
        .order_by("-published_at", "-pk")
    )


def announcements_recent(*, limit: int = 3) -> list[Announcement]:
    return list(announcements_published()[:limit])


def announcement_last() -> Announcement | None:
    return announcements_published().first()
