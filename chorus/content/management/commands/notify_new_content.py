"""Tell topic followers about items that went live (the periodic job; `serve` queues it)."""

from django.core.management.base import BaseCommand

from chorus.content.services import new_content_notify
from chorus.content.tasks import new_content_notify_task


class Command(BaseCommand):
    help = (
        "Notify the followers of their topics about items published since the last run; an item "
        "is announced once, however often this runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="leave the work to a task worker"
        )

    def handle(self, *args, enqueue, **options):
        if enqueue:
            new_content_notify_task.enqueue()
            self.stdout.write("The new content notices are queued.")
            return
        self.stdout.write(f"{new_content_notify()} new items announced.")
