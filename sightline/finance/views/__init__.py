"""The financial plan's pages. Each view fetches through a selector, asks the rule
(``sightline.finance.permissions``) before offering a form, binds it, calls a service and
renders or redirects."""

from sightline.finance.views.budget import budget, line_add, line_edit, note_add, note_edit
from sightline.finance.views.cycle import cycle, cycle_repeat, milestone_add, milestone_edit
from sightline.finance.views.plan import plan, plan_edit, plan_pdf, year_close
from sightline.finance.views.scenarios import (
    assumption,
    scenario_add,
    scenario_detail,
    scenario_edit,
    scenario_list,
)

__all__ = [
    "assumption",
    "budget",
    "cycle",
    "cycle_repeat",
    "line_add",
    "line_edit",
    "milestone_add",
    "milestone_edit",
    "note_add",
    "note_edit",
    "plan",
    "plan_edit",
    "plan_pdf",
    "scenario_add",
    "scenario_detail",
    "scenario_edit",
    "scenario_list",
    "year_close",
]
