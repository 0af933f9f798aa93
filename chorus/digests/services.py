"""Writes of the digest: the owners' settings, and sending each person's digest exactly once.

Exactly once, per person and period:
1. A DigestSend row with a unique (user, period) is created (or found).
2. A sender claims it: `UPDATE … SET state=sending, token=<new> WHERE state IN (pending,
   sending)`. Nothing updated: someone finished it. Taking over a `sending` row is safe: that
   sender's commit (3) will fail.
3. The message goes out through chorus.core.mail.send_once, whose commit point, just before the
   SMTP server can accept the message, is `UPDATE … SET state=sent WHERE token=<mine>`; only
   when that updated the row is the message completed. A message the server accepted is always
   already marked sent; a sender killed before that leaves it `sending`, undelivered, and the
   next run sends it. The one gap (killed right after the commit) loses a digest, never doubles
   one.
"""

import logging
import secrets
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from chorus.accounts.models import User
from chorus.content.models import ContentItem
from chorus.core.errors import ChorusError, ForbiddenError
from chorus.core.mail import Mailer, MailError, NotificationEmail
from chorus.core.markdown import markdown_render, plain_text
from chorus.digests.models import ERROR_MAX, INTRO_MAX, DigestSend, DigestSettings
from chorus.digests.selectors import (
    Due,
    Period,
    digest_intro_for,
    digest_items_for,
    digest_items_latest,
    digest_period,
    digest_settings_get,
    digest_since,
    digests_due,
    last_sent_at,
    person_zone,
)
from chorus.notifications.choices import DigestFrequency, Kind
from chorus.notifications.selectors import notification_digest_of
from chorus.notifications.services import notification_language, unsubscribe_token
from chorus.program.selectors import program_settings_get

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
SUMMARY_MAX = 220
# Connection failures in a row after which a run stops: the mail server is down, and every
# further person would only wait for a timeout. The next run tries again.
CONNECTION_FAILURES_MAX = 3


# The owners' settings ----------------------------------------------------------------------------


def digest_settings_update(*, by, intro: dict, weekday: int, hour: int) -> DigestSettings:
    """Save the introduction (Markdown, per language) and when the digest goes out."""
    if not getattr(by, "is_owner", False):
        raise ForbiddenError(_("Only the program's owners set up the digest."), code="forbidden")
    codes = {code for code, _label in settings.LANGUAGES}
    clean = {}
    for code, text in intro.items():
        if code not in codes:
            raise ChorusError(_("Unknown language “%(code)s”.") % {"code": code}, code="language")
        text = (text or "").replace("\r\n", "\n").strip()
        if len(text) > INTRO_MAX:
            raise ChorusError(
                _("The introduction is too long."), code="intro_too_long", field=f"intro_{code}"
            )
        if text:
            clean[code] = text
    if weekday not in range(7):
        raise ChorusError(_("Choose a day of the week."), code="weekday", field="weekday")
    if hour not in range(24):
        raise ChorusError(_("Choose an hour from 0 to 23."), code="hour", field="hour")
    config = digest_settings_get()
    config.intro, config.weekday, config.hour = clean, weekday, hour
    config.save()
    return config


# Building a digest -------------------------------------------------------------------------------


def _absolute(url: str) -> str:
    return settings.CHORUS_BASE_URL + url if url.startswith("/") else url


def _image_url(item: ContentItem) -> str:
    """The item's preview image, or the first of its images, as an absolute URL ("" if none)."""
    try:
        if item.image:
            return _absolute(item.image.url)
        images = list(item.images.all())
        if images:
            first = images[0]
            return _absolute((first.thumbnail or first.image).url)
    except ValueError:  # a file field without a file
        return ""
    return ""


def _summary(item: ContentItem) -> str:
    text = plain_text(item.note) or item.description
    return Truncator(" ".join(text.split())).chars(SUMMARY_MAX)


@dataclass(frozen=True)
class DigestEntry:
    """One item as the digest shows it."""

    title: str
    summary: str
    image_url: str
    share_url: str
    featured: bool
    topics: list[str]


def _entry(item: ContentItem) -> DigestEntry:
    return DigestEntry(
        title=item.title or item.site_name or item.url or _("Something to share"),
        summary=_summary(item),
        image_url=_image_url(item),
        # The composer: one tap from the mail to a ready-to-share post (after signing in).
        share_url=_absolute(reverse("sharing:compose", args=[item.pk])),
        featured=item.featured,
        topics=[topic.name for topic in item.topics.all()],
    )


def digest_subject(*, frequency: str, count: int, program: str) -> str:
    if frequency == DigestFrequency.DAILY:
        text = ngettext(
            "Your day at %(program)s: %(count)s new post to share",
            "Your day at %(program)s: %(count)s new posts to share",
            count,
        )
    else:
        text = ngettext(
            "Your week at %(program)s: %(count)s new post to share",
            "Your week at %(program)s: %(count)s new posts to share",
            count,
        )
    return " ".join((text % {"program": program, "count": count}).split())


def digest_email(
    *,
    user: User,
    items: list[ContentItem],
    frequency: str,
    language: str | None = None,
    config: DigestSettings | None = None,
) -> NotificationEmail:
    """The digest e-mail for one person: HTML and text parts in their language, with the
    one-click unsubscribe headers (RFC 8058)."""
    config = config or digest_settings_get()
    language = language or notification_language(user)
    program = program_settings_get().name
    token = unsubscribe_token(user_id=user.pk, kind=Kind.DIGEST)
    unsubscribe = _absolute(reverse("notifications:unsubscribe", args=[token]))
    with translation.override(language):
        intro = digest_intro_for(config=config, language=language)
        context = {
            "user": user,
            "program_name": program,
            "daily": frequency == DigestFrequency.DAILY,
            "entries": [_entry(item) for item in items],
            "intro_html": markdown_render(intro),
            "intro_text": plain_text(intro),
            "feed_url": _absolute(reverse("content:feed")),
            "settings_url": _absolute(reverse("notifications:settings")),
            "unsubscribe_url": unsubscribe,
        }
        context["subject"] = digest_subject(frequency=frequency, count=len(items), program=program)
        text = render_to_string("digests/email/digest.txt", context)
        html = render_to_string("digests/email/digest.html", context)
    message = NotificationEmail(
        context["subject"],
        text,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


@dataclass(frozen=True)
class DigestPreview:
    message: NotificationEmail
    html: str
    text: str
    count: int
    period: Period
    latest_instead: bool  # nothing new: the preview shows the latest items instead


def digest_preview(
    *, user: User, language: str | None = None, now: datetime | None = None
) -> DigestPreview:
    """The digest `user` would get now, built as it would be sent (nothing is sent or
    recorded). With nothing new, the latest items stand in, so owners still see the look."""
    now = now or timezone.now()
    config = digest_settings_get()
    frequency = notification_digest_of(user=user)
    if frequency == DigestFrequency.OFF:
        frequency = DigestFrequency.WEEKLY
    period = digest_period(
        frequency=frequency,
        now=now,
        zone=person_zone(user),
        weekday=config.weekday,
        hour=config.hour,
    )
    last_sent = last_sent_at(user_ids=[user.pk]).get(user.pk)
    since = digest_since(period=period, now=now, last_sent=last_sent)
    items = digest_items_for(user=user, since=since, now=now)
    latest_instead = not items
    if latest_instead:
        items = digest_items_latest(user=user)
    message = digest_email(
        user=user, items=items, frequency=frequency, language=language, config=config
    )
    return DigestPreview(
        message=message,
        html=message.alternatives[0].content,
        text=message.body,
        count=len(items),
        period=period,
        latest_instead=latest_instead,
    )


# Sending, exactly once ---------------------------------------------------------------------------


def _claim(*, row: DigestSend, now: datetime) -> uuid.UUID | None:
    """Take this digest over for sending; None when it is finished or out of attempts."""
    token = uuid.uuid4()
    claimed = DigestSend.objects.filter(
        pk=row.pk,
        state__in=[DigestSend.State.PENDING, DigestSend.State.SENDING],
        attempts__lt=MAX_ATTEMPTS,
    ).update(
        state=DigestSend.State.SENDING, token=token, attempts=F("attempts") + 1, updated_at=now
    )
    if claimed:
        return token
    # Out of attempts (each one a crash or a refusal): give up on this period.
    DigestSend.objects.filter(
        pk=row.pk,
        state__in=[DigestSend.State.PENDING, DigestSend.State.SENDING],
        attempts__gte=MAX_ATTEMPTS,
    ).update(
        state=DigestSend.State.FAILED,
        error=(row.error or _("Gave up after %(count)s attempts.") % {"count": MAX_ATTEMPTS})[
            :ERROR_MAX
        ],
        updated_at=now,
    )
    return None


def _mine(row: DigestSend, token: uuid.UUID, *states: str):
    return DigestSend.objects.filter(pk=row.pk, token=token, state__in=states)


def digest_send(*, due: Due, now: datetime, mailer: Mailer, config: DigestSettings) -> str:
    """Send one person's digest for one period, at most once; returns what happened: "sent",
    "skipped" (nothing new), "failed", "retry" (a passing failure: the next run tries again),
    "error" (it could not be built; tried again too) or "done" (finished by someone else)."""
    row, _created = DigestSend.objects.get_or_create(user=due.user, period=due.period.key)
    token = _claim(row=row, now=now)
    if token is None:
        return "done"
    try:
        items = digest_items_for(user=due.user, since=due.since, now=now)
        if not items:
            _mine(row, token, DigestSend.State.SENDING).update(
                state=DigestSend.State.SKIPPED, items=0, error="", updated_at=now
            )
            return "skipped"
        message = digest_email(
            user=due.user, items=items, frequency=due.period.frequency, config=config
        )
    except Exception as error:  # one person's odd data must not hold up everyone else's digest
        logger.exception("digest %s could not be built", row.pk)
        _mine(row, token, DigestSend.State.SENDING).update(
            state=DigestSend.State.PENDING,
            error=Truncator(f"{type(error).__name__}: {error}").chars(ERROR_MAX),
            updated_at=timezone.now(),
        )
        return "error"

    def commit() -> bool:
        return (
            _mine(row, token, DigestSend.State.SENDING).update(
                state=DigestSend.State.SENT,
                sent_at=now,
                items=len(items),
                error="",
                updated_at=timezone.now(),
            )
            == 1
        )

    try:
        sent = mailer.send_once(message, commit=commit)
    except MailError as error:
        return _failed(row=row, token=token, error=error)
    return "sent" if sent else "done"


def _failed(*, row: DigestSend, token: uuid.UUID, error: MailError) -> str:
    """Record a failed send. Before the commit point nothing was delivered: a permanent refusal
    fails the digest, anything else waits for the next run. After it, a server's refusal means
    it took nothing (the same, from the sent state); no answer at all means the digest may be
    lost, and it stays sent: never twice."""
    reason = Truncator(error.reason).chars(ERROR_MAX)
    state = DigestSend.State
    was = state.SENT if error.committed else state.SENDING
    if error.committed and error.code is None:
        _mine(row, token, was).update(error=reason, updated_at=timezone.now())
        logger.warning("digest %s may be lost: %s", row.pk, reason)
        return "sent"
    outcome = state.FAILED if error.permanent else state.PENDING
    _mine(row, token, was).update(
        state=outcome,
        sent_at=None,
        error=reason,
        updated_at=timezone.now(),
    )
    logger.warning("digest %s not sent (%s): %s", row.pk, outcome, reason)
    return "failed" if outcome == state.FAILED else "retry"


def digests_send_due(*, now: datetime | None = None, limit: int | None = None) -> dict[str, int]:
    """Send every digest that is due (see digests_due), over one SMTP connection; returns the
    counts of what happened. Running it twice, or twice at once, sends nothing twice."""
    now = now or timezone.now()
    config = digest_settings_get()
    due = digests_due(now=now, config=config)
    # Two runs at once meet rarely at the same person when each goes its own way.
    secrets.SystemRandom().shuffle(due)
    if limit is not None:
        due = due[:limit]
    counts: Counter[str] = Counter()
    failures_in_a_row = 0
    with Mailer() as mailer:
        for one in due:
            outcome = digest_send(due=one, now=now, mailer=mailer, config=config)
            counts[outcome] += 1
            if outcome == "retry":
                failures_in_a_row += 1
                if failures_in_a_row >= CONNECTION_FAILURES_MAX:
                    logger.error("digests: the mail server keeps failing; stopping this run")
                    counts["stopped"] += 1
                    break
            else:
                failures_in_a_row = 0
    main = {key: counts.get(key, 0) for key in ("sent", "skipped", "failed", "retry", "done")}
    return main | {key: counts[key] for key in ("error", "stopped") if counts.get(key)}
