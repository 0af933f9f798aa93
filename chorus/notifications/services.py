"""Writes of notifications: announcements, and personal notices in the app and by e-mail."""

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from chorus.accounts.models import User
from chorus.core.errors import ChorusError, ForbiddenError
from chorus.core.markdown import plain_text
from chorus.notifications.choices import Channel, Kind
from chorus.notifications.models import (
    BODY_MAX,
    NOTICE_BODY_MAX,
    NOTICE_TITLE_MAX,
    TITLE_MAX,
    Announcement,
    Notification,
    NotificationClaim,
    NotificationPreference,
    NotificationSettings,
)
from chorus.notifications.selectors import notification_channels_for
from chorus.program.selectors import program_settings_get


@transaction.atomic
def announcement_create(
    *, by, title: str, body: str, departments: Iterable = (), locations: Iterable = ()
) -> Announcement:
    """Publish a message to every advocate, or to those in some departments or locations, at
    once: on their home page and as a notice (in the app and by e-mail, as each chose). Only
    owners speak for the program."""
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
    announcement = Announcement.objects.create(
        title=title, body=body, created_by=by, published_at=timezone.now()
    )
    announcement.departments.set(departments)
    announcement.locations.set(locations)
    readers = User.objects.filter(
        is_active=True, memberships__left_at__isnull=True, memberships__isnull=False
    )
    if announcement.departments.exists():
        readers = readers.filter(department__in=announcement.departments.all())
    if announcement.locations.exists():
        readers = readers.filter(location__in=announcement.locations.all())
    text = Truncator(plain_text(body)).chars(300)
    notify_each(
        kind=Kind.ANNOUNCEMENT,
        notices=[
            Notice(user_id=pk, title=title, body=text, url=reverse("home:index"))
            for pk in readers.distinct().values_list("pk", flat=True)
        ],
    )
    return announcement


# Personal notifications ------------------------------------------------------------------------

UNSUBSCRIBE_SALT = "chorus.notifications.unsubscribe"


@dataclass(frozen=True)
class Notice:
    """One notice for one person. Title and body may be lazy translations with %(name)s
    placeholders filled from params: they are rendered in the recipient's language."""

    user_id: int
    title: Any
    body: Any = ""
    url: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)
    key: str = ""  # once-only key: a notice whose key was claimed before is not sent again


def notification_language(user: User) -> str:
    """The language a person reads their notices in: theirs, else the program's."""
    return user.language or program_settings_get().default_language


def _render(text: Any, params: Mapping[str, Any]) -> str:
    text = str(text)
    if params and "%(" in text:
        text = text % {name: str(value) for name, value in params.items()}
    return text


def notification_keys_claim(*, keys: Iterable[str]) -> set[str]:
    """Claim once-only keys; returns those this call claimed first. A concurrent claim of the same
    key waits on the unique index and then loses, so each key is claimed by one run only."""
    keys = set(keys)
    if not keys:
        return set()
    run = uuid.uuid4()
    NotificationClaim.objects.bulk_create(
        [NotificationClaim(key=key, run=run) for key in keys], batch_size=500, ignore_conflicts=True
    )
    return set(NotificationClaim.objects.filter(run=run).values_list("key", flat=True))


@transaction.atomic
def notify_each(*, kind: str, notices: Iterable[Notice]) -> list[Notification]:
    """Deliver notices of one kind as each person chose: an in-app row, an e-mail sent after
    commit, both or neither. A few queries whatever the number of people."""
    from chorus.notifications.tasks import notification_email_task  # tasks import services

    if kind not in Kind.values:
        raise ChorusError(f"unknown notification kind {kind!r}", code="kind_unknown")
    notices = list(notices)
    keyed = [notice.key for notice in notices if notice.key]
    if keyed:
        won = notification_keys_claim(keys=keyed)
        notices = [notice for notice in notices if not notice.key or notice.key in won]
    channels = notification_channels_for(user_ids={n.user_id for n in notices}, kind=kind)
    notices = [notice for notice in notices if channels.get(notice.user_id)]
    users = User.objects.filter(pk__in={n.user_id for n in notices}, is_active=True).only(
        "pk", "language", "email"
    )
    users_by_id = {user.pk: user for user in users}
    rows, emails = [], []
    for notice in notices:
        user = users_by_id.get(notice.user_id)
        if user is None:
            continue
        with translation.override(notification_language(user)):
            title = _render(notice.title, notice.params)[:NOTICE_TITLE_MAX]
            body = _render(notice.body, notice.params)[:NOTICE_BODY_MAX]
        if Channel.IN_APP in channels[user.pk]:
            rows.append(Notification(user=user, kind=kind, title=title, body=body, url=notice.url))
        if Channel.EMAIL in channels[user.pk] and user.email:
            emails.append((user.pk, kind, title, body, notice.url))
    created = Notification.objects.bulk_create(rows, batch_size=500)
    if emails:
        transaction.on_commit(lambda: [notification_email_task.enqueue(*email) for email in emails])
    return created


def notify(
    *,
    user: User,
    kind: str,
    title: Any,
    body: Any = "",
    url: str = "",
    params: Mapping[str, Any] | None = None,
) -> Notification | None:
    """Tell one person something, as they chose; returns the in-app row if there is one."""
    notice = Notice(user_id=user.pk, title=title, body=body, url=url, params=params or {})
    created = notify_each(kind=kind, notices=[notice])
    return created[0] if created else None


def notifications_mark_read(*, user: User, ids: Iterable[int] | None = None) -> int:
    """Mark some of a person's notifications read (all of them without ids); returns how many."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        # Ids beyond a database integer can't be anyone's notification (and would overflow).
        unread = unread.filter(pk__in=[pk for pk in ids if 0 < pk < 2**63])
    return unread.update(read_at=timezone.now())


@transaction.atomic
def notification_preferences_set(
    *, user: User, choices: Mapping[tuple[str, str], bool], all_off: bool
) -> NotificationSettings:
    """Save a person's choices per (kind, channel) and their switch for everything."""
    for kind, channel in choices:
        if kind not in Kind.values or channel not in Channel.values:
            raise ChorusError(_("Unknown notification choice."), code="choice_unknown")
    NotificationPreference.objects.bulk_create(
        [
            NotificationPreference(user=user, kind=kind, channel=channel, enabled=bool(enabled))
            for (kind, channel), enabled in choices.items()
        ],
        update_conflicts=True,
        unique_fields=["user", "kind", "channel"],
        update_fields=["enabled", "updated_at"],
    )
    settings, _created = NotificationSettings.objects.update_or_create(
        user=user, defaults={"all_off": all_off}
    )
    return settings


def unsubscribe_token(*, user_id: int, kind: str) -> str:
    """The secret in an e-mail's one-click unsubscribe link: signed, with no expiry, because old
    e-mails must keep working."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object([user_id, kind])


def unsubscribe_token_read(*, token: str) -> tuple[User, str]:
    """The person and kind a token stands for; ChorusError when it was not made by us."""
    try:
        user_id, kind = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
    except (signing.BadSignature, TypeError, ValueError):
        raise ChorusError(_("This unsubscribe link is not valid."), code="bad_token") from None
    user = User.objects.filter(pk=user_id).first()
    if user is None or kind not in Kind.values:
        raise ChorusError(_("This unsubscribe link is not valid."), code="bad_token")
    return user, kind


@transaction.atomic
def notification_unsubscribe(*, token: str) -> tuple[User, str]:
    """One click from an e-mail: no more e-mails of that kind for that person."""
    user, kind = unsubscribe_token_read(token=token)
    NotificationPreference.objects.update_or_create(
        user=user, kind=kind, channel=Channel.EMAIL, defaults={"enabled": False}
    )
    return user, kind
