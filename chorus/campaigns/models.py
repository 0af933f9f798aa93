"""Campaigns: a named push with a goal, dates, a set of items and an audience."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chorus.core.models import BaseModel

NAME_MAX = 120
INTRO_MAX = 3000  # shown on every card in the advocates' feed: a short message
LABEL_MAX = 60  # tracked links keep up to 120 characters of utm_campaign
GOAL_MAX = 10_000_000


def program_today() -> dt.date:
    """Today in the program's time zone (the default one): a campaign's dates are the program's
    dates, whoever looks, as the working days of questions are."""
    return timezone.localdate(timezone=timezone.get_default_timezone())


class Campaign(BaseModel):
    """A push with a goal ("500 clicks on our job openings in March"): between its dates, the
    shares of its items by the advocates of its audience carry its label as utm_campaign."""

    class Metric(models.TextChoices):
        CLICKS = "clicks", _("Clicks")
        SHARES = "shares", _("Shares")

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        UPCOMING = "upcoming", _("Upcoming")
        ENDED = "ended", _("Ended")

    name = models.CharField(_("name"), max_length=NAME_MAX)
    intro = models.TextField(
        _("message to advocates"),
        max_length=INTRO_MAX,
        blank=True,
        help_text=_("Why this matters and what to stress. Simple Markdown works."),
    )
    goal_metric = models.CharField(
        _("goal"), max_length=8, choices=Metric.choices, default=Metric.CLICKS
    )
    goal_target = models.PositiveIntegerField(_("target"))
    # Whole days in the program's time zone, both included.
    starts_on = models.DateField(_("starts on"), db_index=True)
    ends_on = models.DateField(_("ends on"))
    items = models.ManyToManyField(
        "content.ContentItem", related_name="campaigns", verbose_name=_("content")
    )
    # Empty: every advocate. Otherwise advocates in one of these departments (and, where
    # locations are given too, in one of those locations), as for announcements.
    departments = models.ManyToManyField(
        "accounts.Department", blank=True, related_name="+", verbose_name=_("departments")
    )
    locations = models.ManyToManyField(
        "accounts.Location", blank=True, related_name="+", verbose_name=_("locations")
    )
    utm_label = models.CharField(
        _("campaign label"),
        max_length=LABEL_MAX,
        unique=True,
        help_text=_("utm_campaign on the links shared for it"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    # When the advocates were told it started (and the chat channels): once only.
    start_noticed_at = models.DateTimeField(_("start announced"), null=True, blank=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="campaign_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(goal_target__gt=0), name="campaign_goal_positive"),
        ]

    def __str__(self):
        return self.name

    def status_on(self, day: dt.date) -> str:
        if day < self.starts_on:
            return self.Status.UPCOMING
        if day > self.ends_on:
            return self.Status.ENDED
        return self.Status.RUNNING

    @property
    def status(self) -> str:
        return self.status_on(program_today())

    def get_status_display(self) -> str:
        return self.Status(self.status).label

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1
