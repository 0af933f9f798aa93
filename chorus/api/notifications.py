"""/api/v1/notifications: your notifications, and marking them read."""

import datetime as dt

from django.core.paginator import Paginator
from ninja import Router, Schema

from chorus.notifications.selectors import notifications_of, notifications_unread_count
from chorus.notifications.services import notifications_mark_read

router = Router(tags=["notifications"])

PAGE_SIZE = 50


class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    url: str
    created_at: dt.datetime
    read_at: dt.datetime | None


class NotificationPage(Schema):
    count: int
    unread: int
    page: int
    pages: int
    items: list[NotificationOut]


class ReadIn(Schema):
    ids: list[int] | None = None  # none: all of them


class ReadOut(Schema):
    marked: int


@router.get("/notifications", response=NotificationPage, summary="Your notifications, newest first")
def notification_list(request, unread: bool = False, page: int = 1):
    paginator = Paginator(notifications_of(user=request.auth, unread=unread), PAGE_SIZE)
    current = paginator.get_page(page)
    return NotificationPage(
        count=paginator.count,
        unread=notifications_unread_count(user=request.auth),
        page=current.number,
        pages=paginator.num_pages,
        items=[NotificationOut.from_orm(n) for n in current],
    )


@router.post("/notifications/read", response=ReadOut, summary="Mark notifications read")
def notification_read(request, data: ReadIn | None = None):
    ids = data.ids if data else None
    return ReadOut(marked=notifications_mark_read(user=request.auth, ids=ids))
