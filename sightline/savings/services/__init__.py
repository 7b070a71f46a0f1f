"""Every write to the savings programme: role check, rules, full_clean, audit, one transaction."""

from sightline.savings.services.bulk import (
    ImportRefused,
    ImportResult,
    LineRow,
    ProposalRows,
    proposals_save_many,
)
from sightline.savings.services.monitoring import (
    RoundEntry,
    RoundRefused,
    forecast_record,
    forecasts_record_round,
    period_close,
    period_open,
)
from sightline.savings.services.profile import (
    proposal_staffing_set,
    saving_lines_set,
)
from sightline.savings.services.programme import (
    DEFAULT_TAXONOMY,
    budget_code_review_confirm,
    budget_code_save,
    bundle_save,
    lesson_save,
    programme_settings_update,
    programme_year_set,
    savings_types_ensure_defaults,
)
from sightline.savings.services.proposals import (
    EXEMPT_FIELDS,
    FINANCE_FIELDS,
    PROPOSAL_FIELDS,
    priority_impact_record,
    proposal_archive,
    proposal_create,
    proposal_efficiency_projects_set,
    proposal_publish,
    proposal_update,
)
from sightline.savings.services.stages import (
    benefit_confirm,
    proposal_advance_stage,
    proposal_record_decision,
)

__all__ = [
    "RoundEntry",
    "RoundRefused",
    "ImportRefused",
    "ImportResult",
    "LineRow",
    "ProposalRows",
    "proposals_save_many",
    "DEFAULT_TAXONOMY",
    "EXEMPT_FIELDS",
    "FINANCE_FIELDS",
    "PROPOSAL_FIELDS",
    "benefit_confirm",
    "budget_code_review_confirm",
    "budget_code_save",
    "bundle_save",
    "forecast_record",
    "forecasts_record_round",
    "lesson_save",
    "period_close",
    "period_open",
    "priority_impact_record",
    "programme_settings_update",
    "programme_year_set",
    "proposal_advance_stage",
    "proposal_archive",
    "proposal_create",
    "proposal_efficiency_projects_set",
    "proposal_publish",
    "proposal_record_decision",
    "proposal_staffing_set",
    "proposal_update",
    "saving_lines_set",
    "savings_types_ensure_defaults",
]
