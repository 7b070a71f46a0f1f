from django.conf import settings
from django.core.management.base import BaseCommand

from sightline.demo.accounts import LOGINS, SEFTON_LOGINS, TOWER_HAMLETS_LOGINS


class Command(BaseCommand):
    help = "Print the demo logins and where the demo is served."

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000")

    def handle(self, *args, port, **options):
        self.stdout.write("")
        self.stdout.write(f"Sightline demo: http://127.0.0.1:{port}/")
        self.stdout.write(f"Every demo login has the password: {settings.DEMO_PASSWORD}")
        for username, role, *_ in LOGINS:
            self.stdout.write(f"  {username:<23} {role.label}, Luton Borough Council")
        for username, role, *_ in TOWER_HAMLETS_LOGINS:
            self.stdout.write(f"  {username:<23} {role.label}, London Borough of Tower Hamlets")
        for username, role, *_ in SEFTON_LOGINS:
            self.stdout.write(f"  {username:<23} {role.label}, Sefton Council")
        self.stdout.write("Only for the demo data: set DEMO_PASSWORD to change it.")
        self.stdout.write("")
