"""The gap: each scenario's funding and pressures, year by year, set against the savings
programme as the dashboard shows it (by ``sightline.savings.selectors.programme_summary``'s
rules, every year read at once), counting each saving only as its savings type's counting
rule allows; scenarios side by side; and how far each assumption moves the gap."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    BigIntegerField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.shortcuts import get_object_or_404

from sightline.accounts.models import Membership
from sightline.core.fiscal import FinancialYear
from sightline.finance import rules
from sightline.finance.models import (
    FUNDING,
    PRESSURES,
    Assumption,
    Category,
    FinancialPlan,
    Scenario,
)
from sightline.savings import rules as savings_rules
from sightline.savings.models import (
    BenefitConfirmation,
    DecisionStatus,
    Forecast,
    ProgrammeYear,
    Proposal,
    SavingLine,
    Stage,
)
from sightline.savings.selectors import programme_settings

# --- scenarios and their assumptions ------------------------------------------------------------


def scenario_list(*, membership: Membership, retired: bool = False) -> QuerySet[Scenario]:
    qs = Scenario.objects.filter(council=membership.council)
    if not retired:
        qs = qs.filter(disabled_on__isnull=True)
    return qs.order_by("-is_base", "position", "name")


def scenario_get(*, membership: Membership, pk: int) -> Scenario:
    return get_object_or_404(Scenario.objects.filter(council=membership.council), pk=pk)


def scenario_base(*, membership: Membership) -> Scenario | None:
    return scenario_list(membership=membership).first()


def plan_years(plan: FinancialPlan | None) -> list[FinancialYear]:
    return FinancialYear.range(plan.first_fy, plan.last_fy) if plan else []


@dataclass
class AssumptionRow:
    category: Category
    cells: list[Assumption | None]  # one per year
    years: list[FinancialYear] = field(default_factory=list)

    @property
    def pairs(self) -> list[tuple[FinancialYear, Assumption | None]]:
        return list(zip(self.years, self.cells, strict=True))

    @property
    def amounts(self) -> list[int | None]:
        return [a.amount_pence if a else None for a in self.cells]


@dataclass
class Assumptions:
    years: list[FinancialYear]
    funding: list[AssumptionRow]
    pressures: list[AssumptionRow]

    def totals(self, rows: list[AssumptionRow]) -> list[int]:
        return [sum(r.amounts[i] or 0 for r in rows) for i in range(len(self.years))]

    @property
    def funding_totals(self) -> list[int]:
        return self.totals(self.funding)

    @property
    def pressure_totals(self) -> list[int]:
        return self.totals(self.pressures)


def assumptions(*, scenario: Scenario, years: list[FinancialYear]) -> Assumptions:
    """A scenario's figures, a row per funding source and pressure, a cell per year."""
    found = {(a.category, a.fy): a for a in scenario.assumptions.all()}

    def rows(categories) -> list[AssumptionRow]:
        return [
            AssumptionRow(Category(c), [found.get((c, fy)) for fy in years], years)
            for c in categories
        ]

    return Assumptions(years=years, funding=rows(FUNDING), pressures=rows(PRESSURES))


# --- the programme, counted as the gap counts it ----------------------------------------------

# A year as a plain start year: the rows below are many, and a FinancialYear made for each
# row's year would cost more than the row's arithmetic.
_START_YEAR = ExpressionWrapper(F("fy"), output_field=IntegerField())


class _OfGroup(Subquery):
    """A subquery on a grouped query's own grouping columns (the proposal and the year): one
    value per group, so it is selected but not grouped by (grouping by it would run it for
    every line)."""

    def get_group_by_cols(self):
        return []


def _of_proposal_year(qs: QuerySet, column: str) -> _OfGroup:
    """``column`` of the first of ``qs`` for the row's proposal and year."""
    return _OfGroup(
        qs.filter(proposal=OuterRef("proposal_id"), fy=OuterRef("fy")).values(column)[:1]
    )


def _latest_forecast(column: str) -> _OfGroup:
    """The latest forecast's ``column`` for the row's proposal and year."""
    return _of_proposal_year(Forecast.objects.order_by("-month"), column)


_COLUMNS = (
    "year",
    "proposal__savings_type__counts_toward_gap",
    "proposal__savings_type__recurring",
    "proposal__stage",
    "proposal__decision_status",
    "fy_planned",
    "fy_one_off",
    "fy_delivered",
    "fy_forecast",
    "fy_rag",
)


def _positions(membership: Membership, years: list[FinancialYear]) -> list[tuple]:
    """Per visible proposal and year of ``years`` with a saving line or a saving confirmed:
    its type's counting rule, stage and decision, its planned saving and the one-off part of
    it, what finance confirmed, its latest forecast and RAG (the dashboard's figures, with
    what the gap needs besides). A proposal with neither in a year adds nothing to it.

    Two queries for all the years: the lines summed by proposal and year, and the savings
    confirmed in a year in which the proposal has no line."""
    visible = Proposal.objects.visible_to(membership).values("pk")
    lines_in_year = SavingLine.objects.filter(proposal=OuterRef("proposal_id"), fy=OuterRef("fy"))
    planned = (
        SavingLine.objects.filter(proposal__in=visible, fy__in=years)
        .order_by()
        .values("proposal_id", "fy")
        .annotate(
            year=_START_YEAR,
            fy_planned=Sum("amount_pence"),
            fy_one_off=Sum("amount_pence", filter=Q(recurring=False)),
            fy_delivered=_of_proposal_year(BenefitConfirmation.objects.all(), "amount_pence"),
            fy_forecast=_latest_forecast("forecast_pence"),
            fy_rag=_latest_forecast("rag"),
        )
        .values_list(*_COLUMNS)
    )
    confirmed_only = (
        BenefitConfirmation.objects.filter(proposal__in=visible, fy__in=years)
        .exclude(Exists(lines_in_year))
        .order_by()
        .annotate(
            year=_START_YEAR,
            fy_planned=Value(None, output_field=BigIntegerField()),
            fy_one_off=Value(None, output_field=BigIntegerField()),
            fy_delivered=F("amount_pence"),
            fy_forecast=_latest_forecast("forecast_pence"),
            fy_rag=_latest_forecast("rag"),
        )
        .values_list(*_COLUMNS)
    )
    return [*planned, *confirmed_only]


@dataclass
class _Position:
    counts: bool
    recurring_type: bool
    stage: str
    decision: str
    planned: int
    one_off_planned: int
    delivered: int
    forecast: int | None
    rag: str | None

    def one_off(self, pence: int) -> int:
        """The one-off part of ``pence`` (a figure of this proposal's): all of it for a
        one-off type, else the share its one-off lines are of its planned saving."""
        if not self.recurring_type:
            return pence
        return rules.apportion(pence, self.one_off_planned, self.planned)


def _count(programme: rules.Programme, position: _Position, figures: dict[str, int]) -> None:
    """Add a saving's figures to the dashboard's, and note what of them does not count."""
    for measure, value in figures.items():
        programme.dashboard[measure] += value
        if not position.counts:
            programme.not_counting[measure] += value
        else:
            programme.one_off[measure] += position.one_off(value)


def _unachieved(position: _Position) -> int:
    """Recurring, counting savings planned but not delivered (all of them, if it failed)."""
    if not position.counts:
        return 0
    planned = position.planned - position.one_off(position.planned)
    delivered = position.delivered - position.one_off(position.delivered)
    if position.stage == Stage.FAILED:
        delivered = 0
    return max(planned - delivered, 0)


def programme_by_year(
    *, membership: Membership, years: list[FinancialYear]
) -> dict[FinancialYear, rules.Programme]:
    """The programme for each of ``years`` as the dashboard shows it, and what of it does not
    count against the gap; and its unachieved recurring savings, carried forward once it
    closes. The same queries however many years and proposals.

    The dashboard's rows and rules (``sightline.savings.selectors.programme_summary``, with
    which a test reconciles it): failed savings are unachieved, withdrawn or rejected ones
    are out of the programme, and a saving with no forecast is expected as planned, weighted
    as unrated."""
    if not years:
        return {}
    targets = dict(
        ProgrammeYear.objects.filter(council=membership.council, fy__in=years)
        .annotate(year=_START_YEAR)
        .values_list("year", "target_pence")
    )
    found = {fy.start_year: rules.Programme(target=targets.get(fy.start_year, 0)) for fy in years}
    weights = savings_rules.rag_weights(programme_settings(membership.council))
    for row in _positions(membership, years):
        year, counts, recurring, stage, decision, plan, one_off, delivered, forecast, rag = row
        programme = found[year]
        position = _Position(
            counts, recurring, stage, decision, plan or 0, one_off or 0, delivered or 0,
            forecast, rag,
        )  # fmt: skip
        if stage == Stage.FAILED:
            programme.unachieved += _unachieved(position)
            continue
        if stage == Stage.WITHDRAWN or decision == DecisionStatus.REJECTED:
            continue
        if not position.planned and not position.delivered:
            continue
        expected = position.planned if forecast is None else forecast
        _count(
            programme,
            position,
            {
                "planned": position.planned,
                "approved": position.planned if decision == DecisionStatus.APPROVED else 0,
                "risk_adjusted": savings_rules.weighted(expected, weights[rag]),
                "delivered": position.delivered,
            },
        )
        programme.unachieved += _unachieved(position)
    return {fy: found[fy.start_year] for fy in years}


def programme_year(*, membership: Membership, fy: FinancialYear) -> rules.Programme:
    """The programme for ``fy`` (:func:`programme_by_year` for one year)."""
    return programme_by_year(membership=membership, years=[fy])[fy]


# --- the gap ----------------------------------------------------------------------------------


def _programmes(
    membership: Membership, plan: FinancialPlan
) -> dict[FinancialYear, rules.Programme]:
    years = plan_years(plan)
    wanted = [years[0].previous(), *years] if years else []
    return programme_by_year(membership=membership, years=wanted)


def _gap(
    plan: FinancialPlan, table: Assumptions, programmes: dict[FinancialYear, rules.Programme]
) -> list[rules.GapYear]:
    years = table.years
    return rules.gap_years(
        years=years,
        base_budget=plan.base_budget_pence,
        funding=dict(zip(years, table.funding_totals, strict=True)),
        pressures=dict(zip(years, table.pressure_totals, strict=True)),
        programme=programmes,
        closed_through=plan.closed_through,
        before=programmes.get(years[0].previous()) if years else None,
    )


@dataclass
class ScenarioGap:
    scenario: Scenario
    assumptions: Assumptions
    years: list[rules.GapYear]

    @property
    def measure_rows(self) -> list[dict]:
        """A row per measure of the programme, a cell per year: what counts against the gap,
        what the dashboard shows, the gap remaining, and whether it is the year's headline."""
        return [
            {
                "key": measure,
                "label": rules.MEASURE_LABELS[measure],
                "cells": [
                    {
                        "fy": y.fy,
                        "counted": y.counted[measure],
                        "dashboard": y.programme.dashboard[measure],
                        "remaining": y.remaining[measure],
                        "headline": measure == y.headline_measure,
                    }
                    for y in self.years
                ],
            }
            for measure in rules.MEASURES
        ]

    @property
    def totals(self) -> dict[str, int]:
        """Over the plan's years: savings required, to find and the headline remaining."""
        return {
            "required": sum(y.required for y in self.years),
            "to_find": sum(y.to_find for y in self.years),
            "remaining": sum(y.headline for y in self.years),
        }


def gap(*, membership: Membership, plan: FinancialPlan, scenario: Scenario) -> ScenarioGap:
    """The scenario's gap, year by year, against the programme."""
    table = assumptions(scenario=scenario, years=plan_years(plan))
    return ScenarioGap(scenario, table, _gap(plan, table, _programmes(membership, plan)))


def compare(*, membership: Membership, plan: FinancialPlan) -> list[ScenarioGap]:
    """Every scenario's gap, side by side: the programme is read once for them all."""
    programmes = _programmes(membership, plan)
    years = plan_years(plan)
    found = []
    for scenario in scenario_list(membership=membership).prefetch_related("assumptions"):
        table = assumptions(scenario=scenario, years=years)
        found.append(ScenarioGap(scenario, table, _gap(plan, table, programmes)))
    return found


# --- sensitivity ------------------------------------------------------------------------------


@dataclass
class SensitivityCell:
    fy: FinancialYear
    amount: int | None
    change: int | None  # on the year before
    change_percent: Decimal | None
    one_percent: int | None  # how far the gap moves for each 1% more of this figure


@dataclass
class SensitivityRow:
    category: Category
    funding: bool
    cells: list[SensitivityCell] = field(default_factory=list)


def sensitivity(*, table: Assumptions) -> list[SensitivityRow]:
    """For each funding source and pressure, each year: its change on the year before (in
    pounds and per cent: the revenue support grant's 17.7% cut in 2014/15, £11.3 million) and
    how far each 1% more of it moves the gap (funding closes it, pressures widen it)."""
    result = []
    for rows, is_funding in ((table.funding, True), (table.pressures, False)):
        for row in rows:
            if not any(a is not None for a in row.cells):
                continue
            found = SensitivityRow(row.category, is_funding)
            previous = None
            for fy, amount in zip(table.years, row.amounts, strict=True):
                moved, percent = rules.change(previous, amount)
                one = None if amount is None else rules.percent_of(amount, Decimal(1))
                effect = None if one is None else (-one if is_funding else one)
                found.cells.append(SensitivityCell(fy, amount, moved, percent, effect))
                previous = amount
            result.append(found)
    return result


def largest_change(rows: list[SensitivityRow]) -> tuple[SensitivityRow, SensitivityCell] | None:
    """The funding source whose change on the year before is the largest fall (the revenue
    support grant's 17.7% cut, £11.3 million, in Luton's 2014/15)."""
    found = [
        (row, cell)
        for row in rows
        if row.funding
        for cell in row.cells
        if cell.change is not None and cell.change < 0
    ]
    return min(found, key=lambda pair: pair[1].change, default=None)
