"""Writes for accounts: councils, logins, reference data and API tokens, each saved with its
history in its transaction."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from sightline.accounts.models import ApiToken, Council, Directorate, Membership, Person, Role
from sightline.accounts.permissions import check, council_id_of
from sightline.core.audit import save_audited, save_edit

if TYPE_CHECKING:
    from django.contrib.auth.models import User

TOKEN_PREFIX = "sl_"


@transaction.atomic
def token_create(
    *, user, name: str = "API token", expires_in_days: int = ApiToken.DEFAULT_EXPIRY_DAYS
) -> tuple[ApiToken, str]:
    """A new personal token for ``user``, ending after ``expires_in_days`` (one of
    ``ApiToken.ExpiryChoices``) or when their password changes; the raw token is returned once
    and never stored."""
    if expires_in_days not in ApiToken.ExpiryChoices.values:
        allowed = ", ".join(str(days) for days in ApiToken.ExpiryChoices.values)
        raise ValidationError({"expires_in_days": f"Choose one of {allowed} days."})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name or "API token",
        prefix=raw[:8],
        token_hash=ApiToken.hash(raw),
        expires_at=timezone.now() + timedelta(days=expires_in_days),
        password_stamp=user.get_session_auth_hash(),
    )
    token._history_user = user
    token._change_reason = f"Made, ending after {expires_in_days} days"
    with transaction.atomic():
        token.save()
    return token, raw


@transaction.atomic
def token_revoke(*, token: ApiToken, by: User) -> None:
    """Revoke a token: its owner may, and so may their own council's programme office."""
    check(by, "accounts.revoke_token", token)
    token.revoked_at = timezone.now()
    token.revoked_reason = "Revoked" if by.pk == token.user_id else f"Revoked by {by}"
    token._history_user = by
    token._change_reason = token.revoked_reason
    token.save(update_fields=["revoked_at", "revoked_reason"])


@transaction.atomic
def tokens_end(*, user, reason: str) -> int:
    """End every live token of ``user`` (their password changed, or their login was
    deactivated), each with a history row saying why; how many ended."""
    now, ended = timezone.now(), 0
    for token in ApiToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True):
        token.revoked_at, token.revoked_reason = now, reason[:100]
        token._history_user = None  # the system ends them, for the reason given
        token._change_reason = reason[:100]
        token.save(update_fields=["revoked_at", "revoked_reason"])
        ended += 1
    return ended


def token_authenticate(raw: str):
    """The active user behind a raw, live token, or None: revoked, expired and tokens made
    before their owner's password last changed are refused. Records when it was last used."""
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
    if token.expires_at <= now:
        return None
    if token.password_stamp and not constant_time_compare(
        token.password_stamp, token.user.get_session_auth_hash()
    ):
        # The password changed by a way that did not end it (the admin, a command): end it now.
        tokens_end(user=token.user, reason="Password changed")
        return None
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def reference_save(*, obj, by: User, reason: str = "", expected_version: int | None = None) -> None:
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


def _require_operator(by: User) -> None:
    if by is OPERATOR or getattr(by, "is_superuser", False):
        return
    raise PermissionDenied(
        "You cannot create a council: only the server's operator can, at the command line."
    )


@transaction.atomic
def council_create(*, name: str, short_code: str, by: User) -> Council:
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
    by: User,
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


@transaction.atomic
def login_admin_access_set(*, membership: Membership, admin_access: bool, by: User) -> Membership:
    """Open (or close) the administration of reference data to a login: Django's admin lets
    in only logins marked staff, and then only those ``accounts.change_reference_data`` allows
    (the programme office), so only a programme office login is given it. The council's
    programme office decides, as for any login; the server's operator may for a new council's
    first login. The membership's history records who opened or closed it, and when."""
    if not (by is OPERATOR or getattr(by, "is_superuser", False)):
        check(by, "accounts.manage_logins", membership.council)
    if admin_access and membership.role != Role.PROGRAMME_OFFICE:
        raise ValidationError(
            {"role": "Only a programme office login can use the administration of reference data."}
        )
    user = membership.user
    if user.is_staff == admin_access:
        return membership
    user.is_staff = admin_access
    user.save(update_fields=["is_staff"])
    opened = "opened to" if admin_access else "closed to"
    save_audited(membership, by=by, reason=f"Administration of reference data {opened} this login")
    return membership


# --- logins kept by the programme office ---------------------------------------------------------


def _may_manage_logins(by: User, council: Council) -> None:
    if not (by is OPERATOR or getattr(by, "is_superuser", False)):
        check(by, "accounts.manage_logins", council)


def set_password_link(user, *, site_url: str = "") -> str:
    """The link with which ``user`` sets their password: Django's password-reset token, so it
    works once (setting the password spends it) and for ``PASSWORD_RESET_TIMEOUT``."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return (site_url or settings.SITE_URL).rstrip("/") + path


def _link_lasts() -> str:
    days = max(1, settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60))
    return f"{days} day{'s' if days != 1 else ''}"


@transaction.atomic
def invitation_send(*, membership: Membership, by: User, site_url: str = "") -> str:
    """E-mail the login's person an invitation to Sightline with the link that sets their
    password; the link is returned. The programme office invites (the server's operator, a
    new council's first login). The membership's history records who sent it, and to whom."""
    _may_manage_logins(by, membership.council)
    user = membership.user
    if not user.email:
        raise ValidationError({"email": "This login has no e-mail address to send it to."})
    if not user.is_active:
        raise ValidationError("This login is deactivated: reactivate it before inviting.")
    link = set_password_link(user, site_url=site_url)
    site = (site_url or settings.SITE_URL).rstrip("/")
    body = (
        f"Hello {user.get_full_name() or user.get_username()},\n\n"
        f"You have a login to Sightline for {membership.council.name}, as "
        f"{membership.get_role_display().lower()}.\n\n"
        f"Your login name is: {user.get_username()}\n\n"
        f"Set your password with this link. It works once, for {_link_lasts()}:\n{link}\n\n"
        f"Then sign in at {site}{reverse('login')}\n\n"
        "If you did not expect this e-mail, you can ignore it.\n"
    )
    send_mail(
        f"Your Sightline login for {membership.council.name}",
        body,
        None,
        [user.email],
    )
    save_audited(membership, by=by, reason=f"Invitation sent to {user.email}", bump_version=False)
    return link


@transaction.atomic
def login_invite(*, council: Council, by: User, site_url: str = "", **login) -> Membership:
    """Give a login (:func:`login_create`, without a password) and e-mail its person the
    invitation to set one (:func:`invitation_send`): both, or neither."""
    if not login.get("email"):
        raise ValidationError({"email": "An invitation needs an e-mail address to go to."})
    membership = login_create(council=council, by=by, password=None, **login)
    invitation_send(membership=membership, by=by, site_url=site_url)
    return membership


def _other_programme_office(membership: Membership) -> bool:
    """Whether the council has an active programme office login besides this one."""
    return (
        Membership.objects.filter(
            council_id=membership.council_id, role=Role.PROGRAMME_OFFICE, user__is_active=True
        )
        .exclude(pk=membership.pk)
        .exists()
    )


LAST_PROGRAMME_OFFICE = (
    "This is the council's only programme office login: give another login the programme "
    "office role first, or no one could keep the council's logins."
)


@transaction.atomic
def login_change(
    *,
    membership: Membership,
    by: User,
    role: str,
    directorate: Directorate | None = None,
    exempt_access: bool = False,
    expected_version: int | None = None,
    reason: str = "",
) -> Membership:
    """Change a login's role, directorate (a director's) and exempt access (a councillor's),
    against the version read. The council keeps at least one programme office login; a login
    that leaves the programme office loses the administration of reference data."""
    check(by, "accounts.change_login", membership)
    errors = {}
    if role not in Role.values:
        errors["role"] = f"{role!r} is not a role (use one of {', '.join(Role.values)})."
    elif role == Role.DIRECTOR and directorate is None:
        errors["directorate"] = "A director's login needs the directorate they direct."
    if directorate is not None and directorate.council_id != membership.council_id:
        errors["directorate"] = "Choose one of the council's own directorates."
    if (
        "role" not in errors
        and membership.role == Role.PROGRAMME_OFFICE
        and role != Role.PROGRAMME_OFFICE
        and not _other_programme_office(membership)
    ):
        errors["role"] = LAST_PROGRAMME_OFFICE
    if errors:
        raise ValidationError(errors)
    membership.role = role
    membership.directorate = directorate
    membership.exempt_access = exempt_access
    save_edit(membership, by=by, reason=reason, expected_version=expected_version)
    user = membership.user
    if role != Role.PROGRAMME_OFFICE and user.is_staff:
        user.is_staff = False
        user.save(update_fields=["is_staff"])
    return membership


@transaction.atomic
def login_deactivate(
    *, membership: Membership, by: User, expected_version: int | None = None, reason: str = ""
) -> Membership:
    """Stop a login signing in, or using the API, from now on; it is never deleted, so its
    name stays on everything it did. Nobody deactivates their own login."""
    check(by, "accounts.deactivate_login", membership)
    user = membership.user
    if not user.is_active:
        raise ValidationError("This login is already deactivated.")
    if membership.role == Role.PROGRAMME_OFFICE and not _other_programme_office(membership):
        raise ValidationError(LAST_PROGRAMME_OFFICE)
    user.is_active = False
    user.save(update_fields=["is_active"])
    tokens_end(user=user, reason="Login deactivated")
    save_edit(
        membership,
        by=by,
        reason=reason or "Login deactivated",
        expected_version=expected_version,
    )
    return membership


@transaction.atomic
def login_reactivate(
    *, membership: Membership, by: User, expected_version: int | None = None, reason: str = ""
) -> Membership:
    """Let a deactivated login sign in again, with the role it had."""
    check(by, "accounts.deactivate_login", membership)
    user = membership.user
    if user.is_active:
        raise ValidationError("This login is already active.")
    user.is_active = True
    user.save(update_fields=["is_active"])
    save_edit(
        membership,
        by=by,
        reason=reason or "Login reactivated",
        expected_version=expected_version,
    )
    return membership
