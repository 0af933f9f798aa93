"""The digest e-mail: the owners' settings for it, and one row per person and period sent."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from chorus.core.models import BaseModel

INTRO_MAX = 3000  # Markdown at the top of every digest: a short word, not a newsletter
ERROR_MAX = 300


class Weekday(models.IntegerChoices):
    """Days as Python's date.weekday() counts them."""

    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class DigestSettings(BaseModel):
    """The one row of the owners' choices for the digest (see digest_settings_get)."""

    # Language code → Markdown; a language without one falls back to the program's default.
    intro = models.JSONField(_("introduction"), default=dict, blank=True)
    weekday = models.PositiveSmallIntegerField(
        _("day of the weekly digest"), choices=Weekday.choices, default=Weekday.MONDAY
    )
    hour = models.PositiveSmallIntegerField(
        _("hour"),
        default=8,
        validators=[MaxValueValidator(23)],
        help_text=_("In each person's own time zone."),
    )

    class Meta:
        verbose_name = _("digest settings")
        verbose_name_plural = _("digest settings")

    def __str__(self):
        return f"{self.get_weekday_display()} {self.hour:02d}:00"


class DigestSend(BaseModel):
    """One person's digest for one period (`d:2026-11-24`, `w:2026-W48`): unique, so it is
    never sent twice. `token` is the current sender's claim; see digests.services."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        SKIPPED = "skipped", _("Nothing new")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_sends"
    )
    period = models.CharField(_("period"), max_length=16)
    state = models.CharField(
        _("state"), max_length=8, choices=State.choices, default=State.PENDING, db_index=True
    )
    token = models.UUIDField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.CharField(_("error"), max_length=ERROR_MAX, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    items = models.PositiveSmallIntegerField(_("items"), default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("digest sent")
        verbose_name_plural = _("digests sent")
        constraints = [models.UniqueConstraint(fields=["user", "period"], name="digest_once")]
        indexes = [models.Index(fields=["period", "state"], name="digest_period_state")]

    def __str__(self):
        return f"{self.user_id} {self.period} {self.state}"
