from django.shortcuts import render

from chorus.accounts.permissions import owner_required
from chorus.scheduler import selectors


@owner_required
def jobs(request):
    """The owners' view of background work: each periodic job's last run, and the failures."""
    return render(
        request,
        "scheduler/jobs.html",
        {
            "jobs": selectors.jobs_overview(),
            "failures": selectors.runs_failing(),
            "worker_silent": selectors.worker_silent(),
        },
    )
