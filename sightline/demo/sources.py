"""The council documents the demo is built from, by their titles.

Every reason, summary, note and commentary the demo writes names its document with one of
these, so a reader of a record's history knows where a figure or a sentence came from.
What the documents do not give is marked :data:`ILLUSTRATIVE`.
"""

from __future__ import annotations

EXECUTIVE_REPORT = (
    "Luton Borough Council, Executive report: Chief Executive's Department Budget Reductions "
    "2013/14 (4 March 2013)"
)
CORPORATE_PLAN = "Luton Borough Council, Corporate Plan 2011-2014"
LUTON_TOGETHER = (
    "Luton Borough Council, Luton Together Phase 2: the council's transformation strategy 2013-2016"
)
TOWER_HAMLETS_PROPOSAL = (
    "London Borough of Tower Hamlets, Draft savings proposal SAV / RES 002 / 21-22: "
    "Reorganisation of Executive Support – Phase 2"
)
SEFTON_SERVICE_PLAN = "Sefton Council, Corporate Services Departmental Service Plan 2010/11"

DOCUMENTS = [
    EXECUTIVE_REPORT,
    CORPORATE_PLAN,
    LUTON_TOGETHER,
    TOWER_HAMLETS_PROPOSAL,
    SEFTON_SERVICE_PLAN,
]

ILLUSTRATIVE = "Illustrative demo data, not from the council documents"


def cite(document: str, where: str = "") -> str:
    """The reason a demo record gives: its document and, if given, where in it."""
    return f"Demo data from {document}, {where}" if where else f"Demo data from {document}"
