"""The plan's chart: the gap over the years, in pages and in the PDF alike (an SVG with a
pattern for each series, its values printed on the bars, and its data in words)."""

from __future__ import annotations

from django.utils.safestring import SafeString

from sightline.core.charts import Series, grouped_bar_chart
from sightline.core.money import format_m
from sightline.finance.selectors import ScenarioGap


def gap_chart(found: ScenarioGap, *, width: int = 720, height: int = 320) -> SafeString:
    """Each year: the savings to find, the planned and risk-adjusted savings counted against
    them, and the gap that remains (after the risk-adjusted forecast; a closed year's after
    what was delivered)."""
    years = found.years
    return grouped_bar_chart(
        title=f"The gap over the years: {found.scenario.name} scenario",
        categories=[str(y.fy) for y in years],
        series=[
            Series("Savings to find", [y.to_find for y in years]),
            Series("Planned savings counted", [y.counted["planned"] for y in years]),
            Series("Forecast, risk-adjusted, counted", [y.counted["risk_adjusted"] for y in years]),
            Series("Gap remaining", [y.headline for y in years]),
        ],
        format_value=format_m,
        width=width,
        height=height,
        description=(
            "Savings to find is spending need less funding, with a closed year's unachieved "
            "savings brought forward. The gap remaining is what is left after the risk-adjusted "
            "forecast (after what was delivered, for a closed year); a negative gap means more "
            "savings than needed."
        ),
    )
