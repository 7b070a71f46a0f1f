"""Server-side SVG charts that read the same in a web page and in a WeasyPrint PDF.

Every chart is a complete, self-contained ``<svg>`` element: no JavaScript, no external fonts or
stylesheets. Charts follow WCAG 2.2 AA so that colour is never the only cue:

* each series has its own fill pattern (solid, hatching, dots, cross-hatching, ...) as well as
  its own colour, shown in a legend with pattern swatches;
* values are printed as text on or beside the bars;
* the ``<svg>`` has ``role="img"``, a ``<title>`` and a ``<desc>`` holding the full data in words,
  referenced by ``aria-labelledby``.

Money is integer pence throughout. Values are turned into text only by ``format_value`` (by
default :func:`_money_m`, which uses ``decimal.Decimal`` with ``ROUND_HALF_UP``); floats are used
for pixel geometry only. Output is deterministic: element ids come from a hash of the inputs, so
the same call always gives the same string, and different charts on one page get different ids."""

from sightline.core.charts.bars import grouped_bar_chart, stacked_bar_chart
from sightline.core.charts.heatmap import HeatRisk, risk_heat_map
from sightline.core.charts.rag import rag_bar, sparkline
from sightline.core.charts.style import PALETTE, PATTERNS, RAG_COLOURS, Series
from sightline.core.charts.text import _money_m

__all__ = [
    "HeatRisk",
    "PALETTE",
    "PATTERNS",
    "RAG_COLOURS",
    "Series",
    "_money_m",
    "grouped_bar_chart",
    "rag_bar",
    "risk_heat_map",
    "sparkline",
    "stacked_bar_chart",
]
