"""The monthly round: each live saving's rows for a monitoring month (one per financial year
with a planned saving, from the month's own year on), with last month's forecast and RAG to
start from and this month's where already recorded; which are still outstanding, by lead
officer.

Every read here is a fixed number of queries however many savings the council has: the
proposals once, their planned savings summed by year once, the month's forecasts once and
the page's earlier forecasts once."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet, Sum

from sightline.accounts.models import Membership, Person
from sightline.accounts.permissions import allowed
from sightline.core.fiscal import FinancialYear
from sightline.savings.models import Forecast, Period, Proposal, SavingLine, Stage

# The long texts of the standard form are not needed to list savings.
LONG_TEXTS = ("summary", "background", "proposal", "resources", "notes", "stage_reason")
NO_LEAD = "none"  # the lead officer filter's value for savings with no lead officer


@dataclass
class RoundRow:
    """One financial year of one live saving in the month's round."""

    proposal: Proposal
    fy: FinancialYear
    planned_pence: int
    current: Forecast | None = None  # this month's forecast, if recorded
    previous: dict | None = None  # the latest earlier month's: month, forecast_pence, rag

    @property
    def key(self) -> str:
        """How the grid names the row in a form post: ``<proposal id>-<start year>``."""
        return f"{self.proposal.pk}-{self.fy.start_year}"

    @property
    def label(self) -> str:
        return f"{self.proposal.reference} {self.fy}"

    @property
    def recorded(self) -> bool:
        return self.current is not None

    @property
    def previous_rag(self) -> str | None:
        return self.previous["rag"] if self.previous else None

    def initial(self) -> dict:
        """The grid's starting values: this month's forecast where recorded (with its version),
        else last month's forecast and RAG, else the planned saving and no RAG."""
        if self.current is not None:
            return {
                "forecast": self.current.forecast_pence,
                "rag": self.current.rag,
                "commentary": self.current.commentary,
                "version": self.current.version,
            }
        if self.previous is not None:
            return {"forecast": self.previous["forecast_pence"], "rag": self.previous["rag"]}
        return {"forecast": self.planned_pence, "rag": ""}


def live_savings(*, membership: Membership) -> QuerySet[Proposal]:
    """The live savings ``membership`` may read, with what the rules and the grid ask of them."""
    return (
        Proposal.objects.visible_to(membership)
        .filter(stage=Stage.LIVE)
        .select_related("directorate", "bundle", "lead_officer", "project_manager", "sponsor")
        .defer(*LONG_TEXTS)
        .order_by("reference")
    )


def _planned(proposals, since: FinancialYear) -> dict[tuple[int, FinancialYear], int]:
    """The saving planned for each (proposal, year) from ``since`` on, where it is not nil."""
    sums = (
        SavingLine.objects.filter(proposal__in=proposals, fy__gte=since)
        .values("proposal_id", "fy")
        .annotate(total=Sum("amount_pence"))
        .order_by()
    )
    return {(s["proposal_id"], s["fy"]): s["total"] for s in sums if s["total"]}


def _rows(proposals: list[Proposal], planned: dict) -> list[RoundRow]:
    """The rows of ``proposals`` in the order given, each saving's years in order."""
    years: dict[int, list[FinancialYear]] = defaultdict(list)
    for proposal_id, fy in sorted(planned, key=lambda k: k[1]):
        years[proposal_id].append(fy)
    return [
        RoundRow(proposal=p, fy=fy, planned_pence=planned[(p.pk, fy)])
        for p in proposals
        for fy in years.get(p.pk, [])
    ]


def _attach_current(period: Period, rows: list[RoundRow], proposals) -> None:
    current = {
        (f.proposal_id, f.fy): f
        for f in Forecast.objects.filter(period=period, proposal__in=proposals)
    }
    for row in rows:
        row.current = current.get((row.proposal.pk, row.fy))


def _attach_previous(period: Period, rows: list[RoundRow]) -> None:
    """Each row's latest forecast from an earlier month (read from the covering index)."""
    ids = sorted({row.proposal.pk for row in rows})
    if not ids:
        return
    earlier = (
        Forecast.objects.filter(proposal_id__in=ids, month__lt=period.month)
        .order_by("proposal_id", "fy", "-month")
        .values("proposal_id", "fy", "month", "forecast_pence", "rag")
    )
    latest: dict[tuple[int, FinancialYear], dict] = {}
    for f in earlier:
        latest.setdefault((f["proposal_id"], f["fy"]), f)
    for row in rows:
        row.previous = latest.get((row.proposal.pk, row.fy))


# --- the forecast grid ---------------------------------------------------------------------------


@dataclass
class GridFilters:
    directorate: int | None = None
    bundle: int | None = None
    lead: str = ""  # a person's id, NO_LEAD, or "" for any
    outstanding: bool = False

    def keep(self, proposal: Proposal) -> bool:
        if self.directorate and proposal.directorate_id != self.directorate:
            return False
        if self.bundle and proposal.bundle_id != self.bundle:
            return False
        if self.lead == NO_LEAD:
            return proposal.lead_officer_id is None
        return not self.lead or str(proposal.lead_officer_id) == self.lead


@dataclass
class Grid:
    """The rows of the savings the user may update in the month that the filters keep, with
    this month's forecasts (last month's are attached to the rows a page shows), and the
    filters' choices."""

    rows: list[RoundRow]
    savings: int = 0  # the live savings the user may update, whatever the filters
    total: int = 0  # rows matching the filters but "still to record", recorded or not
    recorded: int = 0  # of which recorded this month
    directorates: list = field(default_factory=list)
    bundles: list = field(default_factory=list)
    leads: list[Person] = field(default_factory=list)
    no_lead: bool = False


def _choices(proposals: list[Proposal]) -> dict:
    """The filters' choices, from the savings themselves (no query of their own)."""
    directorates = {p.directorate_id: p.directorate for p in proposals}
    bundles = {p.bundle_id: p.bundle for p in proposals if p.bundle_id}
    leads = {p.lead_officer_id: p.lead_officer for p in proposals if p.lead_officer_id}
    return {
        "directorates": sorted(directorates.values(), key=lambda d: d.name),
        "bundles": sorted(bundles.values(), key=lambda b: b.name),
        "leads": sorted(leads.values(), key=lambda p: p.name),
        "no_lead": any(p.lead_officer_id is None for p in proposals),
    }


def forecast_grid(
    *, membership: Membership, user, period: Period, filters: GridFilters | None = None
) -> Grid:
    """Every row of the month's round on the live savings ``user`` may record forecasts for
    (``savings.record_forecast``), filtered. Last month's figures are attached by
    :func:`attach_previous` to the rows a page shows."""
    filters = filters or GridFilters()
    visible = live_savings(membership=membership)
    mine = [p for p in visible if allowed(user, "savings.record_forecast", p)]
    kept = [p for p in mine if filters.keep(p)]
    rows = _rows(kept, _planned(visible, period.fy))
    _attach_current(period, rows, visible)
    recorded = sum(1 for r in rows if r.recorded)
    shown = [r for r in rows if not r.recorded] if filters.outstanding else rows
    return Grid(rows=shown, savings=len(mine), total=len(rows), recorded=recorded, **_choices(mine))


def attach_previous(*, period: Period, rows: list[RoundRow]) -> list[RoundRow]:
    """Give the rows a page shows their latest earlier forecast, in one query."""
    _attach_previous(period, rows)
    return rows


def grid_rows_for(
    *, membership: Membership, user, period: Period, keys: list[str]
) -> list[RoundRow]:
    """The rows a grid post names (``<proposal id>-<start year>``), with everything the grid
    showed of them; a key that is not a row of the month's round for ``user`` is left out."""
    wanted: set[tuple[int, int]] = set()
    for key in keys:
        proposal_id, _, year = key.partition("-")
        if proposal_id.isdigit() and year.isdigit() and len(proposal_id) <= 18:
            wanted.add((int(proposal_id), int(year)))
    ids = sorted({proposal_id for proposal_id, _ in wanted})
    proposals = [
        p
        for p in live_savings(membership=membership).filter(pk__in=ids)
        if allowed(user, "savings.record_forecast", p)
    ]
    rows = [
        r
        for r in _rows(proposals, _planned(ids, period.fy))
        if (r.proposal.pk, r.fy.start_year) in wanted
    ]
    _attach_current(period, rows, ids)
    _attach_previous(period, rows)
    return rows


# --- what is outstanding --------------------------------------------------------------------------


@dataclass
class LeadGroup:
    """The live savings one lead officer (or nobody) still has to forecast in the month."""

    lead: Person | None
    rows: list[RoundRow] = field(default_factory=list)

    @property
    def savings(self) -> int:
        return len({r.proposal.pk for r in self.rows})

    @property
    def planned_pence(self) -> int:
        return sum(r.planned_pence for r in self.rows)

    @property
    def filter_value(self) -> str:
        return str(self.lead.pk) if self.lead else NO_LEAD


@dataclass
class Outstanding:
    groups: list[LeadGroup]
    rows: int  # rows of the round, recorded or not
    recorded: int
    may_record: bool  # whether the reader may record any of them (and so use the grid)

    @property
    def savings(self) -> int:
        return sum(g.savings for g in self.groups)

    @property
    def outstanding_rows(self) -> int:
        return self.rows - self.recorded

    @property
    def planned_pence(self) -> int:
        return sum(g.planned_pence for g in self.groups)


def outstanding(*, membership: Membership, user, period: Period) -> Outstanding:
    """The live savings ``membership`` may read still without the month's forecast for a year,
    grouped by lead officer (named groups by name, then "No lead officer")."""
    proposals = list(live_savings(membership=membership))
    rows = _rows(proposals, _planned(live_savings(membership=membership), period.fy))
    _attach_current(period, rows, live_savings(membership=membership))
    groups: dict[int | None, LeadGroup] = {}
    for row in rows:
        if row.recorded:
            continue
        lead = row.proposal.lead_officer
        groups.setdefault(lead.pk if lead else None, LeadGroup(lead=lead)).rows.append(row)
    ordered = sorted(groups.values(), key=lambda g: (g.lead is None, g.lead.name if g.lead else ""))
    return Outstanding(
        groups=ordered,
        rows=len(rows),
        recorded=sum(1 for r in rows if r.recorded),
        may_record=any(allowed(user, "savings.record_forecast", p) for p in proposals),
    )
