"""Bring the dashboards' rollups up to date now (the periodic job; `serve` queues it)."""

from django.core.management.base import BaseCommand

from chorus.analytics.services import (
    analytics_history_pruned,
    analytics_rebuild,
    analytics_update_all,
)
from chorus.analytics.tasks import analytics_update_task


class Command(BaseCommand):
    help = (
        "Count new shares and clicks into the dashboards' rollups; running it twice adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="leave the work to a task worker"
        )
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="start the rollups afresh from the shares and the raw clicks",
        )

    def handle(self, *args, enqueue, rebuild, **options):
        if enqueue:
            analytics_update_task.enqueue()
            self.stdout.write("The analytics update is queued.")
            return
        if rebuild and analytics_history_pruned():
            self.stderr.write(
                "Raw clicks older than the retention period are gone: the rebuilt figures "
                "start where the kept clicks start."
            )
        update = analytics_rebuild() if rebuild else analytics_update_all()
        self.stdout.write(f"{update.shares} shares and {update.tallies} click tallies counted.")
