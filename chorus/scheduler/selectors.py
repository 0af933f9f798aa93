"""Reads of the scheduler: what each periodic job did lately, for the owners' jobs page."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from chorus.scheduler.models import ScheduledRun
from chorus.scheduler.services import periodic_jobs, stale_after

State = ScheduledRun.State

# What each job is for, in the owners' words; a job missing here shows its command name.
JOB_LABELS = {
    "update_analytics": _("Count new shares and clicks into the dashboards"),
    "notify_new_content": _("Tell followers of a topic about items that went live"),
    "update_milestones": _("Record the advocates' milestones"),
    "poll_inspiration": _("Read the inspiration feeds"),
    "prune_clicks": _("Delete raw clicks past their retention"),
    "prune_runs": _("Forget old records of these jobs"),
    "start_campaigns": _("Announce the campaigns that start"),
    "send_digests": _("Send the digests that are due"),
}


def interval_words(interval: timedelta) -> str:
    """ "30 seconds", "5 minutes", "1 day": the largest whole unit."""
    seconds = int(interval.total_seconds())
    if seconds % 86400 == 0:
        days = seconds // 86400
        return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}
    if seconds % 3600 == 0:
        hours = seconds // 3600
        return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    if seconds % 60 == 0:
        minutes = seconds // 60
        return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    return ngettext("%(count)d second", "%(count)d seconds", seconds) % {"count": seconds}


@dataclass(frozen=True)
class JobStatus:
    name: str
    label: str
    interval: timedelta
    last: ScheduledRun | None
    last_success_at: datetime | None
    failing: bool  # the latest finished run failed (retrying or given up)
    late: bool  # nothing has started for well over an interval: no worker is running

    @property
    def every(self) -> str:
        return interval_words(self.interval)


def jobs_overview(*, now: datetime | None = None) -> list[JobStatus]:
    """Each periodic job with its latest run and last success: two queries."""
    now = now or timezone.now()
    jobs = periodic_jobs()
    latest_ids = (
        ScheduledRun.objects.filter(job__in=jobs)
        .values("job")
        .annotate(latest=Max("pk"), success=Max("finished_at", filter=Q(state=State.DONE)))
    )
    by_job = {row["job"]: row for row in latest_ids}
    runs = ScheduledRun.objects.in_bulk([row["latest"] for row in by_job.values()])
    statuses = []
    for name, seconds in jobs.items():
        interval = timedelta(seconds=seconds)
        row = by_job.get(name, {})
        last = runs.get(row.get("latest"))
        waiting_since = last.slot if last else None
        late = bool(
            last
            and last.state == State.QUEUED
            and waiting_since < now - max(interval, stale_after()) - timedelta(minutes=1)
        )
        statuses.append(
            JobStatus(
                name=name,
                label=str(JOB_LABELS.get(name, name)),
                interval=interval,
                last=last,
                last_success_at=row.get("success"),
                failing=bool(last and last.state in (State.RETRYING, State.FAILED)),
                late=late,
            )
        )
    return statuses


def runs_failing(*, limit: int = 30):
    """The latest runs that failed, whether they will be retried or were given up."""
    return ScheduledRun.objects.filter(state__in=[State.RETRYING, State.FAILED]).order_by(
        "-finished_at", "-pk"
    )[:limit]


def jobs_failing_count() -> int:
    """How many jobs' latest run failed: for the owners' health page."""
    return sum(1 for status in jobs_overview() if status.failing)


def worker_silent(*, now: datetime | None = None) -> bool:
    """True when runs are waiting and none has started for a while: no worker is running."""
    now = now or timezone.now()
    quiet_since = now - stale_after() - timedelta(minutes=1)
    waiting = ScheduledRun.objects.filter(state=State.QUEUED, created_at__lt=quiet_since)
    recent_start = ScheduledRun.objects.filter(started_at__gte=quiet_since)
    return waiting.exists() and not recent_start.exists()
