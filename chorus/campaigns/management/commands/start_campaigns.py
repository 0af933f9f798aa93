"""Announce the campaigns that began (the periodic job; `serve` queues it)."""

from django.core.management.base import BaseCommand

from chorus.campaigns.services import campaigns_start_due
from chorus.campaigns.tasks import campaigns_start_task


class Command(BaseCommand):
    help = (
        "Tell the audience of each campaign that has begun, and the chat channels, that it is "
        "on; a campaign is announced once, however often this runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="leave the work to a task worker"
        )

    def handle(self, *args, enqueue, **options):
        if enqueue:
            campaigns_start_task.enqueue()
            self.stdout.write("The campaign start notices are queued.")
            return
        self.stdout.write(f"{campaigns_start_due()} campaigns announced.")
