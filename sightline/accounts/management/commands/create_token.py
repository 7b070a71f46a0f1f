from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from sightline.accounts.models import ApiToken
from sightline.accounts.services import token_create


class Command(BaseCommand):
    help = "Print a new personal API token for USERNAME (send it as 'Authorization: Bearer …')."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="Command-line token")
        parser.add_argument(
            "--days",
            type=int,
            default=ApiToken.DEFAULT_EXPIRY_DAYS,
            choices=ApiToken.ExpiryChoices.values,
            help="How long the token lasts (default %(default)s days).",
        )

    def handle(self, *args, username, name, days, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"There is no active user called {username!r}.")
        _, raw = token_create(user=user, name=name, expires_in_days=days)
        self.stdout.write(raw)
