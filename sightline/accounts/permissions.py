"""Who may do what. Selectors scope reads; services call these before any write."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied

from sightline.accounts.models import Membership, Role

WRITE_ROLES = frozenset({Role.PROGRAMME_OFFICE, Role.FINANCE, Role.DIRECTOR, Role.EDITOR})


def membership_for(user) -> Membership | None:
    """The user's council membership, cached on the user object for the request."""
    if user is None or not user.is_authenticated:
        return None
    if not hasattr(user, "_sightline_membership"):
        user._sightline_membership = (
            Membership.objects.select_related("council", "directorate")
            .filter(user=user, user__is_active=True)
            .first()
        )
    return user._sightline_membership


def require_membership(user) -> Membership:
    membership = membership_for(user)
    if membership is None:
        raise PermissionDenied(
            "Your account is not a member of any council. Ask your programme office to add you."
        )
    return membership


def require_role(user, roles: Iterable[str], *, action: str) -> Membership:
    """The user's membership if their role is one of ``roles``; otherwise 403 saying why."""
    membership = require_membership(user)
    allowed = set(roles)
    if membership.role not in allowed:
        names = ", ".join(sorted(Role(r).label.lower() for r in allowed))
        raise PermissionDenied(
            f"You cannot {action}: your role is {membership.get_role_display().lower()}, "
            f"and only {names} can."
        )
    return membership
