"""Print a new personal API token for a person (for scripts and integrations)."""

from django.core.management.base import BaseCommand, CommandError

from chorus.accounts import services
from chorus.accounts.models import User


class Command(BaseCommand):
    help = "Create a personal API token for EMAIL and print it (it is not stored in readable form)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--name", default="issued from the command line")

    def handle(self, *args, email, name, **options):
        user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
        if user is None:
            raise CommandError(f"No active person with the e-mail address {email}.")
        _row, token = services.api_token_create(user=user, name=name)
        self.stdout.write(token)
