"""Shares: what an advocate posted where, in their own words, with which tracked link."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

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

    class Meta:
        verbose_name = _("sharing profile")
        verbose_name_plural = _("sharing profiles")

    def __str__(self):
        return str(self.user_id)
