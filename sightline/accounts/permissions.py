"""Who may do what: one named rule per action, asked the same way everywhere.

Each app declares its rules in its own ``permissions.py`` with :func:`rule`, for example::

    rule(
        "savings.record_forecast",
        in_council & (is_programme_office | leads_proposal),
        action="record this month's forecast for this proposal",
        who="the programme office or the proposal's lead",
    )

The rule is registered with django-rules, so it is asked as ``user.has_perm(name, obj)`` in
views, as ``{% has_perm name user obj as can_x %}`` in templates (``{% load rules %}``), and
by the API; a service calls :func:`check`, which raises ``PermissionDenied`` with the rule's
own refusal ("You cannot record this month's forecast for this proposal: only the programme
office or the proposal's lead can, and your role is viewer."). Views, templates and the API
never test a role themselves.

Predicates receive ``(user, obj)``. The predicates below are the shared vocabulary; an app
adds its own object predicates (``leads_proposal``, ``owns_risk``) in its ``permissions.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

import rules
from django.core.exceptions import PermissionDenied

from sightline.accounts.models import Membership, Role

WRITE_ROLES = frozenset({Role.PROGRAMME_OFFICE, Role.FINANCE, Role.DIRECTOR, Role.EDITOR})

NOT_A_MEMBER = "Your account is not a member of any council. Ask your programme office to add you."


def membership_for(user) -> Membership | None:
    """The user's council membership, cached on the user object for the request."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_sightline_membership"):
        user._sightline_membership = (
            Membership.objects.select_related("council", "directorate")
            .filter(user=user, user__is_active=True)
            .first()
        )
    return user._sightline_membership


def require_membership(user) -> Membership:
    """The user's membership, or 403 saying they belong to no council."""
    membership = membership_for(user)
    if membership is None:
        raise PermissionDenied(NOT_A_MEMBER)
    return membership


# --- the shared predicates ------------------------------------------------------------------


def _role_predicate(*roles: str) -> rules.Predicate:
    allowed = frozenset(roles)
    label = "has_role_" + "_or_".join(sorted(allowed))

    @rules.predicate(label)
    def has_role(user) -> bool:
        membership = membership_for(user)
        return membership is not None and membership.role in allowed

    return has_role


is_member = rules.predicate(lambda user: membership_for(user) is not None, name="is_member")
is_programme_office = _role_predicate(Role.PROGRAMME_OFFICE)
is_finance = _role_predicate(Role.FINANCE)
is_director = _role_predicate(Role.DIRECTOR)
is_editor = _role_predicate(Role.EDITOR)
is_councillor = _role_predicate(Role.COUNCILLOR)
is_viewer = _role_predicate(Role.VIEWER)
can_write = _role_predicate(*WRITE_ROLES)


def has_role(*roles: str) -> rules.Predicate:
    """A predicate true when the user's role is one of ``roles``."""
    return _role_predicate(*roles)


@rules.predicate
def in_council(user, obj) -> bool:
    """The object belongs to the user's council (``obj.council_id``); no object: false."""
    membership = membership_for(user)
    if membership is None or obj is None:
        return False
    council_id = getattr(obj, "council_id", None)
    if council_id is None and obj.__class__.__name__ == "Council":
        council_id = obj.pk
    return council_id == membership.council_id


@rules.predicate
def directs_directorate(user, obj) -> bool:
    """The user is the director of the object's directorate (``obj.directorate_id``)."""
    membership = membership_for(user)
    return (
        membership is not None
        and membership.role == Role.DIRECTOR
        and obj is not None
        and membership.directorate_id is not None
        and getattr(obj, "directorate_id", None) == membership.directorate_id
    )


@rules.predicate
def sees_exempt(user) -> bool:
    """The user may read exempt (Schedule 12A) information."""
    membership = membership_for(user)
    return membership is not None and membership.sees_exempt


# --- rules with their refusals --------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    name: str
    predicate: rules.Predicate
    action: str
    who: str

    def refusal(self, user) -> str:
        membership = membership_for(user)
        if membership is None:
            return NOT_A_MEMBER
        return (
            f"You cannot {self.action}: only {self.who} can, "
            f"and your role is {membership.get_role_display().lower()}."
        )


RULES: dict[str, Rule] = {}


def rule(name: str, predicate: rules.Predicate, *, action: str, who: str) -> Rule:
    """Declare the rule ``name`` ("app.verb_noun"): registered with django-rules as a
    permission, with the words its refusal uses."""
    declared = Rule(name=name, predicate=predicate, action=action, who=who)
    RULES[name] = declared
    rules.set_perm(name, predicate)
    return declared


def allowed(user, name: str, obj=None) -> bool:
    """Whether ``user`` may do ``name`` (to ``obj``): the same answer as ``user.has_perm``."""
    if name not in RULES:
        raise KeyError(f"No rule named {name!r}: declare it in the app's permissions.py")
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(RULES[name].predicate.test(user, obj))


def refusal(user, name: str, obj=None) -> str:
    """The rule's own words for why ``user`` may not do ``name``."""
    return RULES[name].refusal(user)


def check(user, name: str, obj=None) -> Membership:
    """The user's membership if the rule allows them; otherwise ``PermissionDenied`` with the
    rule's own refusal. Services call this before every write."""
    membership = require_membership(user)
    if not allowed(user, name, obj):
        raise PermissionDenied(refusal(user, name, obj))
    return membership


def require_role(user, roles, *, action: str) -> Membership:
    """Deprecated: being replaced by named rules (:func:`rule` and :func:`check`). Kept only
    until every caller is converted; new code must not call it."""
    membership = require_membership(user)
    allowed_roles = set(roles)
    if membership.role not in allowed_roles:
        names = ", ".join(sorted(Role(r).label.lower() for r in allowed_roles))
        raise PermissionDenied(
            f"You cannot {action}: your role is {membership.get_role_display().lower()}, "
            f"and only {names} can."
        )
    return membership
