"""The hub: content items with their sample posts and images, topics, suggestions, inspiration."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from chorus.accounts.models import Department, Location
from chorus.core.languages import CONTENT_LANGUAGES
from chorus.core.models import BaseModel
from chorus.program.choices import NETWORKS

NOTE_MAX = 5000  # Markdown is rendered on every feed page: keep it to a note's size
DESCRIPTION_MAX = 2000
SAMPLE_POST_MAX = 5000


class Topic(BaseModel):
    """A subject owners define, curators tag items with and advocates follow."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    followers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="followed_topics"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name


class ContentItemQuerySet(models.QuerySet):
    def live(self, now=None):
        """Published and not expired: what advocates may see."""
        now = now or timezone.now()
        return self.filter(publish_at__lte=now).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )


class ContentItem(BaseModel):
    """Something worth sharing. Its status follows from its publish and expiry times."""

    class Kind(models.TextChoices):
        LINK = "link", _("Link")
        IMAGES = "images", _("Images")
        VIDEO = "video", _("Video")
        TEXT = "text", _("Text post")

    class Category(models.TextChoices):
        NEWS = "news", _("News")
        ARTICLE = "article", _("Article")
        JOB = "job", _("Job opening")
        EVENT = "event", _("Event")
        EXPERTISE = "expertise", _("Expertise")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")
        EXPIRED = "expired", _("Expired")

    class PreviewState(models.TextChoices):
        NONE = "", _("None")
        PENDING = "pending", _("Fetching")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.LINK)
    category = models.CharField(
        _("category"), max_length=12, choices=Category.choices, default=Category.NEWS
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    note = models.TextField(
        _("note for advocates"),
        blank=True,
        max_length=NOTE_MAX,
        help_text=_("Why this matters and what to stress. Simple Markdown works."),
    )
    url = models.URLField(_("link"), max_length=2000, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=DESCRIPTION_MAX)
    site_name = models.CharField(_("site name"), max_length=100, blank=True)
    image = models.ImageField(_("preview image"), upload_to="content/previews/", blank=True)
    preview_state = models.CharField(
        max_length=10, choices=PreviewState.choices, default=PreviewState.NONE, blank=True
    )
    preview_error = models.CharField(max_length=300, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=CONTENT_LANGUAGES, default="en", db_index=True
    )
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="items", verbose_name=_("topics")
    )
    audience_departments = models.ManyToManyField(
        Department, blank=True, related_name="+", verbose_name=_("departments")
    )
    audience_locations = models.ManyToManyField(
        Location, blank=True, related_name="+", verbose_name=_("locations")
    )
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    featured = models.BooleanField(_("featured"), default=False)
    shareable = models.BooleanField(
        _("shareable"), default=True, help_text=_("Internal news can be read but not shared.")
    )
    regulated = models.BooleanField(
        _("regulated wording"),
        default=False,
        help_text=_("Advocates may not change the text (legal or financial content)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggested_items",
        verbose_name=_("suggested by"),
    )

    objects = ContentItemQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-created_at"]
        verbose_name = _("content item")
        verbose_name_plural = _("content items")
        indexes = [
            models.Index(fields=["-featured", "-publish_at"], name="content_feed_order"),
            models.Index(fields=["publish_at", "expires_at"], name="content_live"),
        ]

    @property
    def slug(self) -> str:
        """A readable, stable label for UTM campaigns: `42-our-new-office`."""
        words = slugify(self.title)[:50].strip("-")
        return f"{self.pk}-{words}" if words else f"item-{self.pk}"

    def __str__(self):
        return self.title or self.url or f"#{self.pk}"

    def status_at(self, now) -> str:
        if self.publish_at is None:
            return self.Status.DRAFT
        if self.expires_at is not None and self.expires_at <= now:
            return self.Status.EXPIRED
        if self.publish_at > now:
            return self.Status.SCHEDULED
        return self.Status.PUBLISHED

    @property
    def status(self) -> str:
        return self.status_at(timezone.now())

    def get_status_display(self) -> str:
        return self.Status(self.status).label

    @property
    def is_live(self) -> bool:
        return self.status == self.Status.PUBLISHED


class ContentImage(BaseModel):
    """One image of an item's graphics set, re-encoded on upload, with a thumbnail."""

    item = models.ForeignKey(ContentItem, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(_("image"), upload_to="content/images/")
    thumbnail = models.ImageField(upload_to="content/thumbs/", blank=True)
    alt_text = models.CharField(_("description for screen readers"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("image")
        verbose_name_plural = _("images")


class SamplePost(BaseModel):
    """A ready-made post text: a starting point an advocate may rewrite in their own voice."""

    item = models.ForeignKey(ContentItem, on_delete=models.CASCADE, related_name="sample_posts")
    network = models.CharField(
        _("network"),
        max_length=16,
        choices=[("", _("All networks")), *NETWORKS],
        blank=True,
    )
    language = models.CharField(
        _("language"), max_length=8, choices=CONTENT_LANGUAGES, default="en"
    )
    text = models.TextField(_("text"), max_length=SAMPLE_POST_MAX)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("sample post")
        verbose_name_plural = _("sample posts")

    def __str__(self):
        return self.text[:60]


class Suggestion(BaseModel):
    """An employee's proposal for the hub, waiting for a curator's decision."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="suggestions"
    )
    url = models.URLField(_("link"), max_length=2000, blank=True)
    image = models.ImageField(_("image"), upload_to="content/suggestions/", blank=True)
    text = models.TextField(_("why it is worth sharing"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decline_reason = models.TextField(_("reason"), blank=True, max_length=1000)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    item = models.OneToOneField(
        ContentItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="suggestion"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")

    def __str__(self):
        return self.url or self.text[:60]


class InspirationSource(BaseModel):
    """An RSS or Atom feed polled in the background into the inspiration inbox."""

    name = models.CharField(_("name"), max_length=120)
    url = models.URLField(_("feed address"), max_length=2000, unique=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_polled_at = models.DateTimeField(_("last checked"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("inspiration source")
        verbose_name_plural = _("inspiration sources")

    def __str__(self):
        return self.name


class InspirationEntry(BaseModel):
    """One entry of a source's feed; a curator turns it into an item or dismisses it."""

    source = models.ForeignKey(InspirationSource, on_delete=models.CASCADE, related_name="entries")
    guid = models.CharField(max_length=500)
    url = models.URLField(max_length=2000, blank=True)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    image_url = models.URLField(max_length=2000, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    item = models.ForeignKey(
        ContentItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dismissed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("inspiration entry")
        verbose_name_plural = _("inspiration entries")
        constraints = [
            models.UniqueConstraint(fields=["source", "guid"], name="one_entry_per_guid")
        ]

    def __str__(self):
        return self.title
