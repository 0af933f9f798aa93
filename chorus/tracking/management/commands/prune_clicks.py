"""Delete raw clicks older than CHORUS_CLICK_RETENTION_DAYS (the daily job; `serve` queues it)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from chorus.tracking.services import clicks_prune
from chorus.tracking.tasks import clicks_prune_task


class Command(BaseCommand):
    help = "Delete raw clicks past the retention period; their counts stay in the rollups."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="leave the work to a task worker"
        )
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="keep this many days (default CHORUS_CLICK_RETENTION_DAYS)",
        )

    def handle(self, *args, enqueue, days, **options):
        if enqueue:
            clicks_prune_task.enqueue()
            self.stdout.write("Pruning of old raw clicks is queued.")
            return
        if days is not None and days < 1:
            self.stderr.write("--days must be at least 1.")
            return
        deleted = clicks_prune(days=days)
        kept = settings.CHORUS_CLICK_RETENTION_DAYS if days is None else days
        self.stdout.write(f"{deleted} raw clicks older than {kept} days deleted.")
