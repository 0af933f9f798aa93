"""Tracked links and the clicks they receive. A link knows nothing of shares: a code, a
destination and labels, so that shares, digests, campaigns and QR codes can all use it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from chorus.core.models import BaseModel


class TrackedLink(BaseModel):
    """`/s/<code>` answers 302 to `target_url`: the destination with its UTM labels added."""

    code = models.CharField(_("code"), max_length=16, unique=True)
    destination = models.URLField(_("destination"), max_length=2000)
    source = models.CharField(_("source"), max_length=40, help_text=_("utm_source"))
    campaign = models.CharField(_("campaign"), max_length=120, help_text=_("utm_campaign"))
    content = models.CharField(_("content"), max_length=120, blank=True, help_text=_("utm_content"))
    target_url = models.URLField(_("target"), max_length=2500, editable=False)
    enabled = models.BooleanField(_("enabled"), default=True)
    # Running totals, kept by the click ingest so that lists never count raw clicks.
    clicks = models.PositiveIntegerField(_("clicks"), default=0)
    previews = models.PositiveIntegerField(_("previews"), default=0)

    class Meta:
        verbose_name = _("tracked link")
        verbose_name_plural = _("tracked links")
        indexes = [models.Index(fields=["updated_at"])]

    def __str__(self):
        return self.code


class Click(models.Model):
    """One answered request to a tracked link. Never an IP address: `visitor` is a keyed hash
    of IP and user agent whose key rotates daily, so it can only tell repeats apart."""

    class Kind(models.TextChoices):
        HUMAN = "human", _("Click")
        PREVIEW = "preview", _("Link preview")
        BOT = "bot", _("Robot")

    class Device(models.TextChoices):
        MOBILE = "mobile", _("Phone")
        TABLET = "tablet", _("Tablet")
        DESKTOP = "desktop", _("Computer")
        OTHER = "other", _("Other")

    link = models.ForeignKey(TrackedLink, on_delete=models.CASCADE, related_name="click_set")
    at = models.DateTimeField(_("time"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    # A human's repeat within 30 minutes, and every robot, is recorded but not counted.
    counted = models.BooleanField(_("counted"), default=False)
    referrer_domain = models.CharField(_("referrer"), max_length=100, blank=True)
    device = models.CharField(_("device"), max_length=8, choices=Device.choices)
    visitor = models.CharField(_("visitor hash"), max_length=32)

    class Meta:
        verbose_name = _("click")
        verbose_name_plural = _("clicks")
        indexes = [
            models.Index(fields=["link", "visitor", "at"]),
            models.Index(fields=["at"]),
        ]

    def __str__(self):
        return f"{self.link_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"


class LinkDay(models.Model):
    """Counted clicks and previews per link per day (UTC): the rollup that charts read."""

    link = models.ForeignKey(TrackedLink, on_delete=models.CASCADE, related_name="days")
    day = models.DateField(_("day"))
    clicks = models.PositiveIntegerField(_("clicks"), default=0)
    previews = models.PositiveIntegerField(_("previews"), default=0)
    bots = models.PositiveIntegerField(_("robots"), default=0)

    class Meta:
        verbose_name = _("link day")
        verbose_name_plural = _("link days")
        constraints = [models.UniqueConstraint(fields=["link", "day"], name="linkday_unique")]

    def __str__(self):
        return f"{self.link_id} {self.day}"


class ClickTally(models.Model):
    """Counted clicks and previews of one link in one hour, written with the day rollup in the
    ingest's transaction: an outbox that the analytics read model consumes (and deletes)."""

    link = models.ForeignKey(TrackedLink, on_delete=models.CASCADE, related_name="+")
    hour = models.DateTimeField()
    clicks = models.PositiveIntegerField(default=0)
    previews = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.link_id} {self.hour:%Y-%m-%d %H}h"


class VisitorKey(models.Model):
    """The secret of one day for visitor hashes; deleted after two days, so that old hashes
    cannot be linked to anyone, even by whoever holds the database and the server's secret."""

    day = models.DateField(unique=True)
    key = models.CharField(max_length=64)

    def __str__(self):
        return str(self.day)


class IngestedJournal(models.Model):
    """A click journal file that has been read into the database, recorded in the same
    transaction as its clicks: a crash between the two steps cannot count a click twice."""

    name = models.CharField(max_length=80, unique=True)
    lines = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.name
