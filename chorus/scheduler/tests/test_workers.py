"""Real worker processes side by side on one database (run on SQLite and on PostgreSQL in CI):
each occurrence of a periodic job is queued and run once, and a killed worker's run is finished
by another after its heartbeat stops."""

import signal
import time

import pytest

pytestmark = pytest.mark.django_db

JOBS = ("update_analytics", "notify_new_content")


def _fast_jobs(installation, **intervals):
    """Every job off but the named ones; the scheduler ticks 20 times a second."""
    names = installation.python(
        "from django.conf import settings\nresult = list(settings.CHORUS_PERIODIC_JOBS)"
    )
    every = dict.fromkeys(names, 0) | intervals
    installation.env |= {
        "CHORUS_JOB_INTERVALS": ",".join(f"{name}={seconds}" for name, seconds in every.items()),
        "CHORUS_SCHEDULER_TICK": "0.05",
    }


RUNS = """
from collections import Counter
from django_tasks_db.models import DBTaskResult
from chorus.scheduler.models import ScheduledRun
tasks = Counter(
    tuple(task.args_kwargs["args"])[0]
    for task in DBTaskResult.objects.filter(task_path__endswith="scheduled_run_task")
)
result = [
    {"job": run.job, "slot": run.slot.isoformat(), "state": run.state, "attempts": run.attempts,
     "worker": run.worker, "claim": str(run.claim), "tasks": tasks[run.pk]}
    for run in ScheduledRun.objects.all()
]
"""


def test_two_workers_never_run_one_occurrence_twice(installation):
    _fast_jobs(installation, **dict.fromkeys(JOBS, 1))
    workers = [
        installation.start("worker", "--interval=0.05", log=f"worker-{n}.log") for n in (1, 2)
    ]
    time.sleep(8)
    for worker in workers:  # a graceful stop: the run in hand is finished first
        installation.kill(worker, signal.SIGTERM)
    runs = installation.python(RUNS)
    for job in JOBS:
        slots = [run["slot"] for run in runs if run["job"] == job]
        assert len(slots) >= 5, f"{job} ran only {len(slots)} times in 8 seconds"
        assert len(slots) == len(set(slots))
    # Each occurrence was queued by one scheduler only, and started once.
    assert {run["tasks"] for run in runs} == {1}
    assert max(run["attempts"] for run in runs) == 1
    assert all(run["state"] == "done" for run in runs if run["attempts"])
    # Both workers took part, in scheduling and in running: they really raced.
    assert len({run["claim"] for run in runs}) >= 2
    assert len({run["worker"] for run in runs if run["worker"]}) == 2


def test_a_run_left_by_a_killed_worker_is_finished_by_the_next(installation):
    _fast_jobs(installation, update_analytics=3600)
    installation.env["CHORUS_RUN_STALE_SECONDS"] = "2"
    # A run caught mid-way by a dead worker: running, with a heartbeat that stopped.
    installation.python(
        "from datetime import timedelta\n"
        "from django.utils import timezone\n"
        "from chorus.scheduler.models import ScheduledRun\n"
        "from chorus.scheduler.services import occurrence\n"
        "now = timezone.now()\n"
        "ScheduledRun.objects.create(job='update_analytics', slot=occurrence(now, 3600),"
        " state='running', attempts=1, worker='dead-host:1', started_at=now,"
        " heartbeat_at=now - timedelta(seconds=10))\n"
        "result = 1"
    )
    installation.start("worker", "--interval=0.05")
    installation.wait_for(
        lambda: installation.python(RUNS)[0]["state"] == "done",
        timeout=60,
        what="the interrupted run to be finished",
    )
    (run,) = installation.python(RUNS)
    assert run["attempts"] == 2
    assert run["worker"] != "dead-host:1"
