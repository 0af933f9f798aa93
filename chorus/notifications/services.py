"""Writes of notifications: announcements (e-mail, groups and in-app notices come later)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chorus.core.errors import ChorusError, ForbiddenError
from chorus.notifications.models import BODY_MAX, TITLE_MAX, Announcement


@transaction.atomic
def announcement_create(*, by, title: str, body: str) -> Announcement:
    """Publish a message to every advocate at once; only owners speak for the program."""
    if not getattr(by, "is_owner", False):
        raise ForbiddenError(_("Only the program's owners write announcements."), code="forbidden")
    title, body = (title or "").strip(), (body or "").strip()
    if not title:
        raise ChorusError(_("Give the announcement a title."), code="title_missing", field="title")
    if len(title) > TITLE_MAX:
        raise ChorusError(_("The title is too long."), code="title_too_long", field="title")
    if not body:
        raise ChorusError(_("Write the message."), code="body_missing", field="body")
    if len(body) > BODY_MAX:
        raise ChorusError(_("The message is too long."), code="body_too_long", field="body")
    return Announcement.objects.create(
        title=title, body=body, created_by=by, published_at=timezone.now()
    )
