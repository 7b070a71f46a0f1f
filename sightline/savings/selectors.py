"""Reads for the savings programme, scoped to the user's council and rights.

Every total shown anywhere (dashboard, bundle pages, tracker, exports, API) comes from
:func:`programme_summary` or :func:`tracker_rows`, which sum the same saving lines in the
same way, so they reconcile.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import OuterRef, Q, QuerySet, Subquery, Sum
from django.utils import timezone

from sightline.accounts.models import Directorate, Membership, Role
from sightline.core.fiscal import FinancialYear
from sightline.savings import rules, summary_cache
from sightline.savings.models import (
    BenefitConfirmation,
    Bundle,
    BundleTarget,
    DecisionStatus,
    Forecast,
    Lesson,
    Period,
    ProgrammeSettings,
    ProgrammeYear,
    Proposal,
    Rag,
    SavingKind,
    SavingLine,
    SavingsType,
    Stage,
    StageChange,
)

IN_DELIVERY = {Stage.LIVE, Stage.DELIVERED}


def _visible(qs: QuerySet[Proposal], membership: Membership) -> QuerySet[Proposal]:
    """Exempt proposals only for those entitled, their own leads, or once publishable."""
    qs = qs.filter(council=membership.council, archived_at__isnull=True)
    if membership.sees_exempt:
        return qs
    today = timezone.localdate()
    return qs.filter(
        Q(exempt=False)
        | Q(exempt_until__lte=today)
        | Q(lead_officer__user=membership.user)
        | Q(project_manager__user=membership.user)
        | Q(sponsor__user=membership.user)
    )


def proposal_list(*, membership: Membership) -> QuerySet[Proposal]:
    return _visible(Proposal.objects.all(), membership).select_related(
        "savings_type", "directorate", "bundle", "service_area"
    )


def proposal_get(*, membership: Membership, pk: int) -> Proposal:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        proposal_list(membership=membership).select_related(
            "lead_officer",
            "lead_member",
            "portfolio",
            "sponsor",
            "project_manager",
            "finance_lead",
            "accountant",
        ),
        pk=pk,
    )


def leads(membership: Membership, proposal: Proposal) -> bool:
    user_id = membership.user_id
    people = [proposal.lead_officer, proposal.project_manager, proposal.sponsor]
    return any(p is not None and p.user_id == user_id for p in people)


def can_edit(membership: Membership | None, proposal: Proposal) -> bool:
    """Programme office: all; director: own directorate; editor: what they lead."""
    if membership is None or membership.council_id != proposal.council_id:
        return False
    if membership.role == Role.PROGRAMME_OFFICE:
        return True
    if membership.role == Role.DIRECTOR:
        return proposal.directorate_id == membership.directorate_id
    if membership.role == Role.EDITOR:
        return leads(membership, proposal)
    return False


def can_decide(membership: Membership | None, proposal: Proposal) -> bool:
    if membership is None or membership.council_id != proposal.council_id:
        return False
    if membership.role == Role.PROGRAMME_OFFICE:
        return True
    return membership.role == Role.DIRECTOR and proposal.directorate_id == membership.directorate_id


def programme_settings(council) -> ProgrammeSettings:
    return ProgrammeSettings.objects.filter(council=council).first() or ProgrammeSettings(
        council=council
    )


def programme_years(*, membership: Membership) -> list[ProgrammeYear]:
    return list(ProgrammeYear.objects.filter(council=membership.council))


def default_year(
    *, membership: Membership, years: list[FinancialYear] | None = None
) -> FinancialYear:
    """This year if it has a target; otherwise the programme's first year, or the first year
    with savings when no targets are set. ``years``: the programme's years, if already read."""
    if years is None:
        years = [py.fy for py in programme_years(membership=membership)]
    current = FinancialYear.current()
    if current in years:
        return current
    if years:
        return years[0]
    first = (
        SavingLine.objects.filter(proposal__council=membership.council)
        .order_by("fy")
        .values_list("fy", flat=True)
        .first()
    )
    return first or current


def _ratio(numerator: int, denominator: int) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(numerator) / Decimal(denominator)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


@dataclass
class Figures:
    """One line of programme figures, all in pence."""

    target: int = 0
    planned: int = 0
    approved: int = 0
    forecast: int = 0
    risk_adjusted: int = 0
    delivered: int = 0
    failed: int = 0
    count: int = 0

    @property
    def programming(self) -> int:
        """Planned minus target: positive is over-programmed, negative a gap."""
        return self.planned - self.target


@dataclass
class Summary:
    fy: FinancialYear
    council_target: int
    team_cost: int
    totals: Figures
    bundle_targets: int
    bundles: list[tuple[Bundle, Figures]]
    directorates: list[tuple[Directorate, Figures]]
    rag: dict[str, dict[str, int]] = field(default_factory=dict)
    roi: Decimal | None = None
    roi_target: int = 8
    weights: dict = field(default_factory=dict)
    latest_period: Period | None = None

    @property
    def bundle_programming(self) -> int:
        """Bundle targets minus the council's target: over-programmed when positive."""
        return self.bundle_targets - self.council_target


def _positions(proposals: QuerySet[Proposal], fy: FinancialYear) -> QuerySet:
    """One row per proposal for ``fy``: its bundle, directorate, stage and decision, with its
    planned saving, the saving finance confirmed, and its latest forecast and RAG.

    One query: each figure is a subquery on an index (lines by proposal and year, forecasts
    by proposal, year and month), so no forecast or line is loaded into Python.
    """
    latest = Forecast.objects.filter(proposal=OuterRef("pk"), fy=fy).order_by("-month")
    return proposals.annotate(
        fy_planned=Subquery(
            SavingLine.objects.filter(proposal=OuterRef("pk"), fy=fy)
            .values("proposal")
            .annotate(s=Sum("amount_pence"))
            .values("s")
        ),
        fy_delivered=Subquery(
            BenefitConfirmation.objects.filter(proposal=OuterRef("pk"), fy=fy).values(
                "amount_pence"
            )[:1]
        ),
        fy_forecast=Subquery(latest.values("forecast_pence")[:1]),
        fy_rag=Subquery(latest.values("rag")[:1]),
    ).values_list(
        "bundle_id",
        "directorate_id",
        "stage",
        "decision_status",
        "fy_planned",
        "fy_delivered",
        "fy_forecast",
        "fy_rag",
    )


_PAIR_FIELDS = ("count", "planned", "approved", "forecast", "risk_adjusted", "delivered", "failed")


def programme_summary(*, membership: Membership, fy: FinancialYear) -> Summary:
    """The dashboard's figures for one year, by bundle and by directorate; constant queries.

    Kept between requests until any record it reads changes (``summary_cache``).
    """
    return summary_cache.cached(
        membership, fy, lambda: _programme_summary(membership=membership, fy=fy)
    )


def _programme_summary(*, membership: Membership, fy: FinancialYear) -> Summary:
    council = membership.council
    settings = programme_settings(council)
    weights = rules.rag_weights(settings)
    py = ProgrammeYear.objects.filter(council=council, fy=fy).first()
    bundles = list(Bundle.objects.filter(council=council))
    targets = dict(
        BundleTarget.objects.filter(bundle__council=council, fy=fy).values_list(
            "bundle_id", "target_pence"
        )
    )
    directorates = list(Directorate.objects.filter(council=council))

    totals = Figures(target=py.target_pence if py else 0)
    by_bundle = {b.pk: Figures(target=targets.get(b.pk, 0)) for b in bundles}
    by_directorate = {d.pk: Figures() for d in directorates}
    rag = {key: {"count": 0, "value": 0} for key in [*Rag.values, "unrated"]}
    # Each row is added once, to its (bundle, directorate) pair's sums; the totals, bundles
    # and directorates are folded from those few pairs afterwards.
    pairs: dict[tuple[int | None, int | None], list[int]] = {}
    failed, withdrawn = Stage.FAILED.value, Stage.WITHDRAWN.value
    rejected, approved = DecisionStatus.REJECTED.value, DecisionStatus.APPROVED.value
    positions = _positions(_visible(Proposal.objects.all(), membership), fy)
    for bundle_id, directorate_id, stage, decision, plan, delivered, forecast, rag_key in positions:
        plan = plan or 0
        sums = pairs.get((bundle_id, directorate_id))
        if sums is None:
            sums = pairs[bundle_id, directorate_id] = [0] * len(_PAIR_FIELDS)
        if stage == failed:
            sums[6] += plan
            continue
        if stage == withdrawn or decision == rejected:
            continue
        delivered = delivered or 0
        if not plan and not delivered:
            continue
        # Without a forecast, a saving is expected as planned, weighted as unrated.
        forecast = plan if forecast is None else forecast
        sums[0] += 1
        sums[1] += plan
        if decision == approved:
            sums[2] += plan
        sums[3] += forecast
        sums[4] += rules.weighted(forecast, weights[rag_key])
        sums[5] += delivered
        counted = rag[rag_key or "unrated"]
        counted["count"] += 1
        counted["value"] += forecast
    for (bundle_id, directorate_id), sums in pairs.items():
        for group in (totals, by_bundle.get(bundle_id), by_directorate.get(directorate_id)):
            if group is not None:
                for name, value in zip(_PAIR_FIELDS, sums, strict=True):
                    setattr(group, name, getattr(group, name) + value)
    team_cost = py.team_cost_pence if py else 0
    return Summary(
        fy=fy,
        council_target=totals.target,
        team_cost=team_cost,
        totals=totals,
        bundle_targets=sum(targets.get(b.pk, 0) for b in bundles if not b.enabling),
        bundles=[(b, by_bundle[b.pk]) for b in bundles],
        directorates=[
            (d, by_directorate[d.pk]) for d in directorates if by_directorate[d.pk].count
        ],
        rag=rag,
        roi=_ratio(totals.delivered, team_cost),
        roi_target=settings.roi_target,
        weights=weights,
        latest_period=Period.objects.filter(council=council)
        .defer("report")
        .order_by("-month")
        .first(),
    )


# --- the tracker -------------------------------------------------------------------------

SORTS = {
    "reference": "reference",
    "title": "title",
    "amount": "fy_amount",
    "-amount": "-fy_amount",
    "stage": "stage",
    "rag": "latest_rag",
    "bundle": "bundle__name",
    "directorate": "directorate__name",
}


def tracker_rows(
    *, membership: Membership, fy: FinancialYear, filters: dict | None = None
) -> QuerySet[Proposal]:
    """The tracker: every visible proposal with its saving, forecast and RAG for ``fy``."""
    filters = filters or {}
    lines = SavingLine.objects.filter(proposal=OuterRef("pk"))
    latest = Forecast.objects.filter(proposal=OuterRef("pk"), fy=fy).order_by("-month")
    qs = proposal_list(membership=membership).annotate(
        fy_amount=Subquery(
            lines.filter(fy=fy).values("proposal").annotate(s=Sum("amount_pence")).values("s")
        ),
        total_amount=Subquery(lines.values("proposal").annotate(s=Sum("amount_pence")).values("s")),
        latest_rag=Subquery(latest.values("rag")[:1]),
        latest_forecast=Subquery(latest.values("forecast_pence")[:1]),
    )
    if filters.get("bundle"):
        qs = qs.filter(bundle_id=filters["bundle"])
    if filters.get("directorate"):
        qs = qs.filter(directorate_id=filters["directorate"])
    if filters.get("stage"):
        qs = qs.filter(stage=filters["stage"])
    if filters.get("decision"):
        qs = qs.filter(decision_status=filters["decision"])
    if filters.get("type"):
        qs = qs.filter(savings_type_id=filters["type"])
    if filters.get("rag"):
        qs = (
            qs.filter(latest_rag=None)
            if filters["rag"] == "unrated"
            else qs.filter(latest_rag=filters["rag"])
        )
    if filters.get("q"):
        q = filters["q"]
        qs = qs.filter(Q(reference__icontains=q) | Q(title__icontains=q))
    return qs.order_by(SORTS.get(filters.get("sort") or "reference", "reference"), "reference")


def tracker_totals(rows: list[Proposal]) -> dict[str, int]:
    """The tracker's footer: planned counts only active proposals, as the dashboard does."""
    planned = approved = 0
    for p in rows:
        if (
            p.stage in {Stage.WITHDRAWN, Stage.FAILED}
            or p.decision_status == DecisionStatus.REJECTED
        ):
            continue
        planned += p.fy_amount or 0
        if p.decision_status == DecisionStatus.APPROVED:
            approved += p.fy_amount or 0
    return {"planned": planned, "approved": approved, "count": len(rows)}


def filter_choices(*, membership: Membership) -> dict:
    council = membership.council
    return {
        "bundles": list(Bundle.objects.filter(council=council)),
        "directorates": list(Directorate.objects.filter(council=council)),
        "types": list(SavingsType.objects.filter(council=council)),
        "stages": Stage.choices,
        "decisions": DecisionStatus.choices,
        "rags": [*Rag.choices, ("unrated", "Not rated")],
        "years": [py.fy for py in programme_years(membership=membership)],
    }


# --- one proposal --------------------------------------------------------------------------


def proposal_detail(*, membership: Membership, proposal: Proposal) -> dict:
    lines = list(proposal.lines.select_related("budget_code"))
    codes = list(proposal.budget_codes.all())
    confirmed = {b.fy: b for b in proposal.benefits.all()}
    gates = {}
    for to in (Stage.INITIATION, Stage.LIVE, Stage.DELIVERED):
        gates[to] = rules.gate_missing(
            proposal,
            to,
            lines=lines,
            budget_code_count=len(codes),
            confirmed_years=set(confirmed),
        )
    return {
        "lines": lines,
        "profile": rules.profile(lines),
        "budget_codes": codes,
        "staffing": (staffing := list(proposal.staffing.all())),
        "fte_total": sum((s.fte for s in staffing), Decimal(0)),
        "vacancies_total": sum((s.vacancies_held for s in staffing), Decimal(0)),
        "risks": list(proposal.risks.all()),
        "benefits": confirmed,
        "gates": gates,
        "stage_changes": list(proposal.stage_changes.select_related("by")),
        "decisions": list(proposal.decisions.select_related("by")),
        "forecasts": list(
            proposal.forecasts.select_related("period")
            .defer("period__report")
            .order_by("-period__month", "fy")
        ),
        "transitions": sorted(rules.TRANSITIONS.get(proposal.stage, set())),
        "can_edit": can_edit(membership, proposal),
        "can_decide": can_decide(membership, proposal),
        "is_finance": membership.role in {Role.FINANCE, Role.PROGRAMME_OFFICE},
        "is_programme_office": membership.role == Role.PROGRAMME_OFFICE,
        "lessons": list(proposal.lessons.all()),
        "impacts": list(proposal.impacts.select_related("priority", "indicator")),
    }


# --- checks --------------------------------------------------------------------------------


@dataclass
class CodeCheck:
    code: object
    proposals: list[Proposal]
    over_budget: list[tuple[FinancialYear, int]]
    shared: bool
    reviewed: bool


def budget_code_checks(*, membership: Membership) -> list[CodeCheck]:
    """Double counting: codes saved beyond their budget in a year, and codes shared by two or
    more proposals that finance has not yet confirmed."""
    from sightline.savings.models import BudgetCode, BudgetCodeReview

    proposals = {p.pk: p for p in Proposal.objects.filter(council=membership.council).active()}
    lines = SavingLine.objects.filter(
        proposal_id__in=list(proposals), budget_code__isnull=False
    ).select_related("budget_code")
    by_code: dict[int, list[SavingLine]] = defaultdict(list)
    for line in lines:
        by_code[line.budget_code_id].append(line)
    for p in Proposal.budget_codes.through.objects.filter(proposal_id__in=list(proposals)):
        by_code.setdefault(p.budgetcode_id, [])
    codes = {c.pk: c for c in BudgetCode.objects.filter(pk__in=list(by_code))}
    linked = defaultdict(set)
    for row in Proposal.budget_codes.through.objects.filter(proposal_id__in=list(proposals)):
        linked[row.budgetcode_id].add(row.proposal_id)
    reviews = set(
        BudgetCodeReview.objects.filter(budget_code_id__in=list(codes)).values_list(
            "budget_code_id", "proposals_key"
        )
    )
    visible = set(_visible(Proposal.objects.all(), membership).values_list("pk", flat=True))
    for proposal in proposals.values():
        # Double counting is checked across every proposal; an exempt one the member may not
        # see is counted but never named.
        proposal.withheld = proposal.pk not in visible
    checks = []
    for code_id, code_lines in by_code.items():
        code = codes[code_id]
        ids = sorted({line.proposal_id for line in code_lines} | linked[code_id])
        over = []
        if not code.income:
            reductions = [line for line in code_lines if line.kind == SavingKind.REDUCTION]
            for row in rules.profile(reductions):
                if row.cumulative_pence > code.current_budget_pence:
                    over.append((row.fy, row.cumulative_pence))
        shared = len(ids) > 1
        reviewed = (code_id, proposals_key(ids)) in reviews
        if over or shared:
            checks.append(
                CodeCheck(
                    code=code,
                    proposals=[proposals[i] for i in ids],
                    over_budget=over,
                    shared=shared,
                    reviewed=reviewed,
                )
            )
    return sorted(checks, key=lambda c: c.code.code)


def proposals_key(ids) -> str:
    return ",".join(str(i) for i in sorted(ids))


def empty_profile_checks(*, membership: Membership) -> list[Proposal]:
    """Approved or live proposals with no saving in any year: they count for nothing."""
    qs = (
        _visible(Proposal.objects.all(), membership)
        .active()
        .filter(Q(decision_status=DecisionStatus.APPROVED) | Q(stage__in=IN_DELIVERY))
        .annotate(total=Sum("lines__amount_pence"))
    )
    return [p for p in qs if not p.total]


# --- monitoring ----------------------------------------------------------------------------


def period_list(*, membership: Membership) -> QuerySet[Period]:
    """The council's monitoring months, without their stored reports (load one with
    :func:`period_get`)."""
    return Period.objects.filter(council=membership.council).defer("report")


def period_get(*, membership: Membership, pk: int) -> Period:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(Period.objects.filter(council=membership.council), pk=pk)


def lesson_list(*, membership: Membership) -> QuerySet[Lesson]:
    return Lesson.objects.filter(council=membership.council).prefetch_related(
        "proposals", "bundles"
    )


def bundle_list(*, membership: Membership) -> QuerySet[Bundle]:
    return Bundle.objects.filter(council=membership.council).select_related("sponsor", "lead")


def monitoring_report(*, period: Period, as_of=None) -> dict:
    """The monthly monitoring report of ``period`` as plain JSON-ready data.

    With ``as_of`` (a datetime), every record is read back from history as it stood then, so
    a closed period's report can be produced again exactly, whatever was edited later.
    """
    if as_of is not None:
        proposals_qs = Proposal.history.as_of(as_of).filter(council_id=period.council_id)
        forecasts_qs = Forecast.history.as_of(as_of).filter(period_id=period.pk)
        lines_qs = SavingLine.history.as_of(as_of).filter(
            proposal_id__in=Proposal.history.as_of(as_of)
            .filter(council_id=period.council_id)
            .values("id")
        )
        bundles_qs = Bundle.history.as_of(as_of).filter(council_id=period.council_id)
        directorates_qs = Directorate.history.as_of(as_of).filter(council_id=period.council_id)
    else:
        proposals_qs = Proposal.objects.filter(council_id=period.council_id)
        forecasts_qs = Forecast.objects.filter(period_id=period.pk)
        lines_qs = SavingLine.objects.filter(proposal__council_id=period.council_id)
        bundles_qs = Bundle.objects.filter(council_id=period.council_id)
        directorates_qs = Directorate.objects.filter(council_id=period.council_id)
    proposals = {p.pk: p for p in proposals_qs if p.archived_at is None}
    overrides_qs = StageChange.objects.filter(proposal_id__in=list(proposals), overridden=True)
    if as_of is not None:
        overrides_qs = overrides_qs.filter(at__lte=as_of)
    overrides: dict[int, list[str]] = defaultdict(list)
    for change in overrides_qs.order_by("at", "id"):
        overrides[change.proposal_id].append(
            f"{change.get_from_stage_display()} to {change.get_to_stage_display()}: {change.reason}"
        )
    bundles = {b.pk: b.name for b in bundles_qs}
    directorates = {d.pk: d.name for d in directorates_qs}
    planned: dict[tuple[int, int], int] = defaultdict(int)
    for line in lines_qs:
        if line.proposal_id in proposals:
            planned[(line.proposal_id, line.fy.start_year)] += line.amount_pence
    rows = []
    for f in forecasts_qs:
        p = proposals.get(f.proposal_id)
        if p is None:
            continue
        rows.append(
            {
                "proposal_id": p.pk,
                "reference": p.reference,
                "title": p.title,
                "exempt": p.exempt,
                "bundle": bundles.get(p.bundle_id, ""),
                "directorate": directorates.get(p.directorate_id, ""),
                "stage": p.stage,
                "fy": str(f.fy),
                "planned_pence": planned.get((p.pk, f.fy.start_year), 0),
                "forecast_pence": f.forecast_pence,
                "variance_pence": f.forecast_pence - planned.get((p.pk, f.fy.start_year), 0),
                "rag": f.rag,
                "commentary": f.commentary,
                "slippage_pence": f.slippage_pence,
                "slipped_to": str(f.slipped_to) if f.slipped_to else "",
                "replacement": f.replacement,
                "gate_overrides": overrides.get(p.pk, []),
            }
        )
    rows.sort(key=lambda r: (r["fy"], r["reference"]))
    totals: dict[str, dict[str, int]] = {}
    for r in rows:
        t = totals.setdefault(
            r["fy"], {"planned_pence": 0, "forecast_pence": 0, "slippage_pence": 0}
        )
        t["planned_pence"] += r["planned_pence"]
        t["forecast_pence"] += r["forecast_pence"]
        t["slippage_pence"] += r["slippage_pence"]
    rag_counts: dict[str, int] = {}
    for r in rows:
        rag_counts[r["rag"]] = rag_counts.get(r["rag"], 0) + 1
    return {
        "period": period.month.isoformat(),
        "financial_year": str(period.fy),
        "rows": rows,
        "totals": totals,
        "rag_counts": rag_counts,
    }


def visible_report(report: dict, *, membership: Membership) -> dict:
    """A report with exempt rows removed for those not entitled to them."""
    if membership.sees_exempt:
        return report
    rows = [r for r in report["rows"] if not r["exempt"]]
    return {**report, "rows": rows, "hidden_exempt_rows": len(report["rows"]) - len(rows)}


def what_moved(*, earlier: Period, later: Period, membership: Membership) -> list[dict]:
    """Every change of forecast or RAG between two closed periods, with its commentary."""
    before = {(r["proposal_id"], r["fy"]): r for r in (earlier.report or {}).get("rows", [])}
    moved = []
    for row in (later.report or {}).get("rows", []):
        if row["exempt"] and not membership.sees_exempt:
            continue
        old = before.get((row["proposal_id"], row["fy"]))
        if old is None:
            moved.append({**row, "change": "new", "old_forecast_pence": None, "old_rag": None})
        elif old["forecast_pence"] != row["forecast_pence"] or old["rag"] != row["rag"]:
            moved.append(
                {
                    **row,
                    "change": "moved",
                    "old_forecast_pence": old["forecast_pence"],
                    "old_rag": old["rag"],
                    "forecast_change_pence": row["forecast_pence"] - old["forecast_pence"],
                }
            )
    return moved
