"""Pages of the savings programme. Each view fetches through a selector, asks the permission
rule before offering a form, binds the form, calls a service and renders or redirects; the
rules live in ``permissions.py``, ``rules.py`` and the services."""

from sightline.savings.views.monitoring import (
    moved,
    period_close,
    period_report,
    periods,
    proposal_benefit,
)
from sightline.savings.views.programme import (
    budget_code_review,
    bundle_detail,
    checks,
    dashboard,
    lessons,
    targets,
)
from sightline.savings.views.proposals import (
    proposal_create,
    proposal_decision,
    proposal_detail,
    proposal_edit,
    proposal_forecast,
    proposal_impact,
    proposal_lines,
    proposal_staffing,
    proposal_stage,
)
from sightline.savings.views.round import round_grid, round_outstanding
from sightline.savings.views.tracker import tracker

__all__ = [
    "budget_code_review",
    "bundle_detail",
    "checks",
    "dashboard",
    "lessons",
    "moved",
    "period_close",
    "period_report",
    "periods",
    "proposal_benefit",
    "proposal_create",
    "proposal_decision",
    "proposal_detail",
    "proposal_edit",
    "proposal_forecast",
    "proposal_impact",
    "proposal_lines",
    "proposal_stage",
    "proposal_staffing",
    "round_grid",
    "round_outstanding",
    "targets",
    "tracker",
]
