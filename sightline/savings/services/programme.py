"""The programme's targets and settings, savings types, bundles, budget codes with their
budgets by year, double-counting reviews and the learning log."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from sightline.accounts.models import Council
from sightline.accounts.permissions import check
from sightline.accounts.services import check_own_links
from sightline.core.audit import delete_audited, save_audited, save_edit
from sightline.core.fiscal import FinancialYear
from sightline.savings import selectors
from sightline.savings.models import (
    BudgetCode,
    BudgetCodeReview,
    Bundle,
    BundleTarget,
    Lesson,
    ProgrammeSettings,
    ProgrammeYear,
    SavingsType,
)
from sightline.savings.models.programme import BudgetCodeBudget
from sightline.savings.services.bulk import BATCH, ImportRefused

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class DefaultType(NamedTuple):
    """One savings type of the default taxonomy, with its counting rule."""

    name: str
    cashable: bool
    recurring: bool
    counts_toward_gap: bool


# The savings types a new council starts with (``sightline create_council``); its programme
# office changes, adds and retires them on the set-up pages.
DEFAULT_TAXONOMY = [
    DefaultType("Efficiency", cashable=True, recurring=True, counts_toward_gap=True),
    DefaultType("Reduction in provision", cashable=True, recurring=True, counts_toward_gap=True),
    DefaultType("Income generation", cashable=True, recurring=True, counts_toward_gap=True),
    DefaultType("Service redesign", cashable=True, recurring=True, counts_toward_gap=True),
    DefaultType("Commercialisation", cashable=True, recurring=True, counts_toward_gap=True),
    DefaultType("Cost avoidance", cashable=False, recurring=True, counts_toward_gap=False),
]


@transaction.atomic
def savings_types_ensure_defaults(*, council: Council) -> list[SavingsType]:
    """The council's default savings types, created if missing (an existing type of the same
    name is left as its programme office keeps it)."""
    return [
        SavingsType.objects.get_or_create(
            council=council,
            name=t.name,
            defaults={
                "cashable": t.cashable,
                "recurring": t.recurring,
                "counts_toward_gap": t.counts_toward_gap,
            },
        )[0]
        for t in DEFAULT_TAXONOMY
    ]


def _name_taken(obj, noun: str) -> None:
    """Refuse a second record of the same name in the council (the database would, too, but
    in words that name neither the field nor the record)."""
    taken = (
        type(obj)
        .objects.filter(council_id=obj.council_id, name__iexact=obj.name.strip())
        .exclude(pk=obj.pk)
        .exists()
    )
    if taken:
        raise ValidationError({"name": f"Your council already has a {noun} called “{obj.name}”."})


@transaction.atomic
def savings_type_save(
    *, savings_type: SavingsType, by: User, expected_version: int | None = None, reason: str = ""
) -> SavingsType:
    """Create or change a savings type and its counting rule (cashable, recurring, counts
    toward the budget gap), or retire it (``disabled_on``); never deleted."""
    check(by, "savings.change_savings_type", savings_type)
    savings_type.name = savings_type.name.strip()
    _name_taken(savings_type, "savings type")
    save_edit(savings_type, by=by, reason=reason, expected_version=expected_version)
    return savings_type


@transaction.atomic
def programme_year_set(
    *, council: Council, fy: FinancialYear, target_pence: int, team_cost_pence: int, by: User
) -> ProgrammeYear:
    check(by, "savings.set_targets", council)
    year = ProgrammeYear.objects.filter(council=council, fy=fy).first()
    year = year or ProgrammeYear(council=council, fy=fy)
    year.target_pence, year.team_cost_pence = target_pence, team_cost_pence
    save_audited(year, by=by)
    return year


@transaction.atomic
def programme_settings_update(*, council: Council, by: User, **weights) -> ProgrammeSettings:
    check(by, "savings.set_targets", council)
    settings = ProgrammeSettings.objects.filter(council=council).first()
    settings = settings or ProgrammeSettings(council=council)
    for name, value in weights.items():
        setattr(settings, name, value)
    save_audited(settings, by=by)
    return settings


ENABLING_HAS_NO_TARGET = (
    "An enabling bundle has no target: its savings are counted in other bundles."
)


@transaction.atomic
def bundle_save(
    *,
    bundle: Bundle,
    by: User,
    targets: dict[FinancialYear, int | None] | None = None,
    expected_version: int | None = None,
    reason: str = "",
) -> Bundle:
    """Create or change a bundle (its sponsor, lead, vision, enabling flag) and set its
    ``targets`` by year (None removes a year's target; years not given are left). An enabling
    bundle has no target. An edit made against an older ``expected_version`` is refused."""
    check(by, "savings.change_bundle", bundle)
    check_own_links(bundle)
    bundle.name = bundle.name.strip()
    _name_taken(bundle, "bundle")
    save_edit(bundle, by=by, reason=reason, expected_version=expected_version)
    current = {t.fy: t for t in bundle.targets.all()}
    for fy, pence in (targets or {}).items():
        target = current.get(fy)
        if pence is None:
            if target is not None:
                delete_audited(target, by=by, reason=reason or f"Target for {fy} removed")
                del current[fy]
            continue
        target = target or BundleTarget(bundle=bundle, fy=fy)
        if target.pk is None or target.target_pence != pence:
            target.target_pence = pence
            try:
                save_audited(target, by=by, reason=reason)
            except ValidationError as error:
                raise ValidationError({f"target_{fy.start_year}": error.messages}) from error
        current[fy] = target
    if bundle.enabling and any(t.target_pence for t in current.values()):
        raise ValidationError({"enabling": ENABLING_HAS_NO_TARGET})
    return bundle


# --- budget codes and their budgets by year ---------------------------------------------------


def _budget_code_errors(
    code: BudgetCode, budgets: dict[FinancialYear, int | None], *, have: dict[FinancialYear, int]
) -> dict[str, list[str]]:
    """What is wrong with ``code`` given its new ``budgets`` (by year; None removes one) when
    it already has budgets for the years ``have``: its own fields, a directorate of another
    council, a budget that is negative or beyond any council's, no budget at all. Sets its
    current budget to its latest year's. Asked by one code's form and by an import alike."""
    errors: dict[str, list[str]] = {}
    try:
        check_own_links(code)
    except ValidationError as error:
        errors.update(error.message_dict)
    for fy, pence in budgets.items():
        if pence is None:
            continue
        try:
            BudgetCodeBudget(code=code, fy=fy, budget_pence=pence).full_clean(
                exclude=["code"], validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            errors[f"budget_{fy.start_year}"] = error.messages
        if pence < 0:
            errors[f"budget_{fy.start_year}"] = [f"The {fy} budget cannot be less than £0."]
    years = {**have, **budgets}
    years = {fy: pence for fy, pence in years.items() if pence is not None}
    if years:
        latest = max(years)
        code.current_budget_pence, code.budget_fy = years[latest], latest
    elif code.current_budget_pence is None:
        errors["budgets"] = ["Give the code's budget for at least one financial year."]
    try:
        code.full_clean(
            exclude=["council", "directorate"]
            + (["current_budget_pence"] if code.current_budget_pence is None else []),
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    return errors


@transaction.atomic
def budget_code_save(
    *,
    code: BudgetCode,
    by: User,
    budgets: dict[FinancialYear, int | None] | None = None,
    expected_version: int | None = None,
    reason: str = "",
) -> BudgetCode:
    """Create or change a budget code and set its ``budgets`` by year (None removes a year's;
    years not given are left). Its current budget is then its latest year's. An edit made
    against an older ``expected_version`` is refused; a code is retired, never deleted."""
    check(by, "savings.change_budget_code", code)
    code.code = code.code.strip()
    budgets = budgets or {}
    current = {b.fy: b for b in code.budgets.all()} if code.pk else {}
    errors = _budget_code_errors(
        code, budgets, have={fy: b.budget_pence for fy, b in current.items()}
    )
    taken = BudgetCode.objects.filter(council_id=code.council_id, code=code.code)
    if code.code and taken.exclude(pk=code.pk).exists():
        errors["code"] = [f"Your council already has budget code {code.code}."]
    if errors:
        raise ValidationError(errors)
    save_edit(code, by=by, reason=reason, expected_version=expected_version)
    for fy, pence in budgets.items():
        budget = current.get(fy)
        if pence is None:
            if budget is not None:
                delete_audited(budget, by=by, reason=reason or f"Budget for {fy} removed")
            continue
        budget = budget or BudgetCodeBudget(code=code, fy=fy)
        if budget.pk is None or budget.budget_pence != pence:
            budget.budget_pence = pence
            save_audited(budget, by=by, reason=reason)
    return code


@dataclass
class BudgetCodesResult:
    created: list[BudgetCode] = field(default_factory=list)
    changed: list[BudgetCode] = field(default_factory=list)
    unchanged: int = 0
    budgets: int = 0  # yearly budgets written


CODE_FIELDS = ("name", "directorate", "income")
CURRENT = ("current_budget_pence", "budget_fy")


@transaction.atomic
def budget_codes_save_many(
    *, council: Council, by: User, rows: list[dict], reason: str = ""
) -> BudgetCodesResult:
    """Create or change many of the council's budget codes at once (an import), each row a
    dict of ``code``, ``name``, ``directorate`` (a Directorate or None), ``income`` and
    ``budgets`` ({FinancialYear: pence}), and optionally ``row`` (its row in the file, for the
    messages; else its place in ``rows`` from 1). The same checks as :func:`budget_code_save`;
    written in bulk, each record with its history row. If any row is wrong nothing is saved,
    and :class:`ImportRefused` names each problem by its row."""
    check(by, "savings.change_budget_code", council)
    reason = reason or "Budget codes imported"
    wanted = [str(row.get("code") or "").strip() for row in rows]
    existing = {
        c.code: c
        for c in BudgetCode.objects.select_for_update().filter(council=council, code__in=wanted)
    }
    have: dict[int, dict[FinancialYear, BudgetCodeBudget]] = {c.pk: {} for c in existing.values()}
    for budget in BudgetCodeBudget.objects.filter(code__in=list(existing.values())):
        have[budget.code_id][budget.fy] = budget

    errors: list[str] = []
    result = BudgetCodesResult()
    seen: dict[str, int] = {}
    plans: list[tuple[BudgetCode, dict]] = []
    for index, row in enumerate(rows, start=1):
        number = row.get("row", index)
        code = existing.get(wanted[index - 1]) or BudgetCode(council=council)
        code.code = wanted[index - 1]
        before = {name: getattr(code, name) for name in (*CODE_FIELDS, *CURRENT)}
        for name in CODE_FIELDS:
            if name in row:
                setattr(code, name, row[name] if name != "name" else (row[name] or "").strip())
        budgets = {fy: p for fy, p in (row.get("budgets") or {}).items() if p is not None}
        had = {fy: b.budget_pence for fy, b in have.get(code.pk, {}).items()}
        found = _budget_code_errors(code, budgets, have=had)
        if code.code in seen:
            found.setdefault("code", []).append(
                f"Budget code {code.code} is also on row {seen[code.code]}."
            )
        seen.setdefault(code.code, number)
        label = f"Row {number}" + (f" (budget code {code.code})" if code.code else "")
        errors += [f"{label}, {name}: {' '.join(msgs)}" for name, msgs in found.items()]
        changed = code.pk is None or before != {name: getattr(code, name) for name in before}
        plans.append((code, budgets))
        if code.pk is None:
            result.created.append(code)
        elif changed:
            result.changed.append(code)
        else:
            result.unchanged += 1
    if errors:
        raise ImportRefused(errors)
    _write_codes(result, by=by, reason=reason)
    result.budgets = _write_budgets(plans, have, by=by, reason=reason)
    return result


def _write_codes(result: BudgetCodesResult, *, by: User, reason: str) -> None:
    now = timezone.now()
    user = by if getattr(by, "is_authenticated", False) else None
    history = {"default_user": user, "default_change_reason": reason, "default_date": now}
    for code in result.created:
        code.created_by = code.modified_by = user
    bulk_create_with_history(result.created, BudgetCode, batch_size=BATCH, **history)
    for code in result.changed:
        code.version += 1
        code.modified_by, code.modified_at = user, now
    bulk_update_with_history(
        result.changed,
        BudgetCode,
        [*CODE_FIELDS, *CURRENT, "version", "modified_by", "modified_at"],
        batch_size=BATCH,
        **history,
    )


def _write_budgets(plans, have, *, by: User, reason: str) -> int:
    """Each code's new or changed budgets by year, in bulk; how many were written."""
    now = timezone.now()
    user = by if getattr(by, "is_authenticated", False) else None
    history = {"default_user": user, "default_change_reason": reason, "default_date": now}
    new, changed = [], []
    for code, budgets in plans:
        for fy, pence in budgets.items():
            budget = have.get(code.pk, {}).get(fy)
            if budget is None:
                new.append(
                    BudgetCodeBudget(
                        code=code, fy=fy, budget_pence=pence, created_by=user, modified_by=user
                    )
                )
            elif budget.budget_pence != pence:
                budget.budget_pence, budget.version = pence, budget.version + 1
                budget.modified_by, budget.modified_at = user, now
                changed.append(budget)
    bulk_create_with_history(new, BudgetCodeBudget, batch_size=BATCH, **history)
    bulk_update_with_history(
        changed,
        BudgetCodeBudget,
        ["budget_pence", "version", "modified_by", "modified_at"],
        batch_size=BATCH,
        **history,
    )
    return len(new) + len(changed)


@transaction.atomic
def budget_code_review_confirm(*, budget_code: BudgetCode, by: User, note: str) -> BudgetCodeReview:
    """Finance confirms that the proposals now sharing a budget code do not double count."""
    membership = check(by, "savings.review_budget_code", budget_code)
    if not note.strip():
        raise ValidationError({"note": "Say why the savings on this code do not overlap."})
    code_check = next(
        (
            c
            for c in selectors.budget_code_checks(membership=membership)
            if c.code.pk == budget_code.pk
        ),
        None,
    )
    if code_check is None or not code_check.shared:
        raise ValidationError("This budget code is not shared by two or more proposals.")
    review = BudgetCodeReview(
        budget_code=budget_code,
        proposals_key=selectors.proposals_key(p.pk for p in code_check.proposals),
        note=note,
    )
    save_audited(review, by=by, reason=note)
    return review


@transaction.atomic
def lesson_save(*, lesson: Lesson, by: User, proposals=None, bundles=None) -> Lesson:
    check(by, "savings.change_lessons", lesson)
    save_audited(lesson, by=by)
    if proposals is not None:
        lesson.proposals.set([p for p in proposals if p.council_id == lesson.council_id])
    if bundles is not None:
        lesson.bundles.set([b for b in bundles if b.council_id == lesson.council_id])
    return lesson
