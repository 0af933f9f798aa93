"""Writes to the hub: items, their previews, images and sample posts, topics, suggestions, feeds."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chorus.accounts.models import Department, Location, User
from chorus.content.models import (
    DESCRIPTION_MAX,
    NOTE_MAX,
    SAMPLE_POST_MAX,
    ContentImage,
    ContentItem,
    InspirationEntry,
    InspirationSource,
    SamplePost,
    Suggestion,
    Topic,
)
from chorus.core.errors import ChorusError
from chorus.core.images import image_reencode
from chorus.core.languages import CONTENT_LANGUAGE_CODES
from chorus.core.markdown import plain_text
from chorus.notifications.choices import Kind
from chorus.notifications.services import (
    Notice,
    chat_post,
    notification_keys_claim,
    notify,
    notify_each,
)
from chorus.program.choices import NETWORK_KEYS
from chorus.program.selectors import program_settings_get

# Kinds that point at a page: they need its address, and their preview comes from it.
LINKED_KINDS = (ContentItem.Kind.LINK, ContentItem.Kind.VIDEO)
MAX_SAMPLE_POSTS = 12
MAX_IMAGES = 10


@dataclass(frozen=True)
class SampleText:
    """A sample post as a form or the API hands it over."""

    text: str
    network: str = ""
    language: str = "en"


# Items -------------------------------------------------------------------------------------------


def _check_url(url: str) -> str:
    url = (url or "").strip()
    if url and urlsplit(url).scheme.lower() not in ("http", "https"):
        raise ChorusError(
            _("Links must start with http:// or https://."), code="url_invalid", field="url"
        )
    return url


def _check_item(item: ContentItem) -> None:
    if item.kind not in ContentItem.Kind.values:
        raise ChorusError(_("Unknown kind of content."), code="kind_invalid", field="kind")
    if item.language not in CONTENT_LANGUAGE_CODES:
        raise ChorusError(_("Unknown language."), code="language_invalid", field="language")
    if item.kind in LINKED_KINDS and not item.url:
        raise ChorusError(_("A link needs its address."), code="url_required", field="url")
    if item.kind not in LINKED_KINDS and not item.title.strip():
        raise ChorusError(_("Give the item a title."), code="title_required", field="title")
    for name, limit in (("note", NOTE_MAX), ("description", DESCRIPTION_MAX), ("title", 300)):
        if len(getattr(item, name)) > limit:
            raise ChorusError(
                _("This is too long: at most %(count)d characters.") % {"count": limit},
                code="too_long",
                field=name,
            )
    if item.publish_at and item.expires_at and item.expires_at <= item.publish_at:
        raise ChorusError(
            _("The expiry time must come after the publishing time."),
            code="expiry_before_publish",
            field="expires_at",
        )


def _default_language() -> str:
    """The language of an item nobody chose one for yet; the curator corrects it on the draft."""
    return program_settings_get().default_language


def _enqueue_preview(item: ContentItem) -> None:
    from chorus.content.tasks import item_preview_fetch_task  # tasks import services

    transaction.on_commit(lambda: item_preview_fetch_task.enqueue(item.pk))


ITEM_FIELDS = (
    "kind",
    "category",
    "title",
    "note",
    "url",
    "description",
    "site_name",
    "language",
    "publish_at",
    "expires_at",
    "featured",
    "shareable",
    "regulated",
)


@transaction.atomic
def item_create(
    *,
    created_by: User | None,
    kind: str,
    language: str,
    url: str = "",
    title: str = "",
    topics: Iterable[Topic] = (),
    departments: Iterable[Department] = (),
    locations: Iterable[Location] = (),
    sample_posts: Iterable[SampleText] = (),
    suggested_by: User | None = None,
    fetch_preview: bool = True,
    **fields,
) -> ContentItem:
    """A new item (a draft unless publish_at is given); a link's preview is fetched afterwards."""
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise TypeError(f"unknown item fields: {sorted(unknown)}")
    item = ContentItem(
        created_by=created_by,
        suggested_by=suggested_by,
        kind=kind,
        language=language,
        url=_check_url(url),
        title=title.strip(),
        **fields,
    )
    _check_item(item)
    needs_preview = fetch_preview and item.kind in LINKED_KINDS and bool(item.url)
    if needs_preview:
        item.preview_state = ContentItem.PreviewState.PENDING
    item.save()
    item.topics.set(topics)
    item.audience_departments.set(departments)
    item.audience_locations.set(locations)
    sample_posts_set(item=item, posts=sample_posts)
    if needs_preview:
        _enqueue_preview(item)
    return item


@transaction.atomic
def item_update(
    *,
    item: ContentItem,
    topics: Iterable[Topic] | None = None,
    departments: Iterable[Department] | None = None,
    locations: Iterable[Location] | None = None,
    sample_posts: Iterable[SampleText] | None = None,
    **fields,
) -> ContentItem:
    """Change an item; a changed link fetches its preview again."""
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise TypeError(f"unknown item fields: {sorted(unknown)}")
    if "url" in fields:
        fields["url"] = _check_url(fields["url"])
    if "title" in fields:
        fields["title"] = fields["title"].strip()
    url_changed = "url" in fields and fields["url"] != item.url
    for name, value in fields.items():
        setattr(item, name, value)
    _check_item(item)
    refetch = url_changed and item.kind in LINKED_KINDS and bool(item.url)
    if refetch:
        item.preview_state = ContentItem.PreviewState.PENDING
        item.preview_error = ""
    item.save()
    if topics is not None:
        item.topics.set(topics)
    if departments is not None:
        item.audience_departments.set(departments)
    if locations is not None:
        item.audience_locations.set(locations)
    if sample_posts is not None:
        sample_posts_set(item=item, posts=sample_posts)
    if refetch:
        _enqueue_preview(item)
    return item


@transaction.atomic
def item_schedule(
    *, item: ContentItem, publish_at: datetime | None, expires_at: datetime | None = None
) -> ContentItem:
    """Publish at a time (now or later), with an optional end; publish_at=None makes a draft."""
    item.publish_at = publish_at
    item.expires_at = expires_at
    _check_item(item)
    item.save(update_fields=["publish_at", "expires_at", "updated_at"])
    return item


def item_publish(*, item: ContentItem) -> ContentItem:
    """Publish now (an expired item comes back without its expiry)."""
    expires_at = item.expires_at if item.status != ContentItem.Status.EXPIRED else None
    return item_schedule(item=item, publish_at=timezone.now(), expires_at=expires_at)


@transaction.atomic
def item_expire(*, item: ContentItem) -> ContentItem:
    """Take an item out of the feed now; it stays in the workspace."""
    now = timezone.now()
    item.expires_at = now
    if item.publish_at is None or item.publish_at > now:
        item.publish_at = now
    item.save(update_fields=["publish_at", "expires_at", "updated_at"])
    return item


@transaction.atomic
def item_duplicate(*, item: ContentItem, by: User) -> ContentItem:
    """A draft copy with the same texts, topics, audience, images and sample posts."""
    copy = ContentItem.objects.get(pk=item.pk)
    copy.pk = None
    copy.title = _("Copy of %(title)s") % {"title": item.title} if item.title else ""
    copy.publish_at = None
    copy.expires_at = None
    copy.created_by = by
    copy.suggested_by = None
    copy.save()
    copy.topics.set(item.topics.all())
    copy.audience_departments.set(item.audience_departments.all())
    copy.audience_locations.set(item.audience_locations.all())
    SamplePost.objects.bulk_create(
        SamplePost(item=copy, network=p.network, language=p.language, text=p.text)
        for p in item.sample_posts.all()
    )
    ContentImage.objects.bulk_create(
        ContentImage(
            item=copy,
            image=i.image.name,
            thumbnail=i.thumbnail.name,
            alt_text=i.alt_text,
            position=i.position,
        )
        for i in item.images.all()
    )
    return copy


@transaction.atomic
def sample_posts_set(*, item: ContentItem, posts: Iterable[SampleText]) -> list[SamplePost]:
    """Replace an item's sample posts; blank texts are dropped."""
    posts = [p for p in posts if p.text.strip()]
    if len(posts) > MAX_SAMPLE_POSTS:
        raise ChorusError(
            _("At most %(count)d sample posts per item.") % {"count": MAX_SAMPLE_POSTS},
            code="too_many_sample_posts",
        )
    for post in posts:
        if post.network and post.network not in NETWORK_KEYS:
            raise ChorusError(_("Unknown network."), code="network_invalid")
        if post.language not in CONTENT_LANGUAGE_CODES:
            raise ChorusError(_("Unknown language."), code="language_invalid")
        if len(post.text) > SAMPLE_POST_MAX:
            raise ChorusError(
                _("This is too long: at most %(count)d characters.") % {"count": SAMPLE_POST_MAX},
                code="too_long",
            )
    item.sample_posts.all().delete()
    return SamplePost.objects.bulk_create(
        SamplePost(item=item, network=p.network, language=p.language, text=p.text.strip())
        for p in posts
    )


@transaction.atomic
def item_image_add(*, item: ContentItem, upload: UploadedFile, alt_text: str = "") -> ContentImage:
    """Add an image to an item's set: checked by content, re-encoded, with a thumbnail."""
    if item.images.count() >= MAX_IMAGES:
        raise ChorusError(
            _("At most %(count)d images per item.") % {"count": MAX_IMAGES}, code="too_many_images"
        )
    image = image_reencode(upload, max_side=2048, name="image")
    upload.seek(0)
    thumbnail = image_reencode(upload, max_side=480, name="thumb")
    return ContentImage.objects.create(
        item=item,
        image=image,
        thumbnail=thumbnail,
        alt_text=alt_text.strip()[:300],
        position=item.images.count(),
    )


def item_image_remove(*, image: ContentImage) -> None:
    image.delete()


# Link previews -----------------------------------------------------------------------------------


# A fetch that failed for these reasons may work later; the others will not.
TRANSIENT_FETCH_ERRORS = frozenset({"fetch_timeout", "fetch_connection", "fetch_status"})


def item_preview_fetch(*, item: ContentItem, last_attempt: bool = True) -> ContentItem:
    """Fetch the item's page and fill what the curator left empty: title, description, image.

    A page that cannot be fetched leaves a message; the curator fills the fields by hand. A
    passing failure is raised instead while more attempts follow (the preview stays pending).
    """
    from chorus.content.previews import preview_parse
    from chorus.core.fetch import FetchError, fetch

    url = item.url
    try:
        page = fetch(url)
        preview = preview_parse(page.content, url=page.url, content_type_charset=page.charset)
    except FetchError as error:
        if not last_attempt and error.code in TRANSIENT_FETCH_ERRORS:
            # Still pending, but the curator sees why it is taking long.
            ContentItem.objects.filter(pk=item.pk, url=url).update(
                preview_error=error.message[:300], updated_at=timezone.now()
            )
            raise
        ContentItem.objects.filter(pk=item.pk, url=url).update(
            preview_state=ContentItem.PreviewState.FAILED,
            preview_error=error.message[:300],
            updated_at=timezone.now(),
        )
        item.refresh_from_db()
        return item
    image = None
    if preview.image_url:
        try:
            picture = fetch(preview.image_url, max_bytes=5 * 2**20, accept="image/*")
            image = image_reencode(
                SimpleUploadedFile("preview", picture.content), max_side=1200, name="preview"
            )
        except ChorusError:
            image = None  # a page without a usable picture still has a preview
    with transaction.atomic():
        item = ContentItem.objects.select_for_update().get(pk=item.pk)
        if item.url != url:  # changed meanwhile: a newer fetch is on its way
            return item
        item.title = item.title or preview.title[:300]
        item.description = item.description or preview.description
        item.site_name = item.site_name or preview.site_name or urlsplit(page.url).hostname or ""
        if image is not None and not item.image:
            item.image.save(image.name, image, save=False)
        item.preview_state = ContentItem.PreviewState.READY
        item.preview_error = ""
        item.save()
    return item


# Topics ------------------------------------------------------------------------------------------


def topic_create(*, name: str) -> Topic:
    name = " ".join(name.split())
    if not name:
        raise ChorusError(_("Give the topic a name."), code="name_required", field="name")
    name = name[:80]
    exists = ChorusError(_("That topic exists already."), code="topic_exists", field="name")
    if Topic.objects.filter(name__iexact=name).exists():
        raise exists
    try:
        with transaction.atomic():
            return Topic.objects.create(name=name)
    except IntegrityError:  # created meanwhile by someone else
        raise exists from None


def topics_follow(*, user: User, topics: Iterable[Topic]) -> None:
    """Set the topics a person follows (their feed shows these first)."""
    user.followed_topics.set(topics)


# Suggestions -------------------------------------------------------------------------------------


@transaction.atomic
def suggestion_create(
    *, suggested_by: User, text: str, url: str = "", image: UploadedFile | None = None
) -> Suggestion:
    """Any employee may suggest a link or an image, saying why it is worth sharing."""
    url = _check_url(url)
    text = text.strip()
    if not url and image is None:
        raise ChorusError(_("Suggest a link or an image."), code="suggestion_empty", field="url")
    if not text:
        raise ChorusError(
            _("Say in a sentence why it is worth sharing."), code="text_required", field="text"
        )
    suggestion = Suggestion(suggested_by=suggested_by, url=url, text=text[:2000])
    if image is not None:
        try:
            picture = image_reencode(image, max_side=2048, name="suggestion")
        except ChorusError as error:
            error.field = "image"
            raise
        suggestion.image.save(picture.name, picture, save=False)
    suggestion.save()
    return suggestion


def _check_pending(suggestion: Suggestion) -> None:
    if suggestion.status != Suggestion.Status.PENDING:
        raise ChorusError(_("This suggestion has been decided already."), code="suggestion_closed")


@transaction.atomic
def suggestion_approve(*, suggestion: Suggestion, by: User) -> ContentItem:
    """Approve: the suggestion becomes a draft the curator polishes, crediting the employee."""
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    _check_pending(suggestion)
    if suggestion.url:
        item = item_create(
            created_by=by,
            suggested_by=suggestion.suggested_by,
            kind=ContentItem.Kind.LINK,
            url=suggestion.url,
            language=_default_language(),
            note=suggestion.text,
        )
    else:
        item = item_create(
            created_by=by,
            suggested_by=suggestion.suggested_by,
            kind=ContentItem.Kind.IMAGES,
            title=suggestion.text[:80],
            language=_default_language(),
            note=suggestion.text,
        )
        item_image_add(item=item, upload=suggestion.image)
    suggestion.status = Suggestion.Status.APPROVED
    suggestion.reviewed_by = by
    suggestion.reviewed_at = timezone.now()
    suggestion.item = item
    suggestion.save()
    if suggestion.suggested_by_id:
        notify(
            user=suggestion.suggested_by,
            kind=Kind.SUGGESTION_DECIDED,
            title=gettext_lazy("Your suggestion was approved"),
            body=gettext_lazy("“%(text)s”: the team is preparing it for the hub."),
            params={"text": Truncator(suggestion.text or suggestion.url).chars(120)},
            url=reverse("content:suggest"),
        )
    return item


@transaction.atomic
def suggestion_decline(*, suggestion: Suggestion, by: User, reason: str) -> Suggestion:
    """Decline with a reason the employee sees."""
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    _check_pending(suggestion)
    reason = reason.strip()
    if not reason:
        raise ChorusError(
            _("Tell the colleague why, in a sentence."), code="reason_required", field="reason"
        )
    suggestion.status = Suggestion.Status.DECLINED
    suggestion.decline_reason = reason[:1000]
    suggestion.reviewed_by = by
    suggestion.reviewed_at = timezone.now()
    suggestion.save()
    if suggestion.suggested_by_id:
        notify(
            user=suggestion.suggested_by,
            kind=Kind.SUGGESTION_DECIDED,
            title=gettext_lazy("Your suggestion was declined"),
            body=gettext_lazy("The team's reason: %(reason)s"),
            params={"reason": Truncator(suggestion.decline_reason).chars(300)},
            url=reverse("content:suggest"),
        )
    return suggestion


# Inspiration feeds -------------------------------------------------------------------------------


def inspiration_source_create(*, added_by: User, url: str, name: str = "") -> InspirationSource:
    """Add a feed; its first poll runs in the background."""
    from chorus.content.tasks import inspiration_source_poll_task

    url = _check_url(url)
    if not url:
        raise ChorusError(_("Give the feed's address."), code="url_required", field="url")
    if InspirationSource.objects.filter(url=url).exists():
        raise ChorusError(_("This feed is there already."), code="source_exists", field="url")
    try:
        with transaction.atomic():
            source = InspirationSource.objects.create(
                added_by=added_by,
                url=url,
                name=(name.strip() or urlsplit(url).hostname or url)[:120],
            )
    except IntegrityError:  # added meanwhile by someone else
        raise ChorusError(
            _("This feed is there already."), code="source_exists", field="url"
        ) from None
    transaction.on_commit(lambda: inspiration_source_poll_task.enqueue(source.pk))
    return source


def inspiration_source_poll(*, source: InspirationSource) -> int:
    """Read the feed (conditional GET) and add its new entries; returns how many were new.

    Polling again adds nothing twice: entries are unique per source and guid.
    """
    from chorus.content.feeds import feed_parse
    from chorus.core.fetch import FetchError, fetch

    headers = {}
    if source.etag:
        headers["If-None-Match"] = source.etag
    if source.last_modified:
        headers["If-Modified-Since"] = source.last_modified
    now = timezone.now()
    try:
        response = fetch(
            source.url,
            headers=headers,
            accept="application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5",
            max_bytes=5 * 2**20,
        )
        if response.status == 304:
            InspirationSource.objects.filter(pk=source.pk).update(last_polled_at=now, last_error="")
            return 0
        parsed = feed_parse(response.content, url=response.url, content_type=response.content_type)
    except (FetchError, ChorusError) as error:
        InspirationSource.objects.filter(pk=source.pk).update(
            last_polled_at=now, last_error=error.message[:300]
        )
        return 0
    known = set(
        InspirationEntry.objects.filter(
            source=source, guid__in=[e.guid for e in parsed.entries]
        ).values_list("guid", flat=True)
    )
    fresh = {}
    for entry in parsed.entries:
        if entry.guid in known or entry.guid in fresh:
            continue
        fresh[entry.guid] = InspirationEntry(
            source=source,
            guid=entry.guid,
            url=entry.url if len(entry.url) <= 2000 else "",
            title=(entry.title or entry.url or "…")[:300],
            summary=entry.summary,
            image_url=entry.image_url if len(entry.image_url) <= 2000 else "",
            published_at=entry.published,
        )
    InspirationEntry.objects.bulk_create(fresh.values(), ignore_conflicts=True)
    InspirationSource.objects.filter(pk=source.pk).update(
        last_polled_at=now,
        last_error="",
        etag=response.headers.get("etag", "")[:300],
        last_modified=response.headers.get("last-modified", "")[:100],
    )
    return len(fresh)


@transaction.atomic
def inspiration_entry_to_item(*, entry: InspirationEntry, by: User) -> ContentItem:
    """One click: the entry becomes a draft link item (its preview is fetched as usual)."""
    entry = InspirationEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.item_id:
        return entry.item
    kind = ContentItem.Kind.LINK if entry.url else ContentItem.Kind.TEXT
    item = item_create(
        created_by=by,
        kind=kind,
        url=entry.url,
        title=entry.title,
        description=entry.summary[:1000],
        language=_default_language(),
    )
    entry.item = item
    entry.save(update_fields=["item", "updated_at"])
    return item


def inspiration_entry_dismiss(*, entry: InspirationEntry) -> None:
    InspirationEntry.objects.filter(pk=entry.pk).update(dismissed_at=timezone.now())


# New content for the followers of its topics ---------------------------------------------------

# Publishing follows from publish_at, so nothing happens at the moment an item goes live: the
# periodic job looks back this far. Items that went live earlier (before the job ran for the first
# time) are not announced: that would be old news.
NEW_CONTENT_LOOKBACK = timedelta(days=1)


def new_content_notify(*, now: datetime | None = None) -> int:
    """Tell the followers of an item's topics, who may see it, that it went live; returns how many
    items were announced. Each item is claimed once (`content:<id>` in notifications), so
    overlapping runs and several workers never announce it twice."""
    now = now or timezone.now()
    items = list(
        ContentItem.objects.live(now)
        .filter(publish_at__gt=now - NEW_CONTENT_LOOKBACK)
        .filter(Q(topics__isnull=False) | Q(featured=True))  # featured: for the chat channels
        .distinct()
        .prefetch_related("topics", "audience_departments", "audience_locations")
        .order_by("publish_at", "pk")
    )
    announced = 0
    for item in items:
        with transaction.atomic():  # the claim and the notices commit together
            if not notification_keys_claim(keys=[f"content:{item.pk}"]):
                continue
            notify_each(kind=Kind.NEW_CONTENT, notices=_new_content_notices(item))
            _featured_chat_post(item)
            announced += 1
    return announced


def _featured_chat_post(item: ContentItem) -> None:
    """Post a featured item to the chat channels the owners set up. Only items every advocate
    may share: the channel's link must open for whoever clicks it."""
    if not item.featured or not item.shareable:
        return
    if item.audience_departments.all() or item.audience_locations.all():
        return
    chat_post(
        event="featured",
        title=str(item),
        text=Truncator(" ".join((item.description or plain_text(item.note)).split())).chars(300),
        url=settings.CHORUS_BASE_URL + reverse("sharing:compose", args=[item.pk]),
        key=f"content:{item.pk}",
    )


def _new_content_notices(item: ContentItem) -> list[Notice]:
    """The followers of the item's topics in its audience and languages (as in their feed)."""
    followers = User.objects.filter(is_active=True, followed_topics__in=item.topics.all())
    departments = [department.pk for department in item.audience_departments.all()]
    locations = [location.pk for location in item.audience_locations.all()]
    if departments:
        followers = followers.filter(department_id__in=departments)
    if locations:
        followers = followers.filter(location_id__in=locations)
    topics = ", ".join(topic.name for topic in item.topics.all())
    url = reverse("content:item-detail", args=[item.pk])
    return [
        Notice(
            user_id=user_id,
            title=gettext_lazy("New to share: %(title)s"),
            body=gettext_lazy("In %(topics)s"),
            params={"title": Truncator(str(item)).chars(150), "topics": topics},
            url=url,
        )
        for user_id, languages in followers.distinct().values_list("pk", "preferred_languages")
        if not languages or item.language in languages
    ]
