"""Messages to people: announcements from the owners, and personal notifications."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chorus.core.models import BaseModel
from chorus.notifications.choices import Channel, Kind

TITLE_MAX = 200
BODY_MAX = 5000  # rendered on every advocate's home page: keep it to a short message


class Announcement(BaseModel):
    """A message from the owners to every advocate or a group: on their home page, in their
    notifications and, as they chose, by e-mail."""

    title = models.CharField(_("title"), max_length=TITLE_MAX)
    body = models.TextField(
        _("message"),
        max_length=BODY_MAX,
        help_text=_("Simple Markdown works: **bold**, *italic*, links and lists."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    published_at = models.DateTimeField(_("published"), default=timezone.now, db_index=True)
    # Empty: every advocate. Otherwise advocates in one of these departments (and, where
    # locations are given too, in one of those locations).
    departments = models.ManyToManyField(
        "accounts.Department", blank=True, related_name="+", verbose_name=_("departments")
    )
    locations = models.ManyToManyField(
        "accounts.Location", blank=True, related_name="+", verbose_name=_("locations")
    )

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")

    def __str__(self):
        return self.title


NOTICE_TITLE_MAX = 200
NOTICE_BODY_MAX = 1000


class Notification(BaseModel):
    """One in-app notice to one person: a short line and where to go; read_at once seen."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=NOTICE_TITLE_MAX)
    body = models.TextField(_("text"), max_length=NOTICE_BODY_MAX, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    def __str__(self):
        return self.title


class NotificationPreference(BaseModel):
    """A person's own choice for one kind on one channel; without a row the default applies."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    enabled = models.BooleanField(_("on"))

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "channel"], name="notification_preference_once"
            )
        ]

    def __str__(self):
        return f"{self.user_id} {self.kind} {self.channel} {self.enabled}"


class NotificationSettings(BaseModel):
    """A person's switch that silences every notification, whatever the choices per kind."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    all_off = models.BooleanField(_("everything off"), default=False)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self):
        return f"{self.user_id} all_off={self.all_off}"


class NotificationClaim(models.Model):
    """A once-only key (`content:42`, `milestone:7:first_share`): whoever inserts it first sends
    the notices; the unique key keeps overlapping runs and several workers from sending twice."""

    key = models.CharField(max_length=120, unique=True)
    run = models.UUIDField(db_index=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("notification claim")
        verbose_name_plural = _("notification claims")

    def __str__(self):
        return self.key
