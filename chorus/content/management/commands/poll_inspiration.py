"""Poll every inspiration feed now (the periodic job; run it from cron or a systemd timer)."""

from django.core.management.base import BaseCommand

from chorus.content.models import InspirationSource
from chorus.content.services import inspiration_source_poll
from chorus.content.tasks import inspiration_poll_all_task


class Command(BaseCommand):
    help = "Poll every inspiration feed; polling twice adds nothing twice."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="leave the work to a task worker"
        )

    def handle(self, *args, enqueue, **options):
        if enqueue:
            inspiration_poll_all_task.enqueue()
            self.stdout.write("Polling of the inspiration feeds is queued.")
            return
        for source in InspirationSource.objects.all():
            added = inspiration_source_poll(source=source)
            source.refresh_from_db()
            state = f"error: {source.last_error}" if source.last_error else f"{added} new"
            self.stdout.write(f"{source.name}: {state}")
