"""Reads for the savings programme, scoped to the user's council and rights.

Every total shown anywhere (dashboard, bundle pages, tracker, exports, API) comes from
:func:`programme_summary` or :func:`tracker_rows`, which sum the same saving lines in the
same way, so they reconcile."""

from sightline.savings.selectors.monitoring import (
    BenefitYear,
    benefit_years,
    forecast_initial,
    monitoring_report,
    period_get,
    period_list,
    report_totals,
    visible_report,
    what_moved,
)
from sightline.savings.selectors.proposals import (
    IN_DELIVERY,
    CodeCheck,
    budget_code_checks,
    bundle_list,
    empty_profile_checks,
    lesson_list,
    proposal_detail,
    proposal_get,
    proposal_list,
    proposals_key,
)
from sightline.savings.selectors.round import (
    NO_LEAD,
    Grid,
    GridFilters,
    LeadGroup,
    Outstanding,
    RoundRow,
    attach_previous,
    forecast_grid,
    grid_rows_for,
    live_savings,
    outstanding,
)
from sightline.savings.selectors.summary import (
    Figures,
    Summary,
    default_year,
    programme_settings,
    programme_summary,
    programme_years,
)
from sightline.savings.selectors.tracker import (
    SORTS,
    filter_choices,
    tracker_rows,
    tracker_totals,
)

__all__ = [
    "NO_LEAD",
    "BenefitYear",
    "Grid",
    "GridFilters",
    "LeadGroup",
    "Outstanding",
    "RoundRow",
    "attach_previous",
    "benefit_years",
    "forecast_grid",
    "grid_rows_for",
    "live_savings",
    "outstanding",
    "CodeCheck",
    "Figures",
    "IN_DELIVERY",
    "SORTS",
    "Summary",
    "budget_code_checks",
    "bundle_list",
    "default_year",
    "empty_profile_checks",
    "filter_choices",
    "forecast_initial",
    "lesson_list",
    "monitoring_report",
    "period_get",
    "period_list",
    "programme_settings",
    "programme_summary",
    "programme_years",
    "proposal_detail",
    "proposal_get",
    "proposal_list",
    "proposals_key",
    "report_totals",
    "tracker_rows",
    "tracker_totals",
    "visible_report",
    "what_moved",
]
