"""Writes of the tracking app: links, visitor keys and the click ingest."""

import contextlib
import datetime as dt
import logging
import os
import secrets
from collections import defaultdict
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from chorus.core.errors import ChorusError
from chorus.tracking import journal
from chorus.tracking.classify import BOT, HUMAN, PREVIEW, agent_class, device_class
from chorus.tracking.codes import code_new, target_url_build
from chorus.tracking.models import (
    Click,
    ClickTally,
    IngestedJournal,
    LinkDay,
    TrackedLink,
    VisitorKey,
)

log = logging.getLogger(__name__)

DEDUPE_WINDOW = dt.timedelta(minutes=30)
BATCH = 2000


def tracked_link_create(
    *, destination: str, source: str, campaign: str, content: str = ""
) -> TrackedLink:
    """A new link with a fresh unguessable code."""
    if not destination.startswith(("http://", "https://")):
        raise ChorusError("A tracked link needs an http or https destination.", code="bad_url")
    target = target_url_build(destination, source=source, campaign=campaign, content=content)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return TrackedLink.objects.create(
                    code=code_new(),
                    destination=destination,
                    source=source,
                    campaign=campaign,
                    content=content,
                    target_url=target,
                )
        except IntegrityError:  # a code collision: astronomically rare, try another
            continue
    raise ChorusError("No free link code was found; try again.", code="code_exhausted")


def tracked_link_update(
    *,
    link: TrackedLink,
    enabled: bool | None = None,
    campaign: str | None = None,
    content: str | None = None,
) -> TrackedLink:
    """Change a link; every process forgets its cached target within a flush interval."""
    if enabled is not None:
        link.enabled = enabled
    if campaign is not None:
        link.campaign = campaign
    if content is not None:
        link.content = content
    link.target_url = target_url_build(
        link.destination, source=link.source, campaign=link.campaign, content=link.content
    )
    link.save()
    from chorus.tracking.redirect import links  # the cache of this process, at once

    links.forget(link.code)
    return link


def tracked_url(link: TrackedLink) -> str:
    return f"{settings.CHORUS_LINK_BASE_URL}/s/{link.code}"


def visitor_key_for(day: dt.date) -> bytes:
    """The day's secret for visitor hashes, made on first use; keys older than two days go."""
    row = VisitorKey.objects.filter(day=day).first()
    if row is None:
        try:
            with transaction.atomic():
                row = VisitorKey.objects.create(day=day, key=secrets.token_hex(32))
        except IntegrityError:
            row = VisitorKey.objects.get(day=day)
        VisitorKey.objects.filter(day__lt=day - dt.timedelta(days=1)).delete()
    return bytes.fromhex(row.key)


# --- ingest --------------------------------------------------------------------------------


def _parse(data: bytes) -> list[tuple]:
    """Journal lines → (at, link_id, visitor, referrer, user agent). A torn last line (the
    process died inside write(2), before it answered) and malformed lines are skipped."""
    rows = []
    for raw in data.split(b"\n")[:-1]:
        fields = raw.decode("utf-8", "replace").split("\t")
        if len(fields) != 5:
            continue
        try:
            at = dt.datetime.fromtimestamp(int(fields[0]) / 1000, tz=dt.UTC)
            link_id = int(fields[1])
        except ValueError:
            continue
        rows.append((at, link_id, fields[2], fields[3], fields[4]))
    return rows


def _serialize_ingest():
    """Let one ingest at a time decide what counts (SQLite's IMMEDIATE transactions already do)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [0x43484F52])  # "CHOR"


def clicks_store(rows: list[tuple]) -> int:
    """Classify, dedupe and roll up parsed journal rows; call inside a transaction."""
    stored = 0
    wanted = sorted({r[1] for r in rows})
    known: set[int] = set()
    for start in range(0, len(wanted), 5000):  # well under every database's parameter limit
        chunk = wanted[start : start + 5000]
        known.update(TrackedLink.objects.filter(pk__in=chunk).values_list("pk", flat=True))
    rows = sorted((r for r in rows if r[1] in known), key=lambda r: r[0])
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        seen: dict[tuple[int, str], list[dt.datetime]] = defaultdict(list)
        humans = [r for r in batch if agent_class(r[4]) == HUMAN]
        if humans:
            earlier = Click.objects.filter(
                kind=Click.Kind.HUMAN,
                counted=True,
                link_id__in={r[1] for r in humans},
                visitor__in={r[2] for r in humans},
                at__gte=humans[0][0] - DEDUPE_WINDOW,
                at__lte=humans[-1][0] + DEDUPE_WINDOW,
            ).values_list("link_id", "visitor", "at")
            for link_id, visitor, at in earlier:
                seen[(link_id, visitor)].append(at)
        clicks = []
        totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
        days: dict[tuple[int, dt.date], list[int]] = defaultdict(lambda: [0, 0, 0])
        hours: dict[tuple[int, dt.datetime], list[int]] = defaultdict(lambda: [0, 0])
        for at, link_id, visitor, referrer, agent in batch:
            kind = agent_class(agent)
            counted = kind == PREVIEW
            if kind == HUMAN:
                times = seen[(link_id, visitor)]
                counted = all(abs(at - t) >= DEDUPE_WINDOW for t in times)
                if counted:
                    times.append(at)
            clicks.append(
                Click(
                    link_id=link_id,
                    at=at,
                    kind=kind,
                    counted=counted,
                    referrer_domain=referrer[:100],
                    device=device_class(agent),
                    visitor=visitor[:32],
                )
            )
            day = days[(link_id, at.date())]
            if kind == BOT:
                day[2] += 1
            elif counted:
                index = 0 if kind == HUMAN else 1
                totals[link_id][index] += 1
                day[index] += 1
                hours[(link_id, at.replace(minute=0, second=0, microsecond=0))][index] += 1
        Click.objects.bulk_create(clicks, batch_size=500)
        stored += len(clicks)
        _rollup(totals, days, hours)
    return stored


def _rollup(totals: dict, days: dict, hours: dict) -> None:
    """Add a batch's counts to the running totals and the day rollups: one statement run many
    times (executemany), not one ORM round trip per link, so that a busy minute stays cheap."""
    link_table = TrackedLink._meta.db_table
    day_table = LinkDay._meta.db_table
    with connection.cursor() as cursor:
        if totals:
            cursor.executemany(
                f"UPDATE {link_table} SET clicks = clicks + %s, previews = previews + %s "  # noqa: S608 - our own table names
                "WHERE id = %s",
                [(c, p, link_id) for link_id, (c, p) in totals.items() if c or p],
            )
        if days:
            cursor.executemany(
                f"INSERT INTO {day_table} (link_id, day, clicks, previews, bots) "  # noqa: S608
                "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (link_id, day) DO UPDATE SET "
                f"clicks = {day_table}.clicks + excluded.clicks, "
                f"previews = {day_table}.previews + excluded.previews, "
                f"bots = {day_table}.bots + excluded.bots",
                [(link_id, day, c, p, b) for (link_id, day), (c, p, b) in days.items()],
            )
        if hours:
            cursor.executemany(
                f"INSERT INTO {ClickTally._meta.db_table} (link_id, hour, clicks, previews) "  # noqa: S608
                "VALUES (%s, %s, %s, %s)",
                [
                    (link_id, connection.ops.adapt_datetimefield_value(hour), c, p)
                    for (link_id, hour), (c, p) in hours.items()
                ],
            )


def journal_ingest(path: Path) -> int | None:
    """Read one sealed or orphaned journal into the database exactly once, then delete it.
    None when another process holds it (its writer, or another ingest)."""
    fd = journal.claim(path)
    if fd is None:
        return None
    try:
        data = journal.read_all(fd)
        rows = _parse(data)
        with transaction.atomic():
            _serialize_ingest()
            if IngestedJournal.objects.filter(name=path.name).exists():
                stored = 0
            else:
                stored = clicks_store(rows)
                IngestedJournal.objects.create(name=path.name, lines=len(rows))
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        return stored
    finally:
        os.close(fd)


def clicks_ingest(directory: Path | None = None, *, skip: Path | None = None) -> int:
    """Ingest every journal nobody writes to; returns the number of clicks stored."""
    directory = Path(directory or settings.CHORUS_CLICK_JOURNAL_DIR)
    stored = 0
    for path in journal.pending(directory):
        if path == skip:
            continue
        stored += journal_ingest(path) or 0
    if stored:
        IngestedJournal.objects.filter(
            created_at__lt=timezone.now() - dt.timedelta(days=2)
        ).delete()
    return stored


def clicks_prune(*, days: int | None = None, chunk: int = 10_000) -> int:
    """Delete raw clicks older than the retention period. Counts stay: the running totals, the
    day rollups and the analytics were taken from them when they came in."""
    days = settings.CHORUS_CLICK_RETENTION_DAYS if days is None else days
    cutoff = timezone.now() - dt.timedelta(days=days)
    deleted = 0
    while True:  # in chunks, so that the ingest never waits long for the table
        with transaction.atomic():
            ids = list(Click.objects.filter(at__lt=cutoff).values_list("pk", flat=True)[:chunk])
            if not ids:
                return deleted
            deleted += Click.objects.filter(pk__in=ids).delete()[0]
