"""Monthly monitoring: the council's months, the forecast form's starting values, a month's report
(now or as it stood), what moved between two months, and finance's confirmations with their
history."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet, Sum

from sightline.accounts.models import Directorate, Membership
from sightline.core.fiscal import FinancialYear
from sightline.core.history import HistoryEntry, history_for
from sightline.savings.models import (
    BenefitConfirmation,
    Bundle,
    Forecast,
    Period,
    Proposal,
    SavingLine,
    StageChange,
)


def period_list(*, membership: Membership) -> QuerySet[Period]:
    """The council's monitoring months, without their stored reports (load one with
    :func:`period_get`)."""
    return Period.objects.filter(council=membership.council).defer("report")


def period_get(*, membership: Membership, pk: int) -> Period:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(Period.objects.filter(council=membership.council), pk=pk)


def forecast_initial(
    *, membership: Membership, proposal: Proposal, period: str | None, fy: str | None
) -> dict:
    """Starting values for the forecast form: the month asked for (else the newest open one)
    and the year asked for (else the month's own year); if a forecast is already recorded for
    them, its figures and version, so that changing it is an edit of what is there."""
    periods = Period.objects.filter(council=membership.council, status=Period.Status.OPEN)
    chosen = periods.filter(pk=period).first() if period and period.isdigit() else None
    chosen = chosen or periods.defer("report").order_by("-month").first()
    if chosen is None:
        return {}
    try:
        year = FinancialYear.parse(fy) if fy else chosen.fy
    except ValueError:
        year = chosen.fy
    initial: dict = {"period": chosen.pk, "fy": year}
    existing = Forecast.objects.filter(proposal=proposal, period=chosen, fy=year).first()
    if existing is not None:
        initial.update(
            forecast=existing.forecast_pence,
            rag=existing.rag,
            commentary=existing.commentary,
            slippage=existing.slippage_pence or None,
            slipped_to=existing.slipped_to,
            replacement=existing.replacement,
            version=existing.version,
        )
    return initial


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
    return {
        "period": period.month.isoformat(),
        "financial_year": str(period.fy),
        "rows": rows,
        **report_totals(rows),
    }


def report_totals(rows: list[dict]) -> dict:
    """A report's totals per financial year and its RAG counts, from ``rows`` alone."""
    totals: dict[str, dict[str, int]] = {}
    rag_counts: dict[str, int] = {}
    for r in rows:
        t = totals.setdefault(
            r["fy"], {"planned_pence": 0, "forecast_pence": 0, "slippage_pence": 0}
        )
        t["planned_pence"] += r["planned_pence"]
        t["forecast_pence"] += r["forecast_pence"]
        t["slippage_pence"] += r["slippage_pence"]
        rag_counts[r["rag"]] = rag_counts.get(r["rag"], 0) + 1
    return {"totals": totals, "rag_counts": rag_counts}


def visible_report(report: dict, *, membership: Membership) -> dict:
    """A report as ``membership`` may read it: without exempt rows for those not entitled,
    and with its totals and RAG counts computed from the rows they see, so that no exempt
    amount reaches them through a total. Only the number of rows left out is said."""
    if membership.sees_exempt:
        return report
    rows = [r for r in report["rows"] if not r["exempt"]]
    return {
        **report,
        "rows": rows,
        **report_totals(rows),
        "hidden_exempt_rows": len(report["rows"]) - len(rows),
    }


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


# --- finance's confirmations ---------------------------------------------------------------------


@dataclass
class BenefitYear:
    """A year of a saving: what was planned, and finance's confirmation with its history."""

    fy: FinancialYear
    planned_pence: int
    confirmation: BenefitConfirmation | None = None
    history: list[HistoryEntry] = field(default_factory=list)

    @property
    def over_planned(self) -> bool:
        return self.confirmation is not None and self.confirmation.amount_pence > self.planned_pence


def benefit_years(*, proposal: Proposal) -> list[BenefitYear]:
    """Every year the proposal plans a saving in or finance has confirmed one, in order, with
    the confirmation's history (one query per confirmation: a proposal has a few years)."""
    planned = {
        row["fy"]: row["total"]
        for row in SavingLine.objects.filter(proposal=proposal)
        .values("fy")
        .annotate(total=Sum("amount_pence"))
        .order_by()
    }
    confirmed = {
        c.fy: c
        for c in BenefitConfirmation.objects.filter(proposal=proposal).select_related(
            "modified_by", "created_by"
        )
    }
    return [
        BenefitYear(
            fy=fy,
            planned_pence=planned.get(fy, 0),
            confirmation=confirmed.get(fy),
            history=history_for(confirmed[fy]) if fy in confirmed else [],
        )
        for fy in sorted(set(planned) | set(confirmed))
    ]
