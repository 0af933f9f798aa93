"""The scheduler in one process: occurrences, retries with back-off, runs whose worker died."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import timezone

from chorus.scheduler import services
from chorus.scheduler.models import ScheduledRun
from chorus.scheduler.services import occurrence, scheduled_run_execute, scheduler_tick

pytestmark = pytest.mark.django_db
State = ScheduledRun.State
AT = datetime(2026, 11, 24, 10, 30, 10, tzinfo=UTC)


@pytest.fixture
def calls(monkeypatch):
    """Replaces the jobs' commands: records each call; a job named in `failing` raises."""
    record = {"calls": [], "failing": {}}

    def call_command(name, **kwargs):
        record["calls"].append(name)
        if record["failing"].get(name, 0) > 0:
            record["failing"][name] -= 1
            raise CommandError(f"{name} broke")
        kwargs["stdout"].write(f"{name} did its work\n")

    monkeypatch.setattr(services, "call_command", call_command)
    return record


def test_occurrences_are_wall_clock_aligned():
    assert occurrence(AT, 30) == datetime(2026, 11, 24, 10, 30, 0, tzinfo=UTC)
    assert occurrence(AT, 300) == datetime(2026, 11, 24, 10, 30, 0, tzinfo=UTC)
    assert occurrence(AT, 3600) == datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    assert occurrence(AT, 86400) == datetime(2026, 11, 24, 0, 0, tzinfo=UTC)
    # Weekly occurrences start on Mondays (2026-11-23 is one).
    assert occurrence(AT, 7 * 86400) == datetime(2026, 11, 23, 0, 0, tzinfo=UTC)


@override_settings(CHORUS_PERIODIC_JOBS={"alpha": 30, "beta": 3600})
def test_each_occurrence_is_queued_and_run_once(calls):
    first = scheduler_tick(now=AT)
    assert sorted(run.job for run in first) == ["alpha", "beta"]
    assert sorted(calls["calls"]) == ["alpha", "beta"]
    # Ticking again in the same occurrence (another worker, a restart) queues nothing.
    assert scheduler_tick(now=AT + timedelta(seconds=15)) == []
    assert len(calls["calls"]) == 2
    # The next occurrence of alpha comes 30 s later; beta's hour is not over.
    later = scheduler_tick(now=AT + timedelta(seconds=25))
    assert [run.job for run in later] == ["alpha"]
    runs = ScheduledRun.objects.order_by("slot", "job")
    assert [(run.job, run.state, run.attempts) for run in runs] == [
        ("beta", State.DONE, 1),
        ("alpha", State.DONE, 1),
        ("alpha", State.DONE, 1),
    ]
    assert "alpha did its work" in runs[1].output
    assert runs[1].worker
    assert runs[1].finished_at


@override_settings(CHORUS_PERIODIC_JOBS={"alpha": 3600})
def test_a_failing_run_is_retried_with_growing_pauses_then_marked_failed(calls):
    calls["failing"]["alpha"] = 99
    start = timezone.now()
    scheduler_tick(now=start)
    run = ScheduledRun.objects.get()
    assert (run.state, run.attempts) == (State.RETRYING, 1)
    assert "alpha broke" in run.error
    assert run.error_summary.endswith("alpha broke")
    pauses = []
    for attempt in range(2, services.MAX_ATTEMPTS + 1):
        previous = run.finished_at
        # Not before its time…
        assert scheduler_tick(now=run.retry_at - timedelta(seconds=1)) == []
        pauses.append(run.retry_at - previous)
        # …and at its time, by whichever scheduler ticks first.
        assert [r.pk for r in scheduler_tick(now=run.retry_at)] == [run.pk]
        run.refresh_from_db()
        assert run.attempts == attempt
    assert [round(p.total_seconds()) for p in pauses] == [30, 60, 120, 240]
    assert run.state == State.FAILED
    assert run.retry_at is None
    assert calls["calls"] == ["alpha"] * services.MAX_ATTEMPTS


@override_settings(CHORUS_PERIODIC_JOBS={"alpha": 3600})
def test_a_retry_that_succeeds_is_done(calls):
    calls["failing"]["alpha"] = 1
    scheduler_tick(now=AT)
    run = ScheduledRun.objects.get()
    scheduler_tick(now=run.retry_at)
    run.refresh_from_db()
    assert (run.state, run.attempts, run.error) == (State.DONE, 2, "")


@override_settings(CHORUS_PERIODIC_JOBS={"alpha": 3600}, CHORUS_RUN_STALE_SECONDS=60)
def test_a_run_whose_worker_died_is_run_again(calls):
    now = timezone.now()
    run = ScheduledRun.objects.create(
        job="alpha",
        slot=occurrence(now, 3600),
        state=State.RUNNING,
        attempts=1,
        worker="gone:123",
        started_at=now - timedelta(minutes=5),
        heartbeat_at=now - timedelta(seconds=30),
    )
    # A heartbeat 30 s old is a live worker: leave it.
    assert scheduler_tick(now=now) == []
    assert calls["calls"] == []
    # 61 s without a sign of life: the worker is gone, the occurrence runs again.
    assert [r.pk for r in scheduler_tick(now=now + timedelta(seconds=31))] == [run.pk]
    run.refresh_from_db()
    assert (run.state, run.attempts, calls["calls"]) == (State.DONE, 2, ["alpha"])
    assert run.worker != "gone:123"


@override_settings(CHORUS_PERIODIC_JOBS={"alpha": 3600})
def test_a_run_is_not_executed_twice(calls):
    scheduler_tick(now=AT)
    run = ScheduledRun.objects.get()
    # A second copy of the task (a duplicate delivery) finds the run done and does nothing.
    assert scheduled_run_execute(run_id=run.pk) == "skipped"
    assert calls["calls"] == ["alpha"]


@override_settings(CHORUS_PERIODIC_JOBS={"prune_runs": 60})
def test_a_real_job_runs_through_its_command():
    ScheduledRun.objects.create(job="old", slot=timezone.now() - timedelta(days=40), state="done")
    scheduler_tick()
    run = ScheduledRun.objects.get(job="prune_runs")
    assert run.state == State.DONE
    assert "1 old run records deleted" in run.output
    assert not ScheduledRun.objects.filter(job="old").exists()


@override_settings(CHORUS_PERIODIC_JOBS={"no_such_command": 60})
def test_an_unknown_job_is_a_visible_failure():
    scheduler_tick()
    run = ScheduledRun.objects.get()
    assert run.state == State.RETRYING
    assert "Unknown command" in run.error
