"""/api/v1/content/{id}/shares, /api/v1/shares: share through the API, see your shares' counts."""

from datetime import datetime

from django.core.paginator import Paginator
from ninja import Router, Schema, Status

from chorus.content.selectors import item_get_for_user
from chorus.sharing import selectors, services
from chorus.sharing.models import Share
from chorus.tracking.services import tracked_url

router = Router(tags=["sharing"])

PAGE_SIZE = 50


class ShareIn(Schema):
    network: str
    text: str
    sample_post_id: int | None = None


class OwnPostIn(Schema):
    network: str
    text: str


class ShareOut(Schema):
    id: int
    item_id: int | None
    network: str
    text: str
    tracked_url: str | None
    intent_url: str | None
    created_at: datetime
    posted: str
    clicks: int
    previews: int


class SharePage(Schema):
    count: int
    page: int
    pages: int
    items: list[ShareOut]


class PostedIn(Schema):
    posted: str  # "yes", "no" or "unknown"


def _out(share: Share) -> ShareOut:
    """`share` comes from selectors.shares_of (it carries its clicks and previews)."""
    return ShareOut(
        id=share.pk,
        item_id=share.item_id,
        network=share.network,
        text=share.text,
        tracked_url=tracked_url(share.link) if share.link_id else None,
        intent_url=services.share_intent_url(share) or None,
        created_at=share.created_at,
        posted=share.posted,
        clicks=share.clicks,
        previews=share.previews,
    )


@router.post(
    "/content/{item_id}/shares",
    response={201: ShareOut},
    summary="Share an item: the final text, the tracked link and the network's share URL",
)
def share_create(request, item_id: int, payload: ShareIn):
    item = item_get_for_user(user=request.auth, pk=item_id)
    sample = None
    if payload.sample_post_id is not None:
        sample = item.sample_posts.filter(pk=payload.sample_post_id).first()
    share = services.share_create(
        advocate=request.auth,
        item=item,
        network=payload.network,
        text=payload.text,
        sample_post=sample,
    )
    return Status(201, _out(selectors.share_get_for_user(user=request.auth, pk=share.pk)))


@router.post("/shares", response={201: ShareOut}, summary="Share a post of your own")
def own_post_create(request, payload: OwnPostIn):
    share = services.own_post_create(
        advocate=request.auth, network=payload.network, text=payload.text
    )
    return Status(201, _out(selectors.share_get_for_user(user=request.auth, pk=share.pk)))


@router.get("/shares", response=SharePage, summary="My shares, newest first, with their counts")
def shares_list(request, page: int = 1):
    paginator = Paginator(selectors.shares_of(user=request.auth), PAGE_SIZE)
    current = paginator.get_page(page)
    items = [_out(share) for share in current.object_list]
    return SharePage(
        count=paginator.count, page=current.number, pages=paginator.num_pages, items=items
    )


@router.get("/shares/{share_id}", response=ShareOut, summary="One of my shares")
def share_get(request, share_id: int):
    return _out(selectors.share_get_for_user(user=request.auth, pk=share_id))


@router.patch("/shares/{share_id}", response=ShareOut, summary="Say whether a share was posted")
def share_posted(request, share_id: int, payload: PostedIn):
    share = selectors.share_get_for_user(user=request.auth, pk=share_id)
    services.share_mark_posted(share=share, user=request.auth, posted=payload.posted)
    return _out(share)  # the counts did not change
