"""Load the demo company (idempotent)."""

from django.core.management.base import BaseCommand

from chorus.home.demo import demo_load


class Command(BaseCommand):
    help = (
        "Create the demo company with about thirty employees and the demo logins (safe to re-run)."
    )

    def handle(self, *args, **options):
        created = demo_load()
        self.stdout.write(
            f"Demo data ready ({created['people']} people and "
            f"{created['memberships']} memberships added)."
        )
