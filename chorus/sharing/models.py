"""Shares: what an advocate posted where, in their own words, with which tracked link."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chorus.campaigns.models import Campaign
from chorus.content.models import ContentItem, SamplePost
from chorus.core.models import BaseModel
from chorus.program.choices import NETWORKS
from chorus.tracking.models import TrackedLink


class Share(BaseModel):
    """One share of an item (or of the advocate's own post, with no item) to one network."""

    class Posted(models.TextChoices):
        UNKNOWN = "unknown", _("Not confirmed")
        YES = "yes", _("Posted")
        NO = "no", _("Not posted")

    advocate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shares"
    )
    item = models.ForeignKey(
        ContentItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="shares"
    )
    network = models.CharField(_("network"), max_length=12, choices=NETWORKS)
    text = models.TextField(_("text as shared"))
    link = models.ForeignKey(
        TrackedLink, on_delete=models.SET_NULL, null=True, blank=True, related_name="shares"
    )
    # An own post may carry several links to the company's sites; each is tracked.
    extra_links = models.ManyToManyField(TrackedLink, blank=True, related_name="+")
    sample_post = models.ForeignKey(
        SamplePost, on_delete=models.SET_NULL, null=True, blank=True, related_name="shares"
    )
    # How close the advocate's words stayed to the sample post (1.0 = unchanged).
    sample_similarity = models.FloatField(null=True, blank=True)
    posted = models.CharField(
        _("posted"), max_length=8, choices=Posted.choices, default=Posted.UNKNOWN
    )
    # The campaign the share counted for: its item was in it, the advocate in its audience, and
    # the day within its dates. Its link then carries the campaign's label as utm_campaign.
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="shares",
        verbose_name=_("campaign"),
    )

    class Meta:
        verbose_name = _("share")
        verbose_name_plural = _("shares")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["advocate", "item", "network"])]

    def __str__(self):
        return f"{self.advocate_id} → {self.network} ({self.pk})"


class SharingProfile(BaseModel):
    """What an advocate tells us once about where they share (their Mastodon server)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sharing_profile"
    )
    mastodon_instance = models.CharField(
        _("Mastodon server"),
        max_length=253,
        blank=True,
        help_text=_("The server your Mastodon account lives on, e.g. mastodon.social."),
    )
    # Network key → the number of people who follow the advocate there, as they told us.
    audiences = models.JSONField(_("audience sizes"), default=dict, blank=True)
    # The networks the advocate says they use (onboarding asks); their composer offers these first.
    networks = models.JSONField(_("networks you use"), default=list, blank=True)

    class Meta:
        verbose_name = _("sharing profile")
        verbose_name_plural = _("sharing profiles")

    def __str__(self):
        return str(self.user_id)


class ReactionFlag(BaseModel):
    """An advocate's call for help: a share of theirs drew a hostile reaction."""

    share = models.ForeignKey(Share, on_delete=models.CASCADE, related_name="flags")
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reaction_flags"
    )
    url = models.URLField(
        _("link to the reaction"),
        max_length=2000,
        blank=True,
        help_text=_("The address of the hostile comment or post, if there is one."),
    )
    note = models.TextField(_("what happened"), max_length=2000)
    reply = models.TextField(_("the team's reply"), max_length=5000, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    class Meta:
        verbose_name = _("hostile reaction")
        verbose_name_plural = _("hostile reactions")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["resolved_at", "created_at"])]

    def __str__(self):
        return f"{self.share_id}: {self.note[:60]}"

    @property
    def status(self) -> str:
        """open (waiting for the team), replied, or resolved."""
        if self.resolved_at:
            return "resolved"
        return "replied" if self.replied_at else "open"
