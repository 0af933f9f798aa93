"""Reads of notifications: the latest announcements, a person's notices and choices."""

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.utils import timezone

from chorus.notifications.choices import Channel, Kind, enabled_by_default
from chorus.notifications.models import (
    Announcement,
    Notification,
    NotificationPreference,
    NotificationSettings,
)


def announcements_published(*, now=None) -> QuerySet[Announcement]:
    """Announcements already out, newest first."""
    now = now or timezone.now()
    return (
        Announcement.objects.filter(published_at__lte=now)
        .select_related("created_by")
        .order_by("-published_at", "-pk")
    )


def announcements_for(*, user) -> QuerySet[Announcement]:
    """The announcements meant for this person: to everyone, or to their department and
    location."""
    department = Q(departments__isnull=True) | Q(departments=user.department_id)
    location = Q(locations__isnull=True) | Q(locations=user.location_id)
    return announcements_published().filter(department, location).distinct()


def announcements_recent(*, limit: int = 3, user=None) -> list[Announcement]:
    announcements = announcements_published() if user is None else announcements_for(user=user)
    return list(announcements.prefetch_related("departments", "locations")[:limit])


def announcement_last() -> Announcement | None:
    return announcements_published().first()


# Personal notifications ------------------------------------------------------------------------


def notifications_of(*, user, unread: bool = False) -> QuerySet[Notification]:
    """A person's notifications, newest first."""
    notifications = Notification.objects.filter(user=user)
    if unread:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications.order_by("-created_at", "-pk")


def notifications_unread_count(*, user) -> int:
    """The bell's number: one count on the (user, read_at) index."""
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notifications_all_off(*, user) -> bool:
    return NotificationSettings.objects.filter(user=user, all_off=True).exists()


def notification_choices_of(*, user) -> dict[tuple[str, str], bool]:
    """Every (kind, channel) with whether it is on for this person: their choice or the default."""
    choices = {
        (kind, channel): enabled_by_default(kind, channel)
        for kind in Kind.values
        for channel in Channel.values
    }
    for kind, channel, enabled in NotificationPreference.objects.filter(user=user).values_list(
        "kind", "channel", "enabled"
    ):
        if (kind, channel) in choices:
            choices[kind, channel] = enabled
    return choices


def notification_channels_for(*, user_ids: Iterable[int], kind: str) -> dict[int, set[str]]:
    """For each person, the channels on which they want `kind`: two queries for any number."""
    user_ids = set(user_ids)
    silenced = set(
        NotificationSettings.objects.filter(user_id__in=user_ids, all_off=True).values_list(
            "user_id", flat=True
        )
    )
    channels = {
        user_id: {c for c in Channel.values if enabled_by_default(kind, c)}
        for user_id in user_ids - silenced
    }
    chosen = NotificationPreference.objects.filter(user_id__in=channels, kind=kind)
    for user_id, channel, enabled in chosen.values_list("user_id", "channel", "enabled"):
        (channels[user_id].add if enabled else channels[user_id].discard)(channel)
    return channels
