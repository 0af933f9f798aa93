"""Reads for the digest: its settings, who is due for which period, what goes into one."""

import zoneinfo
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db.models import Count, Max, Q, Value
from django.db.models.functions import Coalesce

from chorus.accounts.models import AdvocacyMembership, User
from chorus.accounts.selectors import advocates_in
from chorus.content.models import ContentItem
from chorus.content.selectors import feed_for_advocate
from chorus.digests.models import DigestSend, DigestSettings
from chorus.notifications.choices import DigestFrequency
from chorus.program.selectors import program_settings_get

ITEMS_MAX = 6
# A digest covers what is new since the person's previous one, but never more than this many
# periods back: after a long pause, old news is not news.
LOOKBACK_PERIODS = 4
FINISHED = (DigestSend.State.SENT, DigestSend.State.SKIPPED, DigestSend.State.FAILED)
CHUNK = 500


def digest_settings_get() -> DigestSettings:
    """The owners' settings for the digest, created with defaults on first use."""
    config, _created = DigestSettings.objects.get_or_create(pk=1)
    return config


def digest_intro_for(*, config: DigestSettings, language: str) -> str:
    """The owners' introduction (Markdown) in `language`, else in the program's language."""
    intro = config.intro or {}
    return intro.get(language) or intro.get(program_settings_get().default_language) or ""


@dataclass(frozen=True)
class Period:
    """One period of a person's digest: `key` is unique per person and period; the digest is
    due from `due_at` (the owners' hour in the person's time zone)."""

    key: str
    frequency: str
    due_at: datetime
    length: timedelta


def person_zone(user: User) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(user.time_zone or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def digest_period(
    *, frequency: str, now: datetime, zone: zoneinfo.ZoneInfo, weekday: int, hour: int
) -> Period:
    """The period `now` falls in for a person in `zone`: their local day (`d:2026-11-24`) or
    ISO week (`w:2026-W48`), due at `hour` local time (on `weekday` for a weekly digest)."""
    today = now.astimezone(zone).date()
    if frequency == DigestFrequency.DAILY:
        return Period(
            key=f"d:{today.isoformat()}",
            frequency=frequency,
            due_at=datetime.combine(today, time(hour), tzinfo=zone),
            length=timedelta(days=1),
        )
    year, week, _day = today.isocalendar()
    day = today + timedelta(days=weekday - today.weekday())
    return Period(
        key=f"w:{year}-W{week:02d}",
        frequency=DigestFrequency.WEEKLY,
        due_at=datetime.combine(day, time(hour), tzinfo=zone),
        length=timedelta(days=7),
    )


@dataclass(frozen=True)
class Due:
    """A person whose digest for `period` is due, and since when its items count."""

    user: User
    period: Period
    since: datetime


def digest_recipients() -> Iterable[User]:
    """Everyone who gets a digest: active members of the program with an e-mail address whose
    digest is not off and who did not turn every notification off. `digest_frequency` is set."""
    return (
        advocates_in()
        .exclude(email="")
        .exclude(notification_settings__all_off=True)
        .exclude(notification_settings__digest=DigestFrequency.OFF)
        .annotate(
            digest_frequency=Coalesce(
                "notification_settings__digest", Value(DigestFrequency.WEEKLY)
            )
        )
        .order_by("pk")
    )


def _chunks(users: Iterable[User]) -> Iterator[list[User]]:
    chunk: list[User] = []
    for user in users:
        chunk.append(user)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def last_sent_at(*, user_ids: Iterable[int]) -> dict[int, datetime]:
    """When each person's previous digest went out (those who had one)."""
    rows = (
        DigestSend.objects.filter(user_id__in=list(user_ids), state=DigestSend.State.SENT)
        .values("user_id")
        .annotate(last=Max("sent_at"))
    )
    return {row["user_id"]: row["last"] for row in rows if row["last"]}


def digest_since(*, period: Period, now: datetime, last_sent: datetime | None) -> datetime:
    """Items count from the previous digest, or a period back for a first one, and at most
    LOOKBACK_PERIODS back."""
    earliest = now - LOOKBACK_PERIODS * period.length
    if last_sent is None:
        return now - period.length
    return max(last_sent, earliest)


def digests_due(*, now: datetime, config: DigestSettings | None = None) -> list[Due]:
    """Everyone whose digest for the current period is due (its hour has passed in their time
    zone) and not finished (sent, skipped or failed). A digest left half-done by a worker that
    died stays due until it is finished."""
    config = config or digest_settings_get()
    due: list[Due] = []
    for chunk in _chunks(digest_recipients().iterator(chunk_size=CHUNK)):
        periods = {
            user.pk: digest_period(
                frequency=user.digest_frequency,
                now=now,
                zone=person_zone(user),
                weekday=config.weekday,
                hour=config.hour,
            )
            for user in chunk
        }
        ready = [user for user in chunk if periods[user.pk].due_at <= now]
        if not ready:
            continue
        finished = set(
            DigestSend.objects.filter(
                user_id__in=[user.pk for user in ready],
                period__in={periods[user.pk].key for user in ready},
                state__in=FINISHED,
            ).values_list("user_id", "period")
        )
        last = last_sent_at(user_ids=[user.pk for user in ready])
        for user in ready:
            period = periods[user.pk]
            if (user.pk, period.key) in finished:
                continue
            since = digest_since(period=period, now=now, last_sent=last.get(user.pk))
            due.append(Due(user=user, period=period, since=since))
    return due


def digest_items_for(
    *, user: User, since: datetime, now: datetime, limit: int = ITEMS_MAX
) -> list[ContentItem]:
    """The best new items for this person: live, shareable, for their audience and languages
    (the feed's rules), published since `since`; featured first, then their topics, newest."""
    items = feed_for_advocate(user=user).filter(
        publish_at__gt=since, publish_at__lte=now, shareable=True
    )
    return list(items[:limit])


def digest_items_latest(*, user: User, limit: int = ITEMS_MAX) -> list[ContentItem]:
    """The latest shareable items this person sees, new or not: for a preview with nothing new."""
    return list(feed_for_advocate(user=user).filter(shareable=True)[:limit])


@dataclass(frozen=True)
class PeriodRun:
    """How the digests of one period went."""

    period: str
    sent: int
    skipped: int
    failed: int
    waiting: int
    last_at: datetime


def digest_runs_recent(*, limit: int = 8) -> list[PeriodRun]:
    """The latest periods with their counts, newest first."""
    state = DigestSend.State
    rows = (
        DigestSend.objects.values("period")
        .annotate(
            sent=Count("pk", filter=Q(state=state.SENT)),
            skipped=Count("pk", filter=Q(state=state.SKIPPED)),
            failed=Count("pk", filter=Q(state=state.FAILED)),
            waiting=Count("pk", filter=Q(state__in=[state.PENDING, state.SENDING])),
            last_at=Max("updated_at"),
        )
        .order_by("-last_at")[:limit]
    )
    return [PeriodRun(**row) for row in rows]


def digest_failures_recent(*, limit: int = 20):
    """The latest digests that failed or are waiting for another try, with their errors."""
    return (
        DigestSend.objects.filter(
            state__in=[DigestSend.State.FAILED, DigestSend.State.PENDING], attempts__gt=0
        )
        .exclude(error="")
        .select_related("user")
        .order_by("-updated_at", "-pk")[:limit]
    )


def digest_preview_people(*, limit: int = 1000):
    """Whom an owner may preview the digest for: the program's active members."""
    members = AdvocacyMembership.objects.active().values("user_id")
    return User.objects.filter(is_active=True, pk__in=members).order_by("display_name", "email")[
        :limit
    ]
