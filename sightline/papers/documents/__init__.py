"""The committee papers, each built from the selectors the pages use into one :class:`Paper`,
which renders to PDF and Word alike.

Exempt (Schedule 12A) proposals: in the full edition, for readers entitled to them, they are
marked "Not for publication" with their paragraphs; the public edition leaves them out
entirely, totals included. A closed month's paper is dated by its closing, never "now", so it
is the same whenever it is produced."""

from sightline.papers.documents.common import EDITIONS, FULL, PUBLIC, exempt_words, today
from sightline.papers.documents.executive import executive_paper
from sightline.papers.documents.monitoring import monitoring_paper
from sightline.papers.documents.performance import performance_paper
from sightline.papers.documents.plans import plan_paper
from sightline.papers.documents.proposal import proposal_paper
from sightline.papers.documents.risks import risks_paper
from sightline.papers.paper import Paper, Table

__all__ = [
    "EDITIONS",
    "FULL",
    "PUBLIC",
    "Paper",
    "Table",
    "executive_paper",
    "exempt_words",
    "monitoring_paper",
    "performance_paper",
    "plan_paper",
    "proposal_paper",
    "risks_paper",
    "today",
]
