"""Access-matrix rows for the monitoring pages and API operations: the monthly round."""

from __future__ import annotations

from tests.access.expectations import (
    A_MEMBERS,
    AS_POST,
    BY_COUNCIL,
    DIRECTOR,
    EDITOR,
    FINANCE,
    PROGRAMME_OFFICE,
    Row,
    page,
    s,
)

# The forecast grid of council A's open month: those who may record a forecast for one of its
# live savings (savings.record_forecast): the programme office and finance (every live saving),
# the director of X (X's live proposal) and the editor who leads it. A member who may update
# none is refused with the rule's words; the grid is a form, so its GET is refused alike.
RECORDS_A_FORECAST = s(PROGRAMME_OFFICE, FINANCE, DIRECTOR, EDITOR)

ROWS: list[Row] = [
    page(
        "programme/periods/<int:pk>/forecasts/",
        "savings:round_grid",
        get=AS_POST,
        post=RECORDS_A_FORECAST,
        kinds=BY_COUNCIL,
        params={"pk": "period"},
        note="An empty post changes no row: it saves nothing and returns to the grid.",
    ),
    # What is still outstanding, by lead officer: read by every member, as the month's report
    # is (computed from the savings the reader may see).
    page(
        "programme/periods/<int:pk>/outstanding/",
        "savings:round_outstanding",
        get=A_MEMBERS,
        kinds=BY_COUNCIL,
        params={"pk": "period"},
    ),
]
