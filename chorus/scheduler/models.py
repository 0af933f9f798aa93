"""Scheduled work: one row per occurrence of a periodic job, so that it runs once."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduledRun(models.Model):
    """One occurrence of a periodic job (`update_analytics` at 10:30:00). The row is unique per
    job and occurrence: whichever scheduler inserts it first queues the work, so several workers,
    web nodes or cron hosts never run an occurrence twice. The row also keeps the run's story:
    attempts, the worker that has it, its heartbeat, and the last error."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        RETRYING = "retrying", _("Failed, will retry")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    job = models.CharField(_("job"), max_length=64)
    slot = models.DateTimeField(_("occurrence"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    # The scheduler call that inserted the row; it alone queues the work.
    claim = models.UUIDField(null=True, editable=False)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    worker = models.CharField(_("worker"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("scheduled"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    # Written every few seconds while the job runs: a run whose heartbeat stopped lost its worker.
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    retry_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    output = models.TextField(_("output"), blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-slot", "job"]
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="scheduled_run_once")]
        indexes = [models.Index(fields=["state", "heartbeat_at"], name="scheduled_run_state")]

    def __str__(self):
        return f"{self.job} @ {self.slot:%Y-%m-%d %H:%M:%S}"

    @property
    def moment(self):
        """When the run last changed: finished, else started, else queued."""
        return self.finished_at or self.started_at or self.created_at

    @property
    def error_summary(self) -> str:
        """The last line of the error: usually the exception and its message."""
        lines = [line for line in self.error.strip().splitlines() if line.strip()]
        return lines[-1][:300] if lines else ""
