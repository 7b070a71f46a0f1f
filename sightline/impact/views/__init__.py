"""The impact pages. Each view fetches through a selector (an exempt proposal is a 404 to
those not entitled), asks the rule before offering a form, binds it, calls a service and
renders or redirects."""

from sightline.impact.views.equality import (
    assessment,
    assessment_edit,
    assessment_sign_off,
    proposal_impact,
    screening,
    screening_edit,
)
from sightline.impact.views.implications import (
    implication_clear,
    implications,
    implications_edit,
    implications_final,
)
from sightline.impact.views.programme import (
    council_settings,
    cumulative,
    cumulative_csv,
    cumulative_xlsx,
    index,
    resident_consultations,
)
from sightline.impact.views.staffing import (
    collective_consultation,
    consultation_add,
    consultations,
    posts,
    posts_edit,
)

__all__ = [
    "assessment",
    "assessment_edit",
    "assessment_sign_off",
    "collective_consultation",
    "consultation_add",
    "consultations",
    "council_settings",
    "cumulative",
    "cumulative_csv",
    "cumulative_xlsx",
    "implication_clear",
    "implications",
    "implications_edit",
    "implications_final",
    "index",
    "posts",
    "posts_edit",
    "proposal_impact",
    "resident_consultations",
    "screening",
    "screening_edit",
]
