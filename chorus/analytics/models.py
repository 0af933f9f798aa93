"""The read model behind the dashboards: facts fixed once per share, and rollups per day and
dimension that background work keeps current from shares and the ingest's click tallies."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chorus.analytics.choices import MilestoneKey
from chorus.core.models import BaseModel
from chorus.sharing.models import Share
from chorus.tracking.models import TrackedLink


class Dim(models.TextChoices):
    """What figures are broken down by. Each share and click counts once in every dimension
    (in each of its item's topics for `topic`)."""

    ALL = "all", _("Whole program")
    NETWORK = "network", _("Network")
    DEPARTMENT = "department", _("Department")
    LOCATION = "location", _("Location")
    LANGUAGE = "language", _("Language")
    TOPIC = "topic", _("Topic")
    CAMPAIGN = "campaign", _("Campaign")
    CATEGORY = "category", _("Content category")
    KIND = "kind", _("Content format")
    ITEM = "item", _("Content")
    ADVOCATE = "advocate", _("Advocate")


class ShareFact(models.Model):
    """A share as the rollups counted it: who, what and where, as things stood when it was
    shared (a later change of department does not move old figures)."""

    share = models.OneToOneField(
        Share, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    day = models.DateField()
    advocate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    # The dimension keys of this share, {dim: [key, …]}; see Dim.
    keys = models.JSONField()
    reach = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"share {self.share_id}"


class LinkFact(models.Model):
    """Which counted share a tracked link's clicks belong to (the first share that used it)."""

    link = models.OneToOneField(
        TrackedLink, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    fact = models.ForeignKey(ShareFact, on_delete=models.CASCADE, related_name="links")

    def __str__(self):
        return f"link {self.link_id} → share {self.fact_id}"


class DayTotal(models.Model):
    """One day of one dimension key. The cum_* columns are running sums up to and including
    this day, so any period's figure is two lookups per key, not one row per day."""

    dim = models.CharField(max_length=12, choices=Dim.choices)
    key = models.CharField(max_length=120)
    day = models.DateField()
    shares = models.PositiveIntegerField(default=0)
    clicks = models.PositiveIntegerField(default=0)
    previews = models.PositiveIntegerField(default=0)
    reach = models.PositiveBigIntegerField(default=0)
    cum_shares = models.PositiveBigIntegerField(default=0)
    cum_clicks = models.PositiveBigIntegerField(default=0)
    cum_previews = models.PositiveBigIntegerField(default=0)
    cum_reach = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dim", "key", "day"], name="daytotal_unique")
        ]
        indexes = [models.Index(fields=["dim", "day"])]

    def __str__(self):
        return f"{self.dim}:{self.key} {self.day}"


class Running(models.Model):
    """All-time totals of one dimension key, and how many people contributed to them."""

    dim = models.CharField(max_length=12, choices=Dim.choices)
    key = models.CharField(max_length=120)
    shares = models.PositiveBigIntegerField(default=0)
    clicks = models.PositiveBigIntegerField(default=0)
    previews = models.PositiveBigIntegerField(default=0)
    reach = models.PositiveBigIntegerField(default=0)
    people = models.PositiveIntegerField(default=0)
    last_day = models.DateField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["dim", "key"], name="running_unique")]

    def __str__(self):
        return f"{self.dim}:{self.key}"


class GroupMember(models.Model):
    """That an advocate's shares count towards a dimension key: the size of a group."""

    dim = models.CharField(max_length=12, choices=Dim.choices)
    key = models.CharField(max_length=120)
    advocate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dim", "key", "advocate"], name="groupmember_unique")
        ]

    def __str__(self):
        return f"{self.dim}:{self.key} {self.advocate_id}"


class AdvocateHour(models.Model):
    """Counted clicks on one advocate's links in one hour (UTC): when their posts are read."""

    advocate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    hour = models.DateTimeField()
    clicks = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["advocate", "hour"], name="advocatehour_unique")
        ]

    def __str__(self):
        return f"{self.advocate_id} {self.hour:%Y-%m-%d %H}h"


# --- recognition -----------------------------------------------------------------------------


class Milestone(BaseModel):
    """A step of progress a person reached (once); seen_at is when they first saw it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="milestones"
    )
    key = models.CharField(_("milestone"), max_length=40, choices=MilestoneKey.choices)
    reached_at = models.DateTimeField(_("reached"))
    seen_at = models.DateTimeField(_("seen"), null=True, blank=True)

    class Meta:
        ordering = ["reached_at", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="milestone_once")]

    def __str__(self):
        return f"{self.user_id} {self.key}"


class RecognitionPreference(BaseModel):
    """A person's choice about recognition: whether they stay off the leaderboard."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recognition_preference"
    )
    leaderboard_hidden = models.BooleanField(_("hidden from the leaderboard"), default=False)

    class Meta:
        verbose_name = _("recognition preference")
        verbose_name_plural = _("recognition preferences")

    def __str__(self):
        return f"{self.user_id}"
