"""/api/v1/content, /api/v1/topics, /api/v1/suggestions: the hub through the API."""

from datetime import datetime

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from chorus.content import selectors, services
from chorus.content.models import ContentItem, Topic
from chorus.core.errors import ChorusError, ForbiddenError

router = Router(tags=["content"])

PAGE_SIZE = 25


class SamplePostSchema(Schema):
    text: str
    network: str = ""
    language: str = "en"


class ItemOut(Schema):
    id: int
    kind: str
    category: str
    status: str
    title: str
    url: str
    note: str
    description: str
    site_name: str
    image_url: str | None
    language: str
    topics: list[str]
    publish_at: datetime | None
    expires_at: datetime | None
    featured: bool
    shareable: bool
    regulated: bool
    suggested_by: str | None
    sample_posts: list[SamplePostSchema]


class ItemPage(Schema):
    count: int
    page: int
    pages: int
    items: list[ItemOut]


class ItemIn(Schema):
    kind: str
    language: str
    url: str = ""
    title: str = ""
    category: str = ContentItem.Category.NEWS
    note: str = ""
    description: str = ""
    topic_ids: list[int] = []
    publish_at: datetime | None = None
    expires_at: datetime | None = None
    featured: bool = False
    shareable: bool = True
    regulated: bool = False
    sample_posts: list[SamplePostSchema] = []


class ItemPatch(Schema):
    kind: str | None = None
    language: str | None = None
    url: str | None = None
    title: str | None = None
    category: str | None = None
    note: str | None = None
    description: str | None = None
    topic_ids: list[int] | None = None
    publish_at: datetime | None = None
    expires_at: datetime | None = None
    featured: bool | None = None
    shareable: bool | None = None
    regulated: bool | None = None
    sample_posts: list[SamplePostSchema] | None = None


class TopicOut(Schema):
    id: int
    name: str


class SuggestionIn(Schema):
    url: str
    text: str


class SuggestionOut(Schema):
    id: int
    url: str
    text: str
    status: str


def _item_out(request, item: ContentItem) -> ItemOut:
    return ItemOut(
        id=item.pk,
        kind=item.kind,
        category=item.category,
        status=item.status,
        title=item.title,
        url=item.url,
        note=item.note,
        description=item.description,
        site_name=item.site_name,
        image_url=request.build_absolute_uri(item.image.url) if item.image else None,
        language=item.language,
        topics=[topic.name for topic in item.topics.all()],
        publish_at=item.publish_at,
        expires_at=item.expires_at,
        featured=item.featured,
        shareable=item.shareable,
        regulated=item.regulated,
        suggested_by=item.suggested_by.name if item.suggested_by else None,
        sample_posts=[
            SamplePostSchema(text=p.text, network=p.network, language=p.language)
            for p in item.sample_posts.all()
        ],
    )


def _topics(ids: list[int]) -> list[Topic]:
    topics = list(Topic.objects.filter(pk__in=ids))
    if len(topics) != len(set(ids)):
        raise ChorusError("Unknown topic id.", code="topic_invalid")
    return topics


def _require_curator(user) -> None:
    if not user.is_curator:
        raise ForbiddenError("Only curators and owners may do this.", code="forbidden")


@router.get("/content", response=ItemPage, summary="Your feed: published items for you")
def content_list(request, q: str = "", topic: int | None = None, kind: str = "", page: int = 1):
    topic_obj = get_object_or_404(Topic, pk=topic) if topic else None
    items = selectors.feed_for_advocate(user=request.auth, query=q, topic=topic_obj, kind=kind)
    paginator = Paginator(items.prefetch_related("sample_posts"), PAGE_SIZE)
    current = paginator.get_page(page)
    return ItemPage(
        count=paginator.count,
        page=current.number,
        pages=paginator.num_pages,
        items=[_item_out(request, item) for item in current],
    )


@router.get("/content/{item_id}", response=ItemOut, summary="One item")
def content_get(request, item_id: int):
    return _item_out(request, selectors.item_get_for_user(user=request.auth, pk=item_id))


@router.post("/content", response={201: ItemOut}, summary="Create an item (curators)")
def content_create(request, data: ItemIn):
    _require_curator(request.auth)
    fields = data.dict(exclude={"topic_ids", "sample_posts"})
    item = services.item_create(
        created_by=request.auth,
        topics=_topics(data.topic_ids),
        sample_posts=[services.SampleText(**p.dict()) for p in data.sample_posts],
        **fields,
    )
    return Status(
        201, _item_out(request, selectors.item_get_for_user(user=request.auth, pk=item.pk))
    )


@router.patch("/content/{item_id}", response=ItemOut, summary="Change an item (curators)")
def content_update(request, item_id: int, data: ItemPatch):
    _require_curator(request.auth)
    item = selectors.item_get_for_user(user=request.auth, pk=item_id)
    fields = data.dict(exclude_unset=True, exclude={"topic_ids", "sample_posts"})
    services.item_update(
        item=item,
        topics=_topics(data.topic_ids) if data.topic_ids is not None else None,
        sample_posts=[services.SampleText(**p.dict()) for p in data.sample_posts]
        if data.sample_posts is not None
        else None,
        **fields,
    )
    return _item_out(request, selectors.item_get_for_user(user=request.auth, pk=item_id))


@router.get("/topics", response=list[TopicOut], summary="All topics")
def topics_list(request):
    return [TopicOut(id=t.pk, name=t.name) for t in selectors.topics_all()]


@router.post("/suggestions", response={201: SuggestionOut}, summary="Suggest a link")
def suggestion_create(request, data: SuggestionIn):
    suggestion = services.suggestion_create(suggested_by=request.auth, url=data.url, text=data.text)
    return Status(
        201,
        SuggestionOut(
            id=suggestion.pk, url=suggestion.url, text=suggestion.text, status=suggestion.status
        ),
    )
