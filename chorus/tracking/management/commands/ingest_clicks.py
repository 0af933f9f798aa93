"""Read click journals that no running process writes to into the database.

Web processes do this by themselves every second; `serve` runs it once at start so that the
journals of a process that was killed are counted at once. Safe to run at any time."""

from django.core.management.base import BaseCommand

from chorus.tracking.services import clicks_ingest


class Command(BaseCommand):
    help = "Ingest sealed and orphaned click journals (idempotent)."

    def handle(self, *args, **options):
        stored = clicks_ingest()
        self.stdout.write(f"{stored} clicks ingested.")
