"""The savings programme: targets, bundles, proposals and their savings, gates, decisions,
monthly monitoring and the learning log, as Luton Borough Council's Executive report on its
budget reductions 2013/14 and its transformation strategy Luton Together Phase 2, and the
London Borough of Tower Hamlets' savings proposal form, describe them."""

from sightline.savings.models.monitoring import (
    Forecast,
    Period,
    Rag,
)
from sightline.savings.models.programme import (
    PENCE,
    BudgetCode,
    Bundle,
    BundleTarget,
    ProgrammeSettings,
    ProgrammeYear,
    SavingsType,
    SummaryVersion,
)
from sightline.savings.models.proposals import (
    BenefitConfirmation,
    BudgetCodeReview,
    DecisionBody,
    DecisionEvent,
    DecisionStatus,
    Lesson,
    PriorityImpact,
    Proposal,
    ProposalQuerySet,
    ProposalRisk,
    SavingKind,
    SavingLine,
    StaffingImpact,
    Stage,
    StageChange,
)

__all__ = [
    "BenefitConfirmation",
    "BudgetCode",
    "BudgetCodeReview",
    "Bundle",
    "BundleTarget",
    "DecisionBody",
    "DecisionEvent",
    "DecisionStatus",
    "Forecast",
    "Lesson",
    "PENCE",
    "Period",
    "PriorityImpact",
    "ProgrammeSettings",
    "ProgrammeYear",
    "Proposal",
    "ProposalQuerySet",
    "ProposalRisk",
    "Rag",
    "SavingKind",
    "SavingLine",
    "SavingsType",
    "StaffingImpact",
    "Stage",
    "StageChange",
    "SummaryVersion",
]
