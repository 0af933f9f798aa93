"""Reads of notifications: the latest announcements, a person's notices and choices."""

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.utils import timezone

from chorus.notifications.choices import Channel, DigestFrequency, Kind, enabled_by_default
from chorus.notifications.models import (
    Announcement,
    ChatDelivery,
    ChatWebhook,
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


def notification_digest_of(*, user) -> str:
    """How often this person gets the digest (a DigestFrequency value)."""
    chosen = NotificationSettings.objects.filter(user=user).values_list("digest", flat=True)
    return chosen.first() or DigestFrequency.WEEKLY


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


# Chat webhooks ---------------------------------------------------------------------------------


def chat_webhooks() -> QuerySet[ChatWebhook]:
    """Every webhook, by name."""
    return ChatWebhook.objects.order_by("name", "pk")


def chat_webhooks_failing() -> QuerySet[ChatWebhook]:
    """Active webhooks whose last post did not get through."""
    return chat_webhooks().filter(is_active=True, consecutive_failures__gt=0)


def chat_deliveries_troubled(*, limit: int = 20) -> list[ChatDelivery]:
    """The latest deliveries that failed for good or wait to be tried again after a failure."""
    troubled = Q(state=ChatDelivery.State.FAILED) | Q(
        state=ChatDelivery.State.PENDING, attempts__gt=0
    )
    return list(
        ChatDelivery.objects.filter(troubled)
        .select_related("webhook")
        .defer("payload")
        .order_by("-updated_at", "-pk")[:limit]
    )


def chat_deliveries_waiting() -> int:
    """How many messages are still on their way (the owners' page refreshes while there are)."""
    return ChatDelivery.objects.filter(state=ChatDelivery.State.PENDING).count()
