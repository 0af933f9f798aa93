"""Send the digests that are due now (the periodic job; the scheduler runs it)."""

from django.core.management.base import BaseCommand

from chorus.digests.services import digests_send_due
from chorus.digests.tasks import send_digests_task


class Command(BaseCommand):
    help = (
        "Send every digest whose local hour has come and that was not sent for its period yet; "
        "running it again, or twice at once, sends nobody a second digest."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="leave the work to a task worker"
        )
        parser.add_argument("--limit", type=int, default=None, help="send at most this many")

    def handle(self, *args, enqueue, limit, **options):
        if enqueue:
            send_digests_task.enqueue()
            self.stdout.write("The digests are queued.")
            return
        counts = digests_send_due(limit=limit)
        self.stdout.write(", ".join(f"{count} {name}" for name, count in counts.items()) + ".")
