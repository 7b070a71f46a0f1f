"""Who may do what: one named rule per action, asked the same way everywhere.

Each app declares its rules in its own ``permissions.py`` with :func:`rule`, for example::

    rule(
        "savings.record_forecast",
        in_council & (is_programme_office | is_finance | directs_directorate | leads_proposal),
        action="record this month's forecast for this proposal",
        who="the programme office, finance, the directorate's director or the proposal's leads",
        noun="proposal",
    )

The rule is registered with django-rules, so it is asked as ``user.has_perm(name, obj)`` in
views, as ``{% has_perm name user obj as can_x %}`` in templates (``{% load rules %}``), and
by the API; a service calls :func:`check`, which raises ``PermissionDenied`` with the rule's
own refusal ("You cannot record this month's forecast for this proposal: only the programme
office, finance, the directorate's director or the proposal's leads can, and your role is
viewer."). Views, templates and the API never test a role themselves, and never write a
refusal of their own.

Predicates receive ``(user, obj)``. The predicates below are the shared vocabulary; an app
adds its own object predicates (``leads_proposal``, ``owns_risk``) in its ``permissions.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import rules
from django.core.exceptions import PermissionDenied
from django.utils.functional import SimpleLazyObject, empty

from sightline.accounts.models import Membership, Role

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


def council_id_of(obj: Any) -> int | None:
    """The council a record belongs to: its own ``council_id``, or that of the record it hangs
    from (a service area's directorate, a line's proposal, a priority's plan)."""
    if obj is None:
        return None
    if obj.__class__.__name__ == "Council":
        return obj.pk
    council_id = getattr(obj, "council_id", None)
    if council_id is not None:
        return council_id
    for parent in ("directorate", "proposal", "plan", "indicator", "risk", "bundle"):
        if getattr(obj, f"{parent}_id", None) is not None:
            return council_id_of(getattr(obj, parent))
    return None


# --- the shared predicates ------------------------------------------------------------------


def _role_predicate(*roles: str) -> rules.Predicate:
    allowed_roles = frozenset(roles)
    label = "has_role_" + "_or_".join(sorted(allowed_roles))

    def has_role(user) -> bool:
        membership = membership_for(user)
        return membership is not None and membership.role in allowed_roles

    return rules.Predicate(has_role, name=label)


is_member = rules.Predicate(lambda user: membership_for(user) is not None, name="is_member")
is_programme_office = _role_predicate(Role.PROGRAMME_OFFICE)
is_finance = _role_predicate(Role.FINANCE)
is_director = _role_predicate(Role.DIRECTOR)
is_editor = _role_predicate(Role.EDITOR)
is_councillor = _role_predicate(Role.COUNCILLOR)
is_viewer = _role_predicate(Role.VIEWER)


def has_role(*roles: str) -> rules.Predicate:
    """A predicate true when the user's role is one of ``roles``."""
    return _role_predicate(*roles)


@rules.predicate
def in_council(user, obj) -> bool:
    """The object belongs to the user's council; with no object, true for any member (the
    question is then "may they ever", asked before offering a button)."""
    membership = membership_for(user)
    if membership is None:
        return False
    if obj is None:
        return True
    return council_id_of(obj) == membership.council_id


@rules.predicate
def directs_directorate(user, obj) -> bool:
    """The user is the director of the object's directorate (``obj.directorate_id``); with
    no object, any director (they may act in their own directorate)."""
    membership = membership_for(user)
    if membership is None or membership.role != Role.DIRECTOR:
        return False
    if obj is None:
        return True
    return (
        membership.directorate_id is not None
        and getattr(obj, "directorate_id", None) == membership.directorate_id
    )


@rules.predicate
def sees_exempt(user) -> bool:
    """The user may read exempt (Schedule 12A) information."""
    membership = membership_for(user)
    return membership is not None and membership.sees_exempt


def person_is_user(person, user) -> bool:
    """Whether ``person`` (a Person or None) is the signed-in ``user``."""
    return person is not None and person.user_id is not None and person.user_id == user.pk


# --- rules with their refusals --------------------------------------------------------------

Who = str | Callable[[Any], str]
Explain = Callable[[Any, Membership, Any], str | None]


@dataclass(frozen=True)
class Rule:
    """A named action: the predicate that allows it and the words that refuse it."""

    name: str
    predicate: rules.Predicate
    action: str
    who: Who
    noun: str = "record"
    explain: Explain | None = None

    def refusal(self, user, obj=None) -> str:
        membership = membership_for(user)
        if membership is None:
            return NOT_A_MEMBER
        owner = council_id_of(obj)
        if owner is not None and owner != membership.council_id:
            if obj.__class__.__name__ == "Council":
                return f"You can only {self.action} in your own council."
            return f"This {self.noun} belongs to another council."
        if self.explain is not None:
            specific = self.explain(user, membership, obj)
            if specific:
                return specific
        who = self.who(obj) if callable(self.who) else self.who
        return (
            f"You cannot {self.action}: only {who} can, "
            f"and your role is {membership.get_role_display().lower()}."
        )


RULES: dict[str, Rule] = {}


def rule(
    name: str,
    predicate: rules.Predicate,
    *,
    action: str,
    who: Who,
    noun: str = "record",
    explain: Explain | None = None,
) -> Rule:
    """Declare the rule ``name`` ("app.verb_noun"): registered with django-rules as a
    permission, with the words its refusal uses.

    ``who`` names those allowed (text, or a function of the object); ``noun`` names the
    object in "This proposal belongs to another council."; ``explain(user, membership, obj)``
    may give a more precise refusal for a particular case, or None for the general one.
    """
    declared = Rule(
        name=name, predicate=predicate, action=action, who=who, noun=noun, explain=explain
    )
    RULES[name] = declared
    rules.set_perm(name, predicate)
    return declared


def _rule(name: str) -> Rule:
    try:
        return RULES[name]
    except KeyError:
        raise KeyError(f"No rule named {name!r}: declare it in the app's permissions.py") from None


def allowed(user, name: str, obj=None) -> bool:
    """Whether ``user`` may do ``name`` (to ``obj``): the question every view, template and
    API operation asks before offering or doing it."""
    declared = _rule(name)
    user = _unwrapped(user)
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(declared.predicate.test(user, obj))


def _unwrapped(user):
    """The user behind ``request.user``'s lazy wrapper, through which every attribute a rule's
    predicates read costs a call: a page asking a rule of each of a thousand savings asks it
    of the user itself (the membership cached on it is the same either way)."""
    if isinstance(user, SimpleLazyObject):
        if user._wrapped is empty:
            user._setup()
        return user._wrapped
    return user


def refusal(user, name: str, obj=None) -> str:
    """The rule's own words for why ``user`` may not do ``name``."""
    return _rule(name).refusal(user, obj)


def check(user, name: str, obj=None) -> Membership:
    """The user's membership if the rule allows them; otherwise ``PermissionDenied`` with the
    rule's own refusal. Services call this before every write."""
    membership = require_membership(user)
    if not allowed(user, name, obj):
        raise PermissionDenied(refusal(user, name, obj))
    return membership


def rule_names() -> list[str]:
    """Every declared rule, for the documentation and the access matrix."""
    return sorted(RULES)


# --- the accounts app's own rules -----------------------------------------------------------


def _token_council_id(token) -> int | None:
    """The council of the person a token belongs to."""
    return (
        Membership.objects.filter(user_id=token.user_id)
        .values_list("council_id", flat=True)
        .first()
    )


@rules.predicate
def owns_token(user, token) -> bool:
    """The token is the user's own; with no token, true (anyone may revoke their own)."""
    return token is None or token.user_id == user.pk


@rules.predicate
def token_in_council(user, token) -> bool:
    """The token belongs to someone in the user's council."""
    membership = membership_for(user)
    return (
        membership is not None
        and token is not None
        and _token_council_id(token) == membership.council_id
    )


def _token_elsewhere(user, membership, token):
    if token is not None and _token_council_id(token) != membership.council_id:
        return "This token belongs to someone in another council."
    return None


rule(
    "accounts.change_reference_data",
    in_council & is_programme_office,
    action="change reference data",
    who="programme office",
    noun="record",
)
rule(
    "accounts.revoke_token",
    # Your own token, always; anyone else's in your council, the programme office.
    owns_token | (is_programme_office & token_in_council),
    action="revoke this token",
    who="its owner or their council's programme office",
    noun="token",
    explain=_token_elsewhere,
)
rule(
    "accounts.manage_logins",
    in_council & is_programme_office,
    action="give or change logins",
    who="the programme office",
    noun="login",
)


@rules.predicate
def is_own_login(user, membership) -> bool:
    """The membership is the user's own login."""
    return membership is not None and membership.user_id == user.pk


def _own_login(user, membership, obj):
    if obj is not None and getattr(obj, "user_id", None) == user.pk:
        return "You cannot deactivate your own login: another member of the programme office can."
    return None


rule(
    "accounts.change_login",
    in_council & is_programme_office,
    action="change this login",
    who="the programme office",
    noun="login",
)
rule(
    "accounts.deactivate_login",
    in_council & is_programme_office & ~is_own_login,
    action="deactivate or reactivate this login",
    who="another member of the programme office",
    noun="login",
    explain=_own_login,
)
