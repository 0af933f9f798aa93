"""Load the demo company (idempotent)."""

from django.core.management.base import BaseCommand

from chorus.home.demo import demo_load


class Command(BaseCommand):
    help = (
        "Create the demo company with about thirty employees and the demo logins (safe to re-run)."
    )

    def handle(self, *args, **options):
        created = demo_load()
        added = ", ".join(f"{count} {name}" for name, count in created.items() if count)
        self.stdout.write(f"Demo data ready ({added or 'nothing new'} added).")
