"""The simulator's arithmetic, pure: whole pence, percentages as integers, no floats.

A resident's budget closes the gap when what their choices raise or save reaches it:

- each savings option kept saves its amount;
- each service moved by ``p`` per cent saves ``-p`` per cent of its budget (a cut of 5%
  saves 5% of the budget; a rise of 5% costs it);
- a council tax rise of ``t`` hundredths of a per cent raises ``t / 100`` per cent of the
  year's council tax income.

Each percentage of an amount is rounded half away from zero to the penny, as the financial
plan rounds (``sightline.finance.rules.percent_of``); the browser's live totals round the same
way (``static/simulator/simulator.js``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


def percent_of(pence: int, hundredths: int) -> int:
    """``hundredths`` hundredths of a per cent of ``pence``, rounded half away from zero."""
    value = (Decimal(pence) * hundredths / Decimal(10000)).quantize(
        Decimal(1), rounding=ROUND_HALF_UP
    )
    return int(value)


def service_saving(budget_pence: int, percent: int) -> int:
    """What moving a service's budget by ``percent`` saves (negative: what it costs)."""
    return -percent_of(budget_pence, percent * 100)


def tax_raised(council_tax_pence: int, hundredths: int) -> int:
    """What a council tax rise of ``hundredths`` hundredths of a per cent raises."""
    return percent_of(council_tax_pence, hundredths)


def parse_percent(text: str) -> int:
    """A percentage typed as ``2``, ``1.5`` or ``4.99`` (a ``%`` allowed), in hundredths of
    a per cent; ValueError for anything else, or more than two decimal places."""
    cleaned = text.strip().removesuffix("%").strip()
    if not cleaned or len(cleaned) > 8:
        raise ValueError("Enter a percentage, like 1.99")
    try:
        value = Decimal(cleaned)
    except ArithmeticError:
        raise ValueError("Enter a percentage, like 1.99") from None
    if not value.is_finite():
        raise ValueError("Enter a percentage, like 1.99")
    hundredths = value * 100
    if hundredths != hundredths.to_integral_value():
        raise ValueError("Enter a percentage with at most two decimal places, like 1.99")
    return int(hundredths)


def format_percent(hundredths: int) -> str:
    """499 -> "4.99", 200 -> "2", 150 -> "1.5"."""
    sign = "-" if hundredths < 0 else ""
    whole, part = divmod(abs(hundredths), 100)
    return f"{sign}{whole}" if not part else f"{sign}{whole}.{part:02d}".rstrip("0")


@dataclass(frozen=True)
class Balance:
    gap: int
    from_options: int
    from_services: int
    from_tax: int

    @property
    def total(self) -> int:
        return self.from_options + self.from_services + self.from_tax

    @property
    def shortfall(self) -> int:
        """What is still to find (zero or less: the gap is closed)."""
        return self.gap - self.total

    @property
    def closes_gap(self) -> bool:
        return self.total >= self.gap

    @property
    def surplus(self) -> int:
        return max(0, -self.shortfall)


def balance(
    *,
    gap: int,
    kept: Iterable[int],
    services: Iterable[tuple[int, int]],
    council_tax: int,
    tax_hundredths: int,
) -> Balance:
    """The balance of one resident's budget: ``kept`` the amounts of the options kept,
    ``services`` each service's (budget, percent move)."""
    return Balance(
        gap=gap,
        from_options=sum(kept),
        from_services=sum(service_saving(budget, percent) for budget, percent in services),
        from_tax=tax_raised(council_tax, tax_hundredths),
    )


def share(part: int, whole: int) -> Decimal | None:
    """``part`` of ``whole`` as a percentage to the nearest whole number, half up."""
    if not whole:
        return None
    return (Decimal(part) * 100 / whole).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def average_hundredths(values: Mapping[int, int] | Iterable[int]) -> int | None:
    """The mean of whole percentages, in hundredths of a per cent, rounded half away from
    zero; None for no values."""
    items = list(values)
    if not items:
        return None
    mean = Decimal(sum(items) * 100) / len(items)
    return int(mean.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def format_whole_pounds(pence: int) -> str:
    """Pence as whole pounds, half away from zero: 1800000050 -> "£18,000,001", -150 ->
    "-£2" (the browser's live totals format the same way)."""
    pounds = (abs(pence) + 50) // 100
    return f"{'-' if pence < 0 and pounds else ''}£{pounds:,}"
