"""``sightline create_council CODE --name NAME --admin USERNAME [--email EMAIL]``: a new
council, ready for its programme office to set it up on its own pages (``/setup/``)."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse

from sightline.accounts.models import Council, Role
from sightline.accounts.services import (
    OPERATOR,
    council_create,
    invitation_send,
    login_create,
    set_password_link,
)
from sightline.savings.services.programme import savings_types_ensure_defaults

SLUG = re.compile(r"[-a-zA-Z0-9_]+")
FIELDS = {
    "short_code": "The council code",
    "name": "The council's name",
    "username": "The login name",
    "email": "The e-mail address",
}


def _problems(error: ValidationError) -> str:
    """The problems in ``error``, each named by what the operator typed."""
    if not hasattr(error, "error_dict"):
        return " ".join(error.messages)
    found = []
    for name, messages in error.message_dict.items():
        text = " ".join(messages)
        label = FIELDS.get(name)
        found.append(text if label is None or label.lower() in text.lower() else f"{label}: {text}")
    return " ".join(found)


class Command(BaseCommand):
    help = (
        "Create a council with its first login, for its programme office, and the default "
        "savings types. With --email the login's person is e-mailed an invitation with a link "
        "to set a password; without, the link is printed here. The rest (directorates, "
        "people, logins, bundles, budget codes) the programme office sets up at /setup/."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="The council's short code, used in references: sefton")
        parser.add_argument("--name", required=True, help="The council's name: Sefton Council")
        parser.add_argument(
            "--admin", required=True, help="The login name of its first programme office login"
        )
        parser.add_argument("--email", default="", help="Where to send the admin's invitation")

    def handle(self, *args, code, name, admin, email, **options):
        code, name, admin, email = code.strip(), name.strip(), admin.strip(), email.strip()
        self._refuse_taken(code, name)
        try:
            with transaction.atomic():
                council = council_create(name=name, short_code=code, by=OPERATOR)
                membership = login_create(
                    council=council,
                    username=admin,
                    role=Role.PROGRAMME_OFFICE,
                    email=email,
                    by=OPERATOR,
                )
                types = savings_types_ensure_defaults(council=council)
                link = (
                    invitation_send(membership=membership, by=OPERATOR)
                    if email
                    else set_password_link(membership.user)
                )
        except ValidationError as error:
            raise CommandError(f"No council was created. {_problems(error)}") from error
        site = settings.SITE_URL.rstrip("/")
        self.stdout.write(
            f"Created {council.name} ({council.short_code}) with its {len(types)} default "
            "savings types."
        )
        if email:
            self.stdout.write(
                f"{admin} (programme office) was e-mailed an invitation at {email}, with a "
                "link to set their password."
            )
        else:
            self.stdout.write(
                f"{admin} (programme office) sets their password with this link. It works "
                f"once, so give it to them alone:\n\n    {link}\n"
            )
        self.stdout.write(
            f"Then they sign in at {site}{reverse('login')} and set the council up at "
            f"{site}{reverse('setup:index')}"
        )

    def _refuse_taken(self, code: str, name: str) -> None:
        """Say plainly when the code is not one, or the code or name is already a council's."""
        if not SLUG.fullmatch(code) or len(code) > 20:
            raise CommandError(
                f"No council was created. The council code {code!r} is not a code: use up to "
                "20 letters, numbers, hyphens or underscores, for example sefton."
            )
        taken = Council.objects.filter(short_code__iexact=code).first()
        if taken is not None:
            raise CommandError(
                f"No council was created. The council code {code!r} is already taken by "
                f"{taken.name}: choose another."
            )
        if Council.objects.filter(name__iexact=name).exists():
            raise CommandError(
                f"No council was created. There is already a council called {name!r}."
            )
