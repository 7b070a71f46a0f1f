"""What must hold of the database after any post, saved or refused.

``Snapshot.take()`` before a request and ``problems(before, by=user, council_id=...)`` after it
give every broken rule as a sentence. The checks common to every app (one function per app
below calls them with the app's own extras):

- a refused post stores nothing: no table's rows, versions or history change;
- a saved post leaves every record it touched passing its own rules (``full_clean``: field
  validators, amounts within bounds and in whole pence, valid financial years, the model's
  constraints), belonging to the acting user's council, pointing only at records of that
  council, and with a history row (the audit trail) written with the change;
- exempt flags are changed only by someone the rule lets mark a proposal exempt.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.utils import timezone

from sightline.accounts.models import Council
from sightline.core.fiscal import FinancialYear
from sightline.core.models import PenceField
from sightline.core.money import MAX_AMOUNT_PENCE

# Tables a request may write without storing anything of the council's (sessions, sign-in
# throttling and the like).
IGNORED = {"sessions", "admin", "contenttypes", "auth"}
STAMPS = {"created_by", "modified_by", "history_user"}
# Records without a history of their own: an uploaded file waiting to be imported (its own
# record says who sent it and when, and the import's history what it changed).
UNAUDITED = {"imports.Upload", "imports.ColumnMapping"}


def _app_models() -> list[type[models.Model]]:
    return [
        m
        for m in apps.get_models()
        if m.__module__.startswith("sightline.") and m._meta.app_label not in IGNORED
    ]


def _is_history(model) -> bool:
    return model.__name__.startswith("Historical")


def _states() -> dict:
    """Each table's row count, largest id, sum of versions and latest change, in one query
    (a snapshot is taken around every post)."""
    quote = connection.ops.quote_name
    parts, models_ = [], _app_models()
    for i, model in enumerate(models_):
        columns = {f.name: f.column for f in model._meta.concrete_fields}
        live = not _is_history(model)
        version = f"SUM({quote(columns['version'])})" if live and "version" in columns else "0"
        changed = (
            f"CAST(MAX({quote(columns['modified_at'])}) AS TEXT)"
            if live and "modified_at" in columns
            else "''"
        )
        parts.append(
            f"SELECT {i}, COUNT(*), MAX({quote(model._meta.pk.column)}), {version}, {changed} "
            f"FROM {quote(model._meta.db_table)}"
        )
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts))
        rows = cursor.fetchall()
    return {models_[row[0]]: tuple(row[1:]) for row in rows}


@dataclass
class Snapshot:
    at: datetime.datetime
    states: dict
    tops: dict
    exempt: dict

    @classmethod
    def take(cls) -> Snapshot:
        from sightline.savings.models import Proposal

        states = _states()
        tops = {model: state[1] for model, state in states.items()}
        exempt = dict(Proposal.objects.values_list("pk", "exempt"))
        return cls(timezone.now(), states, tops, exempt)

    def changed_models(self) -> list:
        now = _states()
        return [m for m in now if now[m] != self.states.get(m)]


# --- councils -----------------------------------------------------------------------------


def council_of(obj, depth: int = 4, _seen=None) -> int | None:
    """The council a record belongs to, following its links (a line's proposal's council)."""
    if obj is None or depth < 0:
        return None
    if isinstance(obj, Council):
        return obj.pk
    if isinstance(obj, get_user_model()):
        membership = getattr(obj, "membership", None)
        return getattr(membership, "council_id", None)
    if getattr(obj, "council_id", None) is not None:
        return obj.council_id
    for f in obj._meta.concrete_fields:
        if f.is_relation and f.many_to_one and f.name not in STAMPS:
            target = getattr(obj, f.name, None)
            found = council_of(target, depth - 1)
            if found is not None:
                return found
    return None


def _links(obj):
    for f in obj._meta.get_fields():
        if not f.concrete or f.name in STAMPS or not f.is_relation:
            continue
        if f.many_to_one or f.one_to_one:
            target = getattr(obj, f.name, None)
            if target is not None:
                yield f.name, target
        elif f.many_to_many and obj.pk:
            for target in getattr(obj, f.name).all():
                yield f.name, target


# --- the common checks ------------------------------------------------------------------------


def _touched(model, before: Snapshot):
    if _is_history(model):
        return []
    names = {f.name for f in model._meta.concrete_fields}
    query = models.Q(pk__gt=before.tops[model]) if before.tops[model] is not None else models.Q()
    if "modified_at" in names:
        query |= models.Q(modified_at__gte=before.at)
    if before.tops[model] is None:
        return list(model._default_manager.all())
    return list(model._default_manager.filter(query))


def _whole_pence(value) -> bool:
    return isinstance(value, int) and abs(value) <= MAX_AMOUNT_PENCE


def _record_problems(obj, before: Snapshot, *, council_id: int | None) -> list[str]:
    label = f"{type(obj).__name__} {obj.pk} ({str(obj)[:60]!r})"
    found = []
    try:
        obj.full_clean()
    except ValidationError as exc:
        found.append(f"{label} breaks its own rules: {exc.message_dict}")
    for f in obj._meta.concrete_fields:
        value = getattr(obj, f.attname)
        if isinstance(f, PenceField) and value is not None and not _whole_pence(value):
            found.append(f"{label}.{f.name} = {value!r} is not whole pence within bounds")
        if isinstance(value, FinancialYear) and not 1990 <= value.start_year <= 2100:
            found.append(f"{label}.{f.name} = {value} is not a plausible financial year")
        if isinstance(value, Decimal) and not value.is_finite():
            found.append(f"{label}.{f.name} = {value} is not a number")
        if isinstance(value, str) and "\x00" in value:
            found.append(f"{label}.{f.name} holds a NUL character")
    own = council_of(obj)
    if council_id is not None and own is not None and own != council_id:
        found.append(f"{label} belongs to council {own}, not the acting user's {council_id}")
    for name, target in _links(obj):
        theirs = council_of(target)
        if own is not None and theirs is not None and theirs != own:
            found.append(f"{label}.{name} points at {target!r} of another council ({theirs})")
    if (
        hasattr(type(obj), "history")
        and not obj.history.filter(history_date__gte=before.at).exists()
    ):
        found.append(f"{label} changed without a history row (no audit trail)")
    return found


def _common(app_label: str, before: Snapshot, *, council_id, changed) -> list[str]:
    found = []
    for model in changed:
        if model._meta.app_label != app_label:
            continue
        for obj in _touched(model, before):
            found.extend(_record_problems(obj, before, council_id=council_id))
    return found


# --- one function per app ------------------------------------------------------------------


def savings(before: Snapshot, *, by, council_id, changed) -> list[str]:
    from sightline.savings.models import Proposal

    found = _common("savings", before, council_id=council_id, changed=changed)
    for pk, exempt in Proposal.objects.values_list("pk", "exempt"):
        was = before.exempt.get(pk)
        if was is not None and was != exempt:
            proposal = Proposal.objects.get(pk=pk)
            if by is None or not by.has_perm("savings.mark_exempt", proposal):
                found.append(f"Proposal {pk}'s exempt flag changed by {by}, who may not mark it")
    return found


def _app(label):
    def check(before: Snapshot, *, by, council_id, changed) -> list[str]:
        return _common(label, before, council_id=council_id, changed=changed)

    check.__name__ = label
    return check


accounts = _app("accounts")
strategy = _app("strategy")
finance = _app("finance")
performance = _app("performance")
risks = _app("risks")
impact = _app("impact")
plans = _app("plans")
scrutiny = _app("scrutiny")
simulator = _app("simulator")
public = _app("public")
imports = _app("imports")
core = _app("core")

PER_APP = [
    accounts,
    strategy,
    savings,
    finance,
    performance,
    risks,
    impact,
    plans,
    scrutiny,
    simulator,
    public,
    imports,
    core,
]


def problems(before: Snapshot, *, by, council_id, saved: bool) -> list[str]:
    """Every rule the database breaks after a request (``saved``: whether it said it saved)."""
    changed = before.changed_models()
    if not saved:
        return [f"a refused post changed {m._meta.label}" for m in changed]
    found = []
    for check in PER_APP:
        found.extend(check(before, by=by, council_id=council_id, changed=changed))
    data = [m for m in changed if not _is_history(m) and m._meta.label not in UNAUDITED]
    if data and not any(_is_history(m) for m in changed):
        found.append(f"{[m._meta.label for m in data]} changed without any history row")
    return found
