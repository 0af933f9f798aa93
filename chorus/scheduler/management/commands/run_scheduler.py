"""Queue the periodic jobs that are due, once (for cron) or in a loop."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand

from chorus.scheduler.services import scheduler_tick


class Command(BaseCommand):
    help = (
        "Queue the periodic jobs that are due, retries whose pause is over and runs whose worker "
        "died. `manage.py worker` does this by itself; use this with plain db_worker processes "
        "(from cron every minute, or with --loop)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="keep ticking until interrupted")

    def handle(self, *args, loop, **options):
        while True:
            for run in scheduler_tick():
                self.stdout.write(f"queued {run}")
            if not loop:
                return
            time.sleep(settings.CHORUS_SCHEDULER_TICK)
