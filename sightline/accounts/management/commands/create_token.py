from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from sightline.accounts.services import token_create


class Command(BaseCommand):
    help = "Print a new personal API token for USERNAME (send it as 'Authorization: Bearer …')."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="Command-line token")

    def handle(self, *args, username, name, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"There is no active user called {username!r}.")
        _, raw = token_create(user=user, name=name)
        self.stdout.write(raw)
