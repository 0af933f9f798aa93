"""Read click journals that no running process writes to into the database.

`serve` runs this with `--loop` beside the web server: web processes seal their journal every
second, and this process classifies, dedupes, stores and rolls them up, so that none of that
work slows the redirects. Once, without `--loop`, it reads whatever is left (journals of a
process that was killed, say). Safe to run at any time and in several processes at once."""

import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import OperationalError, close_old_connections

from chorus.tracking.services import clicks_ingest


class Command(BaseCommand):
    help = "Ingest sealed and orphaned click journals (idempotent); --loop keeps doing it."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="keep going until stopped")
        parser.add_argument(
            "--interval",
            type=float,
            default=None,
            help="seconds between two looks (default CHORUS_CLICK_FLUSH_SECONDS)",
        )

    def handle(self, *args, loop, interval, **options):
        if not loop:
            self.stdout.write(f"{clicks_ingest()} clicks ingested.")
            return
        interval = interval or settings.CHORUS_CLICK_FLUSH_SECONDS
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        signal.signal(signal.SIGINT, lambda *_: stopping.append(True))
        while not stopping:
            try:
                clicks_ingest()
            except OperationalError as error:  # the database is away: wait, try again
                self.stderr.write(f"Click ingest: {error}; trying again")
                close_old_connections()
            time.sleep(interval)
        clicks_ingest()  # what the web processes sealed while they stopped
