"""The owners' page of background jobs: every job's last run, and the failures with their error."""

from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from chorus.scheduler.models import ScheduledRun

pytestmark = pytest.mark.django_db
State = ScheduledRun.State


@override_settings(CHORUS_PERIODIC_JOBS={"update_analytics": 30, "send_digests": 600})
def test_owners_see_each_job_and_the_failures(login, owner):
    now = timezone.now()
    ScheduledRun.objects.create(
        job="update_analytics", slot=now, state=State.DONE, attempts=1, finished_at=now
    )
    ScheduledRun.objects.create(
        job="send_digests",
        slot=now - timedelta(minutes=10),
        state=State.FAILED,
        attempts=5,
        finished_at=now,
        error="Traceback (most recent call last):\n  ...\nSMTPServerDisconnected: gone away",
    )
    page = login(owner).get(reverse("scheduler:jobs"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Count new shares and clicks into the dashboards" in text
    assert "30 seconds" in text
    assert "10 minutes" in text
    assert "SMTPServerDisconnected: gone away" in text
    jobs = {job.name: job for job in page.context["jobs"]}
    assert not jobs["update_analytics"].failing
    assert jobs["send_digests"].failing
    assert [run.job for run in page.context["failures"]] == ["send_digests"]
    assert not page.context["worker_silent"]


@override_settings(CHORUS_PERIODIC_JOBS={"update_analytics": 30}, CHORUS_RUN_STALE_SECONDS=60)
def test_waiting_runs_with_no_worker_are_pointed_out(login, owner):
    run = ScheduledRun.objects.create(job="update_analytics", slot=timezone.now())
    ScheduledRun.objects.filter(pk=run.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    page = login(owner).get(reverse("scheduler:jobs"))
    assert page.context["worker_silent"]
    assert "No worker seems to be running." in page.content.decode()


def test_only_owners_see_the_jobs(login, advocate, curator):
    url = reverse("scheduler:jobs")
    assert Client().get(url).status_code == 302  # to the sign-in page
    assert login(advocate).get(url).status_code == 403
    assert login(curator).get(url).status_code == 403
