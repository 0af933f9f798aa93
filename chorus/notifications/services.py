"""Writes of notifications: announcements, and personal notices in the app and by e-mail."""

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Value, When
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from chorus.accounts.models import User
from chorus.accounts.selectors import advocates_in
from chorus.core.errors import ChorusError, ForbiddenError
from chorus.core.fetch import FetchError, check_url, post_json
from chorus.core.markdown import plain_text
from chorus.core.tasks import MAX_ATTEMPTS
from chorus.notifications.choices import Channel, DigestFrequency, Kind
from chorus.notifications.models import (
    BODY_MAX,
    CHAT_ERROR_MAX,
    CHAT_TITLE_MAX,
    NOTICE_BODY_MAX,
    NOTICE_TITLE_MAX,
    TITLE_MAX,
    WEBHOOK_URL_MAX,
    Announcement,
    ChatDelivery,
    ChatWebhook,
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
    readers = advocates_in(
        departments=announcement.departments.all(), locations=announcement.locations.all()
    )
    text = Truncator(plain_text(body)).chars(300)
    notify_each(
        kind=Kind.ANNOUNCEMENT,
        notices=[
            Notice(user_id=pk, title=title, body=text, url=reverse("home:index"))
            for pk in readers.values_list("pk", flat=True)
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
    *,
    user: User,
    choices: Mapping[tuple[str, str], bool],
    all_off: bool,
    digest: str | None = None,
) -> NotificationSettings:
    """Save a person's choices per (kind, channel), their switch for everything and, when
    given, how often they get the digest."""
    for kind, channel in choices:
        if kind not in Kind.values or channel not in Channel.values:
            raise ChorusError(_("Unknown notification choice."), code="choice_unknown")
    if digest is not None and digest not in DigestFrequency.values:
        raise ChorusError(_("Unknown notification choice."), code="choice_unknown", field="digest")
    NotificationPreference.objects.bulk_create(
        [
            NotificationPreference(user=user, kind=kind, channel=channel, enabled=bool(enabled))
            for (kind, channel), enabled in choices.items()
        ],
        update_conflicts=True,
        unique_fields=["user", "kind", "channel"],
        update_fields=["enabled", "updated_at"],
    )
    defaults: dict[str, Any] = {"all_off": all_off}
    if digest is not None:
        defaults["digest"] = digest
    settings, _created = NotificationSettings.objects.update_or_create(user=user, defaults=defaults)
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
    """One click from an e-mail: no more e-mails of that kind for that person (for the
    digest: its frequency turns to off)."""
    user, kind = unsubscribe_token_read(token=token)
    if kind == Kind.DIGEST:
        NotificationSettings.objects.update_or_create(
            user=user, defaults={"digest": DigestFrequency.OFF}
        )
        return user, kind
    NotificationPreference.objects.update_or_create(
        user=user, kind=kind, channel=Channel.EMAIL, defaults={"enabled": False}
    )
    return user, kind


# Chat webhooks (Slack, Microsoft Teams) --------------------------------------------------------

CHAT_TEXT_MAX = 1000
CHAT_TIMEOUT = 10.0  # seconds for one post: Slack and Teams answer in well under one


def _slack_escape(text: str) -> str:
    """Slack reads &, < and > as markup (links, mentions): escape them as its docs ask."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def chat_payload(*, service: str, title: str, text: str, url: str) -> dict[str, Any]:
    """The message a Slack or Teams incoming webhook expects, worded in the program's language."""
    title = " ".join(str(title).split())[:CHAT_TITLE_MAX]
    text = Truncator(str(text).strip()).chars(CHAT_TEXT_MAX)
    with translation.override(program_settings_get().default_language):
        share = _("Share it")
    if service == ChatWebhook.Service.TEAMS:
        body: list[dict[str, Any]] = [
            {"type": "TextBlock", "text": title, "weight": "Bolder", "size": "Medium", "wrap": True}
        ]
        if text:
            body.append({"type": "TextBlock", "text": text, "wrap": True})
        return {
            "type": "message",
            "attachments": [
                {
                    "contentType": "application/vnd.microsoft.card.adaptive",
                    "contentUrl": None,
                    "content": {
                        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                        "type": "AdaptiveCard",
                        "version": "1.4",
                        "body": body,
                        "actions": [{"type": "Action.OpenUrl", "title": share, "url": url}],
                    },
                }
            ],
        }
    heading = f"*{_slack_escape(title)}*"
    mrkdwn = f"{heading}\n{_slack_escape(text)}" if text else heading
    return {
        "text": f"{_slack_escape(title)} {url}",  # the notification's text and the fallback
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text": mrkdwn}},
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "text": {"type": "plain_text", "text": share},
                        "url": url,
                        "style": "primary",
                    }
                ],
            },
        ],
    }


def chat_post(*, event: str, title: str, text: str, url: str, key: str) -> int:
    """Post one message to every active webhook that listens to `event` ("featured" or
    "campaign"), once per (webhook, key); returns how many deliveries were queued."""
    if event not in ChatWebhook.Event.values:
        raise ChorusError(f"unknown chat event {event!r}", code="event_unknown")
    listens = {ChatWebhook.Event.FEATURED: "on_featured", ChatWebhook.Event.CAMPAIGN: "on_campaign"}
    webhooks = ChatWebhook.objects.filter(is_active=True, **{listens[event]: True})
    return len(
        _chat_queue(webhooks=webhooks, event=event, title=title, text=text, url=url, key=key)
    )


@transaction.atomic
def _chat_queue(*, webhooks, event: str, title: str, text: str, url: str, key: str) -> list[int]:
    """One delivery per webhook that has none for this key yet, each sent by a task after
    commit. A concurrent call with the same key loses on the unique index and skips it."""
    from chorus.notifications.tasks import chat_delivery_task  # tasks import services

    ids = []
    for webhook in webhooks:
        if ChatDelivery.objects.filter(webhook=webhook, key=key).exists():
            continue
        try:
            with transaction.atomic():  # a savepoint: a lost race leaves the rest intact
                delivery = ChatDelivery.objects.create(
                    webhook=webhook,
                    key=key,
                    event=event,
                    title=" ".join(str(title).split())[:CHAT_TITLE_MAX],
                    payload=chat_payload(service=webhook.service, title=title, text=text, url=url),
                )
        except IntegrityError:
            continue
        ids.append(delivery.pk)
    if ids:
        transaction.on_commit(lambda: [chat_delivery_task.enqueue(pk) for pk in ids])
    return ids


def chat_delivery_send(*, delivery_id: int, attempt: int) -> ChatDelivery | None:
    """Make attempt number `attempt` of one delivery; returns it, or None when there is nothing
    to do (sent already, given up, or this attempt claimed by another worker). A failure is
    recorded on the delivery and its webhook, then raised as FetchError for the task to retry."""
    # The conditional update claims this attempt once: a sent delivery is never sent again,
    # and two workers given the same attempt do not both post.
    claimed = ChatDelivery.objects.filter(
        pk=delivery_id, state=ChatDelivery.State.PENDING, attempts=attempt - 1
    ).update(attempts=attempt, next_attempt_at=None, updated_at=timezone.now())
    if not claimed:
        return None
    delivery = ChatDelivery.objects.select_related("webhook").get(pk=delivery_id)
    webhook = delivery.webhook
    if not webhook.is_active:  # paused since: the message is dropped, not kept for later
        ChatDelivery.objects.filter(pk=delivery.pk).update(
            state=ChatDelivery.State.FAILED, last_error=_("The webhook is paused.")[:CHAT_ERROR_MAX]
        )
        return None
    try:
        with translation.override(program_settings_get().default_language):
            answer = post_json(webhook.url, payload=delivery.payload, timeout=CHAT_TIMEOUT)
    except FetchError as error:
        _chat_failed(delivery=delivery, attempt=attempt, error=error)
        raise
    now = timezone.now()
    ChatDelivery.objects.filter(pk=delivery.pk).update(
        state=ChatDelivery.State.SENT,
        sent_at=now,
        status_code=answer.status,
        last_error="",
        updated_at=now,
    )
    ChatWebhook.objects.filter(pk=webhook.pk).update(
        last_success_at=now,
        consecutive_failures=0,
        failing_since=None,
        last_error="",
        updated_at=now,
    )
    delivery.refresh_from_db()
    return delivery


def _chat_failed(*, delivery: ChatDelivery, attempt: int, error: FetchError) -> None:
    """Record a failed attempt: the delivery waits for the next one (after the same back-off
    as chorus.core.tasks.retry_later) or, after the last, has failed; the webhook is failing."""
    now = timezone.now()
    final = attempt >= MAX_ATTEMPTS
    # Without its full stop: the page shows it inside a sentence.
    message = Truncator(str(error.message)).chars(CHAT_ERROR_MAX).rstrip(".")
    ChatDelivery.objects.filter(pk=delivery.pk).update(
        state=ChatDelivery.State.FAILED if final else ChatDelivery.State.PENDING,
        next_attempt_at=None if final else now + timedelta(minutes=2**attempt),
        status_code=error.upstream_status,
        last_error=message,
        updated_at=now,
    )
    ChatWebhook.objects.filter(pk=delivery.webhook_id).update(
        last_failure_at=now,
        last_error=message,
        consecutive_failures=F("consecutive_failures") + 1,
        failing_since=Case(
            When(failing_since__isnull=True, then=Value(now)), default=F("failing_since")
        ),
        updated_at=now,
    )


def chat_webhook_save(
    *,
    by,
    webhook: ChatWebhook | None = None,
    name: str,
    service: str,
    url: str,
    on_featured: bool,
    on_campaign: bool,
) -> ChatWebhook:
    """Add a webhook, or change one. Only owners; only https:// addresses on the public
    internet (as the fetcher would allow)."""
    _owner_only(by)
    name, url = (name or "").strip(), (url or "").strip()
    if not name:
        raise ChorusError(_("Give the webhook a name."), code="name_missing", field="name")
    if service not in ChatWebhook.Service.values:
        raise ChorusError(_("Choose Slack or Microsoft Teams."), code="service", field="service")
    if not url.lower().startswith("https://"):
        raise ChorusError(
            _("The webhook address must start with https://."), code="url_scheme", field="url"
        )
    if len(url) > WEBHOOK_URL_MAX:
        raise ChorusError(_("The webhook address is too long."), code="url_long", field="url")
    try:
        check_url(url)
    except FetchError as error:
        raise ChorusError(error.message, code=error.code, field="url") from None
    if not (on_featured or on_campaign):
        raise ChorusError(
            _("Choose at least one thing to post."), code="events_missing", field="on_featured"
        )
    webhook = webhook or ChatWebhook(created_by=by)
    if url != webhook.url:  # a new address starts with a clean record
        webhook.consecutive_failures, webhook.failing_since, webhook.last_error = 0, None, ""
    webhook.name, webhook.service, webhook.url = name[:100], service, url
    webhook.on_featured, webhook.on_campaign = on_featured, on_campaign
    webhook.save()
    return webhook


def chat_webhook_pause(*, by, webhook: ChatWebhook, active: bool) -> ChatWebhook:
    """Pause a webhook (nothing is posted to it) or turn it back on."""
    _owner_only(by)
    webhook.is_active = active
    webhook.save(update_fields=["is_active", "updated_at"])
    return webhook


def chat_webhook_delete(*, by, webhook: ChatWebhook) -> None:
    _owner_only(by)
    webhook.delete()


def chat_webhook_test(*, by, webhook: ChatWebhook) -> ChatDelivery:
    """Queue a test message to one webhook; the page does not wait for it to go out."""
    _owner_only(by)
    if not webhook.is_active:
        raise ChorusError(_("Turn the webhook on before testing it."), code="webhook_paused")
    with translation.override(program_settings_get().default_language):
        title = _("Chorus is connected")
        text = _("New featured content and campaign starts will be posted to this channel.")
    key = f"test:{uuid.uuid4()}"
    ids = _chat_queue(
        webhooks=[webhook],
        event="test",
        title=title,
        text=text,
        url=settings.CHORUS_BASE_URL + reverse("home:index"),
        key=key,
    )
    return ChatDelivery.objects.get(pk=ids[0])


def _owner_only(by) -> None:
    if not getattr(by, "is_owner", False):
        raise ForbiddenError(_("Only the program's owners manage chat webhooks."), code="forbidden")
