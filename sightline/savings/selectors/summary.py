"""The programme's figures for a year, by bundle and by directorate: the dashboard, the bundle
pages and the API all read them from here, so they reconcile."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import OuterRef, QuerySet, Subquery, Sum

from sightline.accounts.models import Directorate, Membership
from sightline.core.fiscal import FinancialYear
from sightline.savings import rules, summary_cache
from sightline.savings.models import (
    BenefitConfirmation,
    Bundle,
    BundleTarget,
    DecisionStatus,
    Forecast,
    Period,
    ProgrammeSettings,
    ProgrammeYear,
    Proposal,
    Rag,
    SavingLine,
    Stage,
)
from sightline.savings.selectors.proposals import _visible


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
