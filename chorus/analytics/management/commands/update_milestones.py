"""Record the milestones advocates reached (the periodic job; `serve` queues it)."""

from django.core.management.base import BaseCommand

from chorus.analytics.selectors import milestones_on
from chorus.analytics.services import milestones_update
from chorus.analytics.tasks import milestones_update_task


class Command(BaseCommand):
    help = (
        "Record the milestones advocates reached since the last run, when the program's "
        "recognition setting is on; running it twice records nothing new."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="leave the work to a task worker"
        )

    def handle(self, *args, enqueue, **options):
        if not milestones_on():
            self.stdout.write("Recognition is off in the program settings: nothing to do.")
            return
        if enqueue:
            milestones_update_task.enqueue()
            self.stdout.write("The milestones update is queued.")
            return
        self.stdout.write(f"{milestones_update()} milestones reached.")
