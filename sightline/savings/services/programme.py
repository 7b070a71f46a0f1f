"""The programme's targets and settings, savings types, bundles, budget codes,
double-counting reviews and the learning log."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from sightline.accounts.models import Council
from sightline.accounts.permissions import check
from sightline.core.audit import save_audited
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

DEFAULT_TYPES = [
    # name, cashable, counts toward the budget gap
    ("Efficiency", True, True),
    ("Reduction in provision", True, True),
    ("Income generation", True, True),
    ("Service redesign", True, True),
    ("Commercialisation", True, True),
    ("Cost avoidance", False, False),
]


@transaction.atomic
def savings_types_ensure_defaults(*, council: Council) -> list[SavingsType]:
    return [
        SavingsType.objects.get_or_create(
            council=council,
            name=name,
            defaults={"cashable": cashable, "counts_toward_gap": counts},
        )[0]
        for name, cashable, counts in DEFAULT_TYPES
    ]


@transaction.atomic
def programme_year_set(
    *, council: Council, fy: FinancialYear, target_pence: int, team_cost_pence: int, by
) -> ProgrammeYear:
    check(by, "savings.set_targets", council)
    year = ProgrammeYear.objects.filter(council=council, fy=fy).first()
    year = year or ProgrammeYear(council=council, fy=fy)
    year.target_pence, year.team_cost_pence = target_pence, team_cost_pence
    save_audited(year, by=by)
    return year


@transaction.atomic
def programme_settings_update(*, council: Council, by, **weights) -> ProgrammeSettings:
    check(by, "savings.set_targets", council)
    settings = ProgrammeSettings.objects.filter(council=council).first()
    settings = settings or ProgrammeSettings(council=council)
    for name, value in weights.items():
        setattr(settings, name, value)
    save_audited(settings, by=by)
    return settings


@transaction.atomic
def bundle_save(*, bundle: Bundle, by, targets: dict[FinancialYear, int] | None = None) -> Bundle:
    check(by, "savings.change_bundle", bundle)
    save_audited(bundle, by=by)
    for fy, pence in (targets or {}).items():
        if bundle.enabling and pence:
            raise ValidationError(
                "An enabling bundle has no target: its savings are counted in other bundles."
            )
        target = BundleTarget.objects.filter(bundle=bundle, fy=fy).first()
        target = target or BundleTarget(bundle=bundle, fy=fy)
        target.target_pence = pence
        save_audited(target, by=by)
    return bundle


@transaction.atomic
def budget_code_save(*, code: BudgetCode, by) -> BudgetCode:
    check(by, "savings.change_budget_code", code)
    save_audited(code, by=by)
    return code


@transaction.atomic
def budget_code_review_confirm(*, budget_code: BudgetCode, by, note: str) -> BudgetCodeReview:
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
def lesson_save(*, lesson: Lesson, by, proposals=None, bundles=None) -> Lesson:
    check(by, "savings.change_lessons", lesson)
    save_audited(lesson, by=by)
    if proposals is not None:
        lesson.proposals.set([p for p in proposals if p.council_id == lesson.council_id])
    if bundles is not None:
        lesson.bundles.set([b for b in bundles if b.council_id == lesson.council_id])
    return lesson
