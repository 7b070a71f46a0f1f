"""Equality screening and assessment, implications and their clearances, consultation and the
posts a proposal affects: each hangs from a savings proposal and is read as the proposal is
(``Proposal.objects.visible_to``), so an exempt proposal's records are as protected as it."""

from sightline.impact.models.equality import (
    Answer,
    Assessment,
    AssessmentImpact,
    Characteristic,
    Group,
    Impact,
    Screening,
    ScreeningAnswer,
    ScreeningQuestion,
    StaffProfile,
)
from sightline.impact.models.implications import Implication, ImplicationArea, ImplicationsRecord
from sightline.impact.models.staffing import (
    Audience,
    Consultation,
    PostChange,
    ResidentConsultation,
)

__all__ = [
    "Answer",
    "Assessment",
    "AssessmentImpact",
    "Audience",
    "Characteristic",
    "Consultation",
    "Group",
    "Impact",
    "Implication",
    "ImplicationArea",
    "ImplicationsRecord",
    "PostChange",
    "ResidentConsultation",
    "Screening",
    "ScreeningAnswer",
    "ScreeningQuestion",
    "StaffProfile",
]
