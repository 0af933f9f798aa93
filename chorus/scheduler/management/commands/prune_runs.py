"""Forget the records of periodic runs older than 30 days."""

from django.core.management.base import BaseCommand

from chorus.scheduler.services import scheduled_runs_prune


class Command(BaseCommand):
    help = "Delete the records of periodic job runs older than 30 days."

    def handle(self, *args, **options):
        self.stdout.write(f"{scheduled_runs_prune()} old run records deleted.")
