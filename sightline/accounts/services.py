"""Writes for accounts: councils, logins, reference data and API tokens, each saved with its
history in its transaction."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from sightline.accounts.models import ApiToken, Council, Directorate, Membership, Person, Role
from sightline.accounts.permissions import check, council_id_of
from sightline.core.audit import save_audited, save_edit

TOKEN_PREFIX = "sl_"


@transaction.atomic
def token_create(*, user, name: str = "API token") -> tuple[ApiToken, str]:
    """A new personal token for ``user``; the raw token is returned once and never stored."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name or "API token", prefix=raw[:8], token_hash=ApiToken.hash(raw)
    )
    return token, raw


@transaction.atomic
def token_revoke(*, token: ApiToken, by) -> None:
    """Revoke a token: its owner may, and so may their own council's programme office."""
    check(by, "accounts.revoke_token", token)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])


def token_authenticate(raw: str):
    """The active user behind a raw token, or None; records when it was last used."""
    if not raw or not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=ApiToken.hash(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def reference_save(*, obj, by, reason: str = "", expected_version: int | None = None) -> None:
    """Create or edit a piece of reference data (directorate, service area, person, portfolio).

    Only the programme office keeps reference data; the record must be in their council.
    """
    check(by, "accounts.change_reference_data", obj)
    check_own_links(obj)
    save_edit(obj, by=by, reason=reason, expected_version=expected_version)


def check_own_links(obj) -> None:
    """Every record ``obj`` links to (a directorate's director, a portfolio's lead member, a
    service area's directorate) is of ``obj``'s own council."""
    council_id = council_id_of(obj)
    errors = {}
    for field in obj._meta.concrete_fields:
        if not field.is_relation or field.name in {"created_by", "modified_by", "user"}:
            continue
        related = getattr(obj, field.name, None)
        owner = council_id_of(related) if related is not None else None
        if owner is not None and owner != council_id:
            errors[field.name] = "Choose one of your council's own records."
    if errors:
        raise ValidationError(errors)


# --- councils and logins -----------------------------------------------------------------------


class Operator:
    """Whoever runs Sightline's own commands on the server (``sightline create_council``,
    ``sightline load_demo``): not a login, and trusted because they run the server. Their
    changes are recorded in history as made by the system."""

    is_authenticated = False
    is_superuser = False
    pk = None

    def __str__(self) -> str:
        return "the server's operator"


OPERATOR = Operator()


def _require_operator(by) -> None:
    if by is OPERATOR or getattr(by, "is_superuser", False):
        return
    raise PermissionDenied(
        "You cannot create a council: only the server's operator can, at the command line."
    )


@transaction.atomic
def council_create(*, name: str, short_code: str, by) -> Council:
    """A new council. Only the server's operator (or a superuser) creates councils; everything
    in a council is then kept by its own programme office."""
    _require_operator(by)
    council = Council(name=name.strip(), short_code=short_code.strip())
    save_audited(council, by=by, reason="Council created")
    return council


@transaction.atomic
def login_create(
    *,
    council: Council,
    username: str,
    role: str,
    by,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    directorate: Directorate | None = None,
    exempt_access: bool = False,
    password: str | None = None,
    person: Person | None = None,
) -> Membership:
    """A login for someone in ``council`` with ``role``: the user, their membership and the
    person record that names them in plans and proposals (``person``, or a new one). The
    council's programme office gives logins; the server's operator gives a new council its
    first. Without ``password`` the login cannot sign in until a password is set (by the
    password-reset e-mail)."""
    if not (by is OPERATOR or getattr(by, "is_superuser", False)):
        check(by, "accounts.manage_logins", council)
    errors = {}
    if role not in Role.values:
        errors["role"] = f"{role!r} is not a role (use one of {', '.join(Role.values)})."
    if role == Role.DIRECTOR and directorate is None:
        errors["directorate"] = "A director's login needs the directorate they direct."
    if directorate is not None and directorate.council_id != council.pk:
        errors["directorate"] = "Choose one of the council's own directorates."
    if person is not None and person.council_id != council.pk:
        errors["person"] = "Choose one of the council's own people."
    if get_user_model().objects.filter(username__iexact=username).exists():
        errors["username"] = f"The login name {username!r} is already taken."
    if errors:
        raise ValidationError(errors)
    user = get_user_model()(
        username=username, first_name=first_name, last_name=last_name, email=email
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    membership = Membership(
        user=user,
        council=council,
        role=role,
        directorate=directorate,
        exempt_access=exempt_access,
    )
    save_audited(membership, by=by, reason=f"Login given: {role}")
    person = person or Person(
        council=council,
        name=f"{first_name} {last_name}".strip() or username,
        job_title="",
    )
    person.user = user
    save_audited(person, by=by, reason="Linked to a login")
    return membership
