"""The plan's arithmetic, pure: no reads, no writes. Money is whole pence throughout.

The gap, year by year (each year's budget is assumed balanced, so the next starts from it):

- spending need = the base (the previous year's funding; for the first year, the plan's
  base budget) plus the year's pressures;
- savings required = spending need less funding;
- brought forward = the unachieved savings of the year before, once that year is closed
  (planned but failed or not delivered: they come back as a gap);
- to find = savings required plus brought forward;
- remaining = to find less the savings counted against it, for each measure of the
  programme (planned, approved, risk-adjusted forecast, delivered).

Savings count only as their savings type's counting rule allows: a type that does not count
toward the gap counts for nothing, and a one-off saving does not close a recurring gap.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from sightline.core.fiscal import FinancialYear

MEASURES = ("planned", "approved", "risk_adjusted", "delivered")
MEASURE_LABELS = {
    "target": "Savings target",
    "planned": "Planned",
    "approved": "Approved",
    "risk_adjusted": "Forecast, risk-adjusted",
    "delivered": "Delivered",
}


def council_tax(tax_base: Decimal, band_d_pence: int) -> int:
    """Council tax: the tax base (Band D equivalents) times the Band D charge, rounded half
    up to the penny. 45,300.00 x £1,170.00 = £53,001,000.00."""
    return int((Decimal(tax_base) * band_d_pence).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def share(part: int, whole: int) -> Decimal | None:
    """``part`` as a percentage of ``whole``, to one decimal place (half up); None when there
    is no whole to share."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def percent_of(pence: int, percent: Decimal) -> int:
    """``percent`` per cent of ``pence``, rounded half up (away from zero) to the penny."""
    value = (Decimal(pence) * Decimal(percent) / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(value)


def change(before: int | None, after: int | None) -> tuple[int | None, Decimal | None]:
    """The change from ``before`` to ``after``, in pence and as a percentage of ``before``
    (RSG £63.84m to £52.54m: -£11.30m, -17.7%)."""
    if before is None or after is None:
        return None, None
    return after - before, share(after - before, before)


def apportion(pence: int, part: int, whole: int) -> int:
    """The share of ``pence`` that ``part`` is of ``whole`` (a proposal's forecast split as
    its planned lines are), rounded half up; nothing when there is no whole."""
    if not whole or not part:
        return 0
    if part == whole:
        return pence
    numerator = pence * part
    whole_part, rest = divmod(abs(numerator), abs(whole))
    value = whole_part + (2 * rest >= abs(whole))
    return -value if (numerator < 0) != (whole < 0) else value


@dataclass
class Programme:
    """One year of the savings programme as the dashboard shows it, and what of it does not
    count against the gap: savings of a type that does not count, and one-off savings."""

    target: int = 0
    dashboard: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MEASURES, 0))
    not_counting: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MEASURES, 0))
    one_off: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MEASURES, 0))
    unachieved: int = 0  # recurring, counting savings planned but failed or not delivered

    def counted(self, measure: str) -> int:
        return self.dashboard[measure] - self.not_counting[measure] - self.one_off[measure]


@dataclass
class GapYear:
    fy: FinancialYear
    base: int
    pressures: int
    need: int
    funding: int
    required: int
    brought_forward: int
    brought_from: FinancialYear | None
    closed: bool
    programme: Programme

    @property
    def to_find(self) -> int:
        return self.required + self.brought_forward

    @property
    def counted(self) -> dict[str, int]:
        return {m: self.programme.counted(m) for m in MEASURES}

    @property
    def remaining(self) -> dict[str, int]:
        """What is left to find after each measure's counted savings (negative: more than
        enough)."""
        return {m: self.to_find - self.programme.counted(m) for m in MEASURES}

    @property
    def headline_measure(self) -> str:
        """A closed year is judged by what was delivered; an open one by the risk-adjusted
        forecast."""
        return "delivered" if self.closed else "risk_adjusted"

    @property
    def headline(self) -> int:
        return self.remaining[self.headline_measure]

    @property
    def target_gap(self) -> int:
        """The savings target less what is to be found: negative when the target falls
        short of the gap."""
        return self.programme.target - self.to_find


def total(amounts: Mapping[str, int], categories: Iterable[str]) -> int:
    return sum(amounts.get(category, 0) for category in categories)


def gap_years(
    *,
    years: list[FinancialYear],
    base_budget: int,
    funding: Mapping[FinancialYear, int],
    pressures: Mapping[FinancialYear, int],
    programme: Mapping[FinancialYear, Programme],
    closed_through: FinancialYear | None,
    before: Programme | None = None,
) -> list[GapYear]:
    """The gap for each of ``years`` (consecutive, first to last). ``funding`` and
    ``pressures`` are each year's totals; ``before`` is the year before the first, whose
    unachieved savings come forward if it is closed."""
    result: list[GapYear] = []
    base = base_budget
    previous = before
    for fy in years:
        year_programme = programme.get(fy) or Programme()
        brought, source = 0, None
        prior = fy.previous()
        if previous is not None and closed_through is not None and prior <= closed_through:
            brought, source = previous.unachieved, prior
        need = base + pressures.get(fy, 0)
        year_funding = funding.get(fy, 0)
        result.append(
            GapYear(
                fy=fy,
                base=base,
                pressures=pressures.get(fy, 0),
                need=need,
                funding=year_funding,
                required=need - year_funding,
                brought_forward=brought,
                brought_from=source,
                closed=closed_through is not None and fy <= closed_through,
                programme=year_programme,
            )
        )
        base, previous = year_funding, year_programme
    return result
