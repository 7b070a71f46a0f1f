"""Who may download which committee paper: one named rule per action.

Every member of a council may download its papers as the pages show them to them: the public
version of the savings papers (no exempt proposal at all, totals included), a proposal's form
when they may read the proposal, the service plans, the performance report and the risk
register. The full version, which includes exempt (Schedule 12A) proposals marked "Not for
publication", only those entitled to exempt information.
"""

from __future__ import annotations

from sightline.accounts.permissions import in_council, rule, sees_exempt

rule(
    "papers.download",
    in_council,
    action="download this council's committee papers",
    who="members of the council",
    noun="paper",
)
rule(
    "papers.download_exempt",
    in_council & sees_exempt,
    action="download the full version of a paper, with its exempt information",
    who="members entitled to exempt information (Schedule 12A)",
    noun="paper",
)
