"""Every write to the medium-term financial plan: the rule (``sightline.finance.permissions``),
full_clean, history and one transaction."""

from sightline.finance.services.budget import (
    Figures,
    LinesResult,
    budget_line_retire,
    budget_line_save,
    budget_lines_save_many,
    budget_note_save,
    plan_save,
    year_close,
    year_reopen,
)
from sightline.finance.services.cycle import cycle_repeat, milestone_remove, milestone_save
from sightline.finance.services.scenarios import (
    assumption_remove,
    assumption_set,
    scenario_copy,
    scenario_save,
)

__all__ = [
    "Figures",
    "LinesResult",
    "assumption_remove",
    "assumption_set",
    "budget_line_retire",
    "budget_line_save",
    "budget_lines_save_many",
    "budget_note_save",
    "cycle_repeat",
    "milestone_remove",
    "milestone_save",
    "plan_save",
    "scenario_copy",
    "scenario_save",
    "year_close",
    "year_reopen",
]
