"""The scheduler: periodic jobs run once per occurrence, on time, after restarts, with retries.

Every job in `CHORUS_PERIODIC_JOBS` (a management command and its interval in seconds) has an
occurrence per interval of wall-clock time: `update_analytics` every 30 s has 10:30:00, 10:30:30…
`scheduler_tick` inserts the current occurrence's row; the unique (job, occurrence) key lets only
one inserter win, and the winner queues the work in the same transaction. Any number of workers
(`manage.py worker`), `serve` processes or cron calls (`manage.py run_scheduler`) may tick.

A run keeps a heartbeat while it works. When a worker dies mid-run the heartbeat stops, and the
next tick queues that occurrence again (the jobs are idempotent, so the rerun finishes the work).
A run that fails is retried with growing pauses, then marked failed for the owners to see.
Missed occurrences are not replayed one by one: after a pause the current occurrence runs once."""

import io
import logging
import os
import socket
import threading
import traceback
import uuid
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.management import call_command
from django.db import DatabaseError, close_old_connections, connections, transaction
from django.db.models import F
from django.utils import timezone

from chorus.scheduler.models import ScheduledRun

logger = logging.getLogger(__name__)

State = ScheduledRun.State
MAX_ATTEMPTS = 5
RETRY_BASE = timedelta(seconds=30)  # then 1, 2 and 4 minutes
OUTPUT_MAX = 2000
ERROR_MAX = 4000

_EPOCH = datetime(2000, 1, 3, tzinfo=UTC)  # a Monday: weekly intervals start on Mondays


def periodic_jobs() -> dict[str, int]:
    """Job name (a management command) → interval in seconds."""
    return dict(settings.CHORUS_PERIODIC_JOBS)


def occurrence(now: datetime, interval: int) -> datetime:
    """The start of the occurrence `now` falls in: wall-clock aligned, the same for every host."""
    seconds = int((now - _EPOCH).total_seconds())
    return _EPOCH + timedelta(seconds=seconds - seconds % interval)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


def stale_after() -> timedelta:
    return timedelta(seconds=settings.CHORUS_RUN_STALE_SECONDS)


def _queue(run: ScheduledRun) -> None:
    # Imported here: tasks import services (the task is the door into scheduled_run_execute).
    from chorus.scheduler.tasks import scheduled_run_task

    scheduled_run_task.enqueue(run.pk)


def scheduler_tick(*, now: datetime | None = None) -> list[ScheduledRun]:
    """Queue every due occurrence not yet taken, retries whose pause is over, and runs whose
    worker died. Returns the runs this call queued; any number of callers may run at once."""
    now = now or timezone.now()
    queued = _occurrences_queue(now)
    queued += _retries_queue(now)
    queued += _stalled_queue(now)
    return queued


def _occurrences_queue(now: datetime) -> list[ScheduledRun]:
    claim = uuid.uuid4()
    with transaction.atomic():
        ScheduledRun.objects.bulk_create(
            [
                ScheduledRun(job=job, slot=occurrence(now, interval), claim=claim)
                for job, interval in periodic_jobs().items()
            ],
            ignore_conflicts=True,
        )
        # Only the rows this call inserted carry its claim: the others were someone else's.
        mine = list(ScheduledRun.objects.filter(claim=claim))
        for run in mine:
            _queue(run)  # in the same transaction: a row never exists without its task
    return mine


def _requeue(runs, *, match) -> list[ScheduledRun]:
    """Move each run back to QUEUED if it still matches (another scheduler may be faster)."""
    queued = []
    for run in runs:
        with transaction.atomic():
            taken = ScheduledRun.objects.filter(pk=run.pk, **match(run)).update(
                state=State.QUEUED, worker="", retry_at=None
            )
            if taken:
                _queue(run)
                queued.append(run)
    return queued


def _retries_queue(now: datetime) -> list[ScheduledRun]:
    due = ScheduledRun.objects.filter(state=State.RETRYING, retry_at__lte=now)
    return _requeue(due, match=lambda run: {"state": State.RETRYING})


def _stalled_queue(now: datetime) -> list[ScheduledRun]:
    stalled = list(
        ScheduledRun.objects.filter(state=State.RUNNING, heartbeat_at__lt=now - stale_after())
    )
    for run in stalled:
        logger.warning("%s lost its worker %s; running it again", run, run.worker)
    return _requeue(
        stalled,
        match=lambda run: {"state": State.RUNNING, "heartbeat_at": run.heartbeat_at},
    )


class _Heartbeat(threading.Thread):
    """Writes the run's heartbeat every few seconds, from its own connection, while it works."""

    def __init__(self, run_id: int, worker: str):
        super().__init__(daemon=True, name=f"heartbeat-{run_id}")
        self.run_id, self.worker = run_id, worker
        self.stopped = threading.Event()

    def run(self):
        every = max(settings.CHORUS_RUN_STALE_SECONDS / 4, 0.2)
        try:
            while not self.stopped.wait(every):
                try:
                    ScheduledRun.objects.filter(
                        pk=self.run_id, worker=self.worker, state=State.RUNNING
                    ).update(heartbeat_at=timezone.now())
                except DatabaseError as error:  # busy database: the next beat tries again
                    logger.info("heartbeat of run %s skipped: %s", self.run_id, error)
        finally:
            connections.close_all()

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stopped.set()
        self.join(timeout=10)


def scheduled_run_execute(*, run_id: int, worker: str = "") -> str:
    """Do one run of a job, unless another worker has it or it is done. Returns its state."""
    worker = worker or worker_name()
    now = timezone.now()
    taken = ScheduledRun.objects.filter(pk=run_id, state=State.QUEUED).update(
        state=State.RUNNING,
        attempts=F("attempts") + 1,
        worker=worker,
        started_at=now,
        heartbeat_at=now,
        finished_at=None,
    )
    if not taken:
        return "skipped"
    run = ScheduledRun.objects.get(pk=run_id)
    output = io.StringIO()
    with _Heartbeat(run_id, worker):
        try:
            call_command(run.job, stdout=output, stderr=output)
        except Exception as error:  # any failure of a job is recorded and retried
            return _failed(run, worker, error, output.getvalue())
    ScheduledRun.objects.filter(pk=run_id, worker=worker, state=State.RUNNING).update(
        state=State.DONE,
        finished_at=timezone.now(),
        output=output.getvalue()[-OUTPUT_MAX:],
        error="",
    )
    return State.DONE


def _failed(run: ScheduledRun, worker: str, error: Exception, output: str) -> str:
    text = "".join(traceback.format_exception(error))[-ERROR_MAX:]
    now = timezone.now()
    if run.attempts < MAX_ATTEMPTS:
        state, retry_at = State.RETRYING, now + RETRY_BASE * 2 ** (run.attempts - 1)
        logger.warning(
            "%s failed (attempt %d), retrying at %s: %s", run, run.attempts, retry_at, error
        )
    else:
        state, retry_at = State.FAILED, None
        logger.error("%s failed %d times, giving up: %s", run, run.attempts, error)
    ScheduledRun.objects.filter(pk=run.pk, worker=worker, state=State.RUNNING).update(
        state=state, retry_at=retry_at, finished_at=now, output=output[-OUTPUT_MAX:], error=text
    )
    return state


def scheduled_runs_prune(*, older_than: timedelta = timedelta(days=30)) -> int:
    """Forget finished runs after a while; failures stay as long as successes."""
    cutoff = timezone.now() - older_than
    deleted, _ = ScheduledRun.objects.filter(
        slot__lt=cutoff, state__in=[State.DONE, State.FAILED]
    ).delete()
    return deleted


class SchedulerLoop(threading.Thread):
    """Ticks every CHORUS_SCHEDULER_TICK seconds until stopped: the scheduler half of a worker."""

    def __init__(self):
        super().__init__(daemon=True, name="scheduler")
        self.stopped = threading.Event()

    def run(self):
        while True:
            try:
                close_old_connections()
                scheduler_tick()
            except Exception:  # keep ticking: a busy or briefly absent database passes
                logger.exception("scheduler tick failed")
            if self.stopped.wait(settings.CHORUS_SCHEDULER_TICK):
                break
        connections.close_all()
