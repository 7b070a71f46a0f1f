"""The rules of performance indicators as pure functions: RAG against target, direction of
travel, and the periods (month, quarter, financial year) figures are reported for.

No reads, no writes. Values are ``Decimal`` in the indicator's unit; polarity is
``"higher"`` (higher is better) or ``"lower"`` (lower is better).
"""

from __future__ import annotations

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal

from sightline.core.fiscal import FinancialYear, FinancialYearError

GREEN, AMBER, RED = "green", "amber", "red"
IMPROVING, WORSENING, NO_CHANGE = "improving", "worsening", "no change"
HIGHER, LOWER = "higher", "lower"
MONTHLY, QUARTERLY, ANNUAL = "monthly", "quarterly", "annual"
PERCENT, NUMBER, DAYS, POUNDS, RATE = "percent", "number", "days", "pounds", "rate"

POLARITY_WORDS = {HIGHER: "higher is better", LOWER: "lower is better"}
PERIOD_NOUN = {MONTHLY: "month", QUARTERLY: "quarter", ANNUAL: "year"}


def _check_polarity(polarity: str) -> str:
    if polarity not in POLARITY_WORDS:
        raise ValueError(f"polarity must be 'higher' or 'lower', not {polarity!r}")
    return str(polarity)


def _shortfall(*, actual: Decimal, target: Decimal, polarity: str) -> Decimal:
    """How far the actual is worse than the target (negative or zero when it meets it)."""
    if _check_polarity(polarity) == HIGHER:
        return target - actual
    return actual - target


# --- RAG -------------------------------------------------------------------------------------


def rag(*, actual: Decimal, target: Decimal, polarity: str, tolerance: Decimal) -> str:
    """Green when the target is met; Amber when short of it by no more than the tolerance;
    otherwise Red. Lower-is-better indicators are the mirror image."""
    if tolerance < 0:
        raise ValueError("the amber tolerance cannot be negative")
    shortfall = _shortfall(actual=actual, target=target, polarity=polarity)
    if shortfall <= 0:
        return GREEN
    if shortfall <= tolerance:
        return AMBER
    return RED


def rag_explanation(
    *,
    actual: Decimal,
    target: Decimal,
    polarity: str,
    tolerance: Decimal,
    unit: str = NUMBER,
) -> str:
    """The RAG in words, e.g. "Amber: 9.5 days is 1.5 days worse than the target of 8.0 days,
    within the tolerance of 2.0 days (lower is better)."."""
    rating = rag(actual=actual, target=target, polarity=polarity, tolerance=tolerance)
    polarity_words = POLARITY_WORDS[polarity]
    shown, goal = format_value(actual, unit), format_value(target, unit)
    if rating == GREEN:
        return f"Green: {shown} meets the target of {goal} ({polarity_words})."
    gap = format_difference(_shortfall(actual=actual, target=target, polarity=polarity), unit)
    if rating == AMBER:
        return (
            f"Amber: {shown} is {gap} worse than the target of {goal}, within the tolerance "
            f"of {format_difference(tolerance, unit)} ({polarity_words})."
        )
    beyond = (
        f"beyond the tolerance of {format_difference(tolerance, unit)}"
        if tolerance
        else "with no tolerance for Amber"
    )
    return f"Red: {shown} is {gap} worse than the target of {goal}, {beyond} ({polarity_words})."


# --- direction of travel -----------------------------------------------------------------------


def direction(*, current: Decimal, previous: Decimal | None, polarity: str) -> str | None:
    """Improving, worsening or no change against the previous period; None without one."""
    _check_polarity(polarity)
    if previous is None:
        return None
    if current == previous:
        return NO_CHANGE
    better = current > previous if polarity == HIGHER else current < previous
    return IMPROVING if better else WORSENING


def direction_words(
    *,
    current: Decimal,
    previous: Decimal | None,
    polarity: str,
    unit: str = NUMBER,
    previous_label: str = "last period",
) -> str:
    """The direction in words, e.g. "Improving: up from 94.0% last quarter"."""
    trend = direction(current=current, previous=previous, polarity=polarity)
    if trend is None:
        return "No earlier figure to compare with"
    shown = format_value(previous, unit)
    if trend == NO_CHANGE:
        return f"No change: the same as {previous_label} ({shown})"
    movement = "up" if current > previous else "down"
    return f"{trend.capitalize()}: {movement} from {shown} {previous_label}"


# --- formatting values -----------------------------------------------------------------------


def _number(value: Decimal, *, min_places: int) -> str:
    """At least ``min_places`` decimal places, at most two, with thousands separators."""
    value = Decimal(value)
    exponent = value.normalize().as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    places = min(2, max(min_places, decimals))
    return f"{value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):,}"


def format_value(value: Decimal | None, unit: str) -> str:
    """A value in its unit: ``96.5%``, ``9.5 days``, ``£1,250``, ``52``, ``31.2``."""
    if value is None:
        return "—"
    value = Decimal(value)
    if unit == PERCENT:
        return f"{_number(value, min_places=1)}%"
    if unit == DAYS:
        return f"{_number(value, min_places=1)} day{'' if value == 1 else 's'}"
    if unit == POUNDS:
        sign = "-" if value < 0 else ""
        places = 0 if value == value.to_integral_value() else 2
        return f"{sign}£{abs(value).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP):,}"
    if unit == RATE:
        return _number(value, min_places=1)
    return _number(value, min_places=0)


def format_difference(value: Decimal, unit: str) -> str:
    """A gap between two values: percentages differ by percentage points."""
    if unit == PERCENT:
        value = Decimal(value)
        return f"{_number(value, min_places=1)} percentage point{'' if value == 1 else 's'}"
    return format_value(value, unit)


# --- periods ---------------------------------------------------------------------------------

MONTHS = [datetime.date(2000, m, 1).strftime("%B") for m in range(1, 13)]
_MONTH_NUMBERS = {name.lower(): number for number, name in enumerate(MONTHS, start=1)}
_MONTH_NUMBERS.update({name[:3].lower(): number for name, number in list(_MONTH_NUMBERS.items())})
_QUARTER = re.compile(r"q\s*([1-4])\s*,?\s*(?:of\s+)?(?:fy\s*)?(.+)", re.IGNORECASE)
_MONTH_YEAR = re.compile(r"([a-z]+)\.?\s+([0-9]{4})", re.IGNORECASE)
_ISO_MONTH = re.compile(r"([0-9]{4})-([0-9]{1,2})")

PERIOD_HINTS = {
    MONTHLY: "The month, for example June 2010",
    QUARTERLY: "The quarter of the financial year, for example Q1 2010/11 (April to June 2010)",
    ANNUAL: "The financial year, for example 2010/11",
}


class PeriodError(ValueError):
    """Text that is not a period of the indicator's frequency; the message says what is."""


def _check_frequency(frequency: str) -> str:
    if frequency not in PERIOD_NOUN:
        raise ValueError(f"frequency must be monthly, quarterly or annual, not {frequency!r}")
    return str(frequency)


def period_start(day: datetime.date, frequency: str) -> datetime.date:
    """The first day of the month, quarter (April, July, October, January) or financial year
    (1 April) that contains ``day``."""
    frequency = _check_frequency(frequency)
    if frequency == MONTHLY:
        return day.replace(day=1)
    if frequency == QUARTERLY:
        month = ((day.month - 1) // 3) * 3 + 1
        return datetime.date(day.year, month, 1)
    return FinancialYear.of(day).starts_on


def period_end(period: datetime.date, frequency: str) -> datetime.date:
    """The last day of the period starting (or containing) ``period``."""
    return next_period(period, frequency) - datetime.timedelta(days=1)


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def next_period(period: datetime.date, frequency: str) -> datetime.date:
    start = period_start(period, frequency)
    return _add_months(start, {MONTHLY: 1, QUARTERLY: 3, ANNUAL: 12}[frequency])


def previous_period(period: datetime.date, frequency: str) -> datetime.date:
    start = period_start(period, frequency)
    return _add_months(start, -{MONTHLY: 1, QUARTERLY: 3, ANNUAL: 12}[frequency])


def quarter_number(day: datetime.date) -> int:
    """The quarter of the financial year: Q1 is April to June, Q4 January to March."""
    return (day.month - 4) % 12 // 3 + 1


def period_label(period: datetime.date, frequency: str) -> str:
    """``June 2010``, ``Q1 2010/11`` (April to June 2010) or ``2010/11``."""
    frequency = _check_frequency(frequency)
    if frequency == MONTHLY:
        return f"{MONTHS[period.month - 1]} {period.year}"
    if frequency == QUARTERLY:
        return f"Q{quarter_number(period)} {FinancialYear.of(period)}"
    return str(FinancialYear.of(period))


def parse_period(text: str, frequency: str) -> datetime.date:
    """Read a period as a council writes it into the first day of that period.

    Monthly: ``June 2010``, ``Jun 2010`` or ``2010-06``. Quarterly: ``Q1 2010/11`` (April to
    June 2010). Annual: ``2010/11``. Any frequency also takes a date (``2010-06-15``), meaning
    the period that contains it.
    """
    frequency = _check_frequency(frequency)
    cleaned = " ".join(str(text).split())
    if not cleaned:
        raise PeriodError(f"Enter the period. {PERIOD_HINTS[frequency]}.")
    try:
        return period_start(datetime.date.fromisoformat(cleaned), frequency)
    except ValueError:
        pass
    if frequency == MONTHLY:
        match = _MONTH_YEAR.fullmatch(cleaned)
        if match and match[1].lower() in _MONTH_NUMBERS:
            return datetime.date(int(match[2]), _MONTH_NUMBERS[match[1].lower()], 1)
        match = _ISO_MONTH.fullmatch(cleaned)
        if match and 1 <= int(match[2]) <= 12:
            return datetime.date(int(match[1]), int(match[2]), 1)
    elif frequency == QUARTERLY:
        match = _QUARTER.fullmatch(cleaned)
        if match:
            try:
                fy = FinancialYear.parse(match[2])
            except FinancialYearError as exc:
                raise PeriodError(f"“{cleaned}” is not a quarter: {_reason(exc)}.") from exc
            return _add_months(fy.starts_on, 3 * (int(match[1]) - 1))
    else:
        try:
            return FinancialYear.parse(cleaned).starts_on
        except FinancialYearError as exc:
            raise PeriodError(f"“{cleaned}” is not a financial year: {_reason(exc)}.") from exc
    noun = PERIOD_NOUN[frequency]
    raise PeriodError(f"“{cleaned}” is not a {noun}. {PERIOD_HINTS[frequency]}.")


def _reason(error: FinancialYearError) -> str:
    return str(error).split(": ", 1)[-1]
