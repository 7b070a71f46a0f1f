"""The monthly round: each live saving's rows for a monitoring month (one per financial year
with a planned saving, from the month's own year on), with last month's forecast and RAG to
start from and this month's where already recorded; which are still outstanding, by lead
officer.

Every read here is a fixed number of queries however many savings the council has: the
proposals once, their planned savings summed by year once, the month's forecasts once and
the page's earlier forecasts once. A county has a thousand live savings and two thousand rows
in a round: the pages read them as values, or as proposals with only the fields the grid and
the rules read, never as whole records."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import islice
from typing import NamedTuple

from django.db.models import F, QuerySet, Sum

from sightline.accounts.models import Directorate, Membership, Person
from sightline.accounts.permissions import allowed
from sightline.core.fiscal import FinancialYear
from sightline.core.queries import attach_shared
from sightline.savings.models import Bundle, Forecast, Period, Proposal, SavingLine, Stage

# The long texts of the standard form are not needed to list savings.
LONG_TEXTS = ("summary", "background", "proposal", "resources", "notes", "stage_reason")
NO_LEAD = "none"  # the lead officer filter's value for savings with no lead officer
ASKED_AT_A_TIME = 100  # savings read at a time to find one the user may record a forecast for
# What the grid, its filters and ``savings.record_forecast`` read of a live saving: its own
# fields, and (read alongside, see ``sightline.core.queries.attach_shared``) those of its
# directorate, bundle and people.
GRID_FIELDS = (
    "council",
    "reference",
    "title",
    "stage",
    "directorate",
    "bundle",
    "lead_officer",
    "project_manager",
    "sponsor",
)
GRID_RELATED = {
    "directorate_name": F("directorate__name"),
    "bundle_name": F("bundle__name"),
    "lead_officer_name": F("lead_officer__name"),
    "lead_officer_user": F("lead_officer__user"),
    "project_manager_user": F("project_manager__user"),
    "sponsor_user": F("sponsor__user"),
}


@dataclass
class RoundRow:
    """One financial year of one live saving in the month's round."""

    proposal: Proposal
    fy: FinancialYear
    planned_pence: int
    # this month's forecast, if recorded: forecast_pence, rag, commentary, version
    current: dict | None = None
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
                "forecast": self.current["forecast_pence"],
                "rag": self.current["rag"],
                "commentary": self.current["commentary"],
                "version": self.current["version"],
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


def _grid_savings(live: QuerySet[Proposal]) -> QuerySet[Proposal]:
    """The ``live`` savings with only what the grid shows of them, its filters offer and
    ``savings.record_forecast`` asks (a whole record each would be most of the page's time at
    county scale); :func:`_with_related` gives them their directorates, bundles and people."""
    return live.only(*GRID_FIELDS).annotate(**GRID_RELATED).order_by("reference")


def _with_related(proposals: list[Proposal]) -> list[Proposal]:
    attach_shared(proposals, "directorate", Directorate, name="directorate_name")
    attach_shared(proposals, "bundle", Bundle, name="bundle_name")
    attach_shared(
        proposals, "lead_officer", Person, name="lead_officer_name", user_id="lead_officer_user"
    )
    attach_shared(proposals, "project_manager", Person, user_id="project_manager_user")
    attach_shared(proposals, "sponsor", Person, user_id="sponsor_user")
    return proposals


def _live(membership: Membership) -> QuerySet[Proposal]:
    return Proposal.objects.visible_to(membership).filter(stage=Stage.LIVE)


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
        (f["proposal_id"], f["fy"]): f
        for f in Forecast.objects.filter(period=period, proposal__in=proposals).values(
            "proposal_id", "fy", "forecast_pence", "rag", "commentary", "version"
        )
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
    visible = _live(membership)
    proposals = _with_related(list(_grid_savings(visible)))
    mine = [p for p in proposals if allowed(user, "savings.record_forecast", p)]
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


class Lead(NamedTuple):
    """A lead officer as the list names them."""

    pk: int
    name: str


class OutstandingRow(NamedTuple):
    """One year of a live saving still without the month's forecast."""

    proposal_id: int
    reference: str
    title: str
    fy: FinancialYear
    planned_pence: int


@dataclass(eq=False)
class LeadGroup:
    """The live savings one lead officer (or nobody) still has to forecast in the month."""

    lead: Lead | None
    rows: list[OutstandingRow] = field(default_factory=list)
    page: int | None = None  # the page of a paged list its rows start on

    @property
    def savings(self) -> int:
        return len({r.proposal_id for r in self.rows})

    @property
    def planned_pence(self) -> int:
        return sum(r.planned_pence for r in self.rows)

    @property
    def filter_value(self) -> str:
        return str(self.lead.pk) if self.lead else NO_LEAD


class Listed(NamedTuple):
    """A row of the list with the group it is listed under."""

    group: LeadGroup
    row: OutstandingRow


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

    def listing(self) -> list[Listed]:
        """Every outstanding row in the list's order, each with its group (to page them)."""
        return [Listed(group, row) for group in self.groups for row in group.rows]

    def mark_pages(self, size: int) -> None:
        """Note on each group the page it starts on, when the list is paged ``size`` rows."""
        first = 0
        for group in self.groups:
            group.page = first // size + 1
            first += len(group.rows)


def outstanding(*, membership: Membership, user, period: Period) -> Outstanding:
    """The live savings ``membership`` may read still without the month's forecast for a year,
    grouped by lead officer (named groups by name, then "No lead officer"). Read as values: the
    proposals, their planned savings by year and which years the month has a forecast for."""
    live = _live(membership)
    planned = _planned(live, period.fy)
    years: dict[int, list[FinancialYear]] = defaultdict(list)
    for proposal_id, fy in sorted(planned, key=lambda k: k[1]):
        years[proposal_id].append(fy)
    recorded = set(
        Forecast.objects.filter(period=period, proposal__in=live).values_list("proposal_id", "fy")
    )
    groups: dict[int | None, LeadGroup] = {}
    rows = done = 0
    proposals = live.order_by("reference").values_list(
        "pk", "reference", "title", "lead_officer_id", "lead_officer__name"
    )
    for pk, reference, title, lead_id, lead_name in proposals:
        for fy in years.get(pk, []):
            rows += 1
            if (pk, fy) in recorded:
                done += 1
                continue
            if lead_id not in groups:
                lead = Lead(lead_id, lead_name) if lead_id else None
                groups[lead_id] = LeadGroup(lead=lead)
            groups[lead_id].rows.append(OutstandingRow(pk, reference, title, fy, planned[(pk, fy)]))
    ordered = sorted(groups.values(), key=lambda g: (g.lead is None, g.lead.name if g.lead else ""))
    return Outstanding(
        groups=ordered, rows=rows, recorded=done, may_record=_may_record_any(user, live)
    )


def _may_record_any(user, live: QuerySet[Proposal]) -> bool:
    """Whether ``user`` may record a forecast for any of the ``live`` savings: asked of each
    in turn until one allows it, the savings read a hundred at a time."""
    savings = _grid_savings(live).iterator(chunk_size=ASKED_AT_A_TIME)
    while chunk := list(islice(savings, ASKED_AT_A_TIME)):
        if any(allowed(user, "savings.record_forecast", p) for p in _with_related(chunk)):
            return True
    return False
