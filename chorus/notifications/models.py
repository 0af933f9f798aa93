"""Messages to people: announcements from the owners, and personal notifications."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chorus.core.models import BaseModel
from chorus.notifications.choices import Channel, DigestFrequency, Kind

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
    """A person's switch that silences every notification, whatever the choices per kind, and
    how often they get the digest of new content."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    all_off = models.BooleanField(_("everything off"), default=False)
    digest = models.CharField(
        _("digest"),
        max_length=8,
        choices=DigestFrequency.choices,
        default=DigestFrequency.WEEKLY,
    )

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


# Chat webhooks ---------------------------------------------------------------------------------

WEBHOOK_URL_MAX = 1000
CHAT_ERROR_MAX = 300
CHAT_TITLE_MAX = 200


class ChatWebhook(BaseModel):
    """An incoming webhook of a Slack or Microsoft Teams channel, set by an owner: new featured
    content and campaign starts are posted there. Its health shows whether posts get through."""

    class Service(models.TextChoices):
        SLACK = "slack", _("Slack")
        TEAMS = "teams", _("Microsoft Teams")

    class Event(models.TextChoices):
        FEATURED = "featured", _("New featured content")
        CAMPAIGN = "campaign", _("A campaign starts")

    name = models.CharField(_("name"), max_length=100)
    service = models.CharField(_("service"), max_length=8, choices=Service.choices)
    # The whole URL is the secret that lets anyone post to the channel: pages show its host only.
    url = models.URLField(_("webhook URL"), max_length=WEBHOOK_URL_MAX)
    on_featured = models.BooleanField(_("new featured content"), default=True)
    on_campaign = models.BooleanField(_("campaign starts"), default=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    last_success_at = models.DateTimeField(_("last delivered"), null=True, blank=True)
    last_failure_at = models.DateTimeField(_("last failed"), null=True, blank=True)
    failing_since = models.DateTimeField(_("failing since"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=CHAT_ERROR_MAX, blank=True)
    consecutive_failures = models.PositiveIntegerField(_("failures in a row"), default=0)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("chat webhook")
        verbose_name_plural = _("chat webhooks")

    def __str__(self):
        return self.name

    @property
    def is_failing(self) -> bool:
        return self.consecutive_failures > 0

    @property
    def url_hint(self) -> str:
        """The host only, e.g. "hooks.slack.com/…": enough to recognise, not to post."""
        host = self.url.split("://", 1)[-1].split("/", 1)[0].rsplit("@", 1)[-1]
        return f"{host}/…"

    @property
    def events(self) -> list[str]:
        """The labels of what it posts, for the owners' page."""
        chosen = ((self.Event.FEATURED, self.on_featured), (self.Event.CAMPAIGN, self.on_campaign))
        return [event.label for event, on in chosen if on]


class ChatDelivery(BaseModel):
    """One message for one webhook, built when queued; (webhook, key) is unique, so the same
    news is never posted twice to a channel, whatever runs twice."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENT = "sent", _("Delivered")
        FAILED = "failed", _("Failed")

    webhook = models.ForeignKey(ChatWebhook, on_delete=models.CASCADE, related_name="deliveries")
    key = models.CharField(_("key"), max_length=120)
    event = models.CharField(_("event"), max_length=16)
    title = models.CharField(_("title"), max_length=CHAT_TITLE_MAX, blank=True)
    payload = models.JSONField(_("message"))
    state = models.CharField(
        _("state"), max_length=8, choices=State.choices, default=State.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=CHAT_ERROR_MAX, blank=True)
    status_code = models.PositiveIntegerField(_("HTTP status"), null=True, blank=True)
    sent_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("chat delivery")
        verbose_name_plural = _("chat deliveries")
        constraints = [
            models.UniqueConstraint(fields=["webhook", "key"], name="chat_delivery_once")
        ]

    def __str__(self):
        return f"{self.webhook_id} {self.key} {self.state}"
