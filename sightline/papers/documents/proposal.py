"""The savings proposal form."""

from __future__ import annotations

from sightline.accounts.models import Membership
from sightline.papers.documents.common import (
    EDITION_WORDS,
    FULL,
    _date,
    _slug,
    exempt_words,
)
from sightline.papers.paper import (
    Heading,
    Paper,
    Para,
    Table,
)
from sightline.savings.models import Proposal

# --- the savings proposal form -----------------------------------------------------------------


def proposal_paper(*, membership: Membership, proposal: Proposal, edition: str) -> Paper:
    """The savings proposal form (in the layout of London Borough of Tower Hamlets' Draft
    savings proposal SAV / RES 002 / 21-22), with its financial and staffing impact and its
    equality screening."""
    from sightline.papers import selectors

    data = selectors.proposal_form(proposal=proposal)
    paper = Paper(
        title=f"Savings proposal: {proposal.title}",
        council=membership.council.name,
        filename=f"proposal-{_slug(proposal.reference)}",
        dated=data["dated"],
        edition=EDITION_WORDS[FULL] if proposal.exempt else "",
        fields=[
            ("Proposal title", proposal.title),
            ("Reference", proposal.reference),
            ("Savings type", str(proposal.savings_type)),
            ("Directorate", str(proposal.directorate)),
            ("Savings service area", str(proposal.service_area or "")),
            (
                "Strategic priority outcome",
                proposal.strategic_outcome or str(proposal.priority or ""),
            ),
            ("Lead officer and post", data["lead_officer"]),
            ("Lead member and portfolio", data["lead_member"]),
            ("Stage", proposal.get_stage_display()),
            ("Decision", data["decision"]),
        ],
    )
    if proposal.exempt:
        paper.add(Para(exempt_words(proposal.exempt_paragraphs), "exempt"))
    years = data["years"]
    paper.add(
        Heading("Financial impact"),
        Table(
            caption="Budget and savings (£000)",
            headers=[
                "Budget (£000)",
                *[f"{y} saving/income" for y in years],
                "Total savings/income",
            ],
            rows=[
                [
                    f"Current budget {data['budget_words']}".replace(" not", ": not"),
                    *[data["by_year"][y] for y in years],
                    data["total"],
                ]
            ],
            numeric=frozenset(range(1, len(years) + 2)),
            row_headers=True,
        ),
        Heading("Staffing impact"),
    )
    if data["posts"]:
        paper.add(
            Table(
                caption="Staffing reductions",
                headers=["Role", "Posts", "FTE", "Filled", "Vacancies held"],
                rows=data["posts"],
                numeric=frozenset({1, 2, 3, 4}),
                row_headers=True,
                total=data["posts_total"],
            )
        )
    else:
        paper.add(Para("No staffing impact recorded."))
    paper.add(Heading("Proposal summary"))
    for label, text in (
        ("Summary", proposal.summary),
        ("Background", proposal.background),
        ("Proposal", proposal.proposal),
    ):
        if text:
            paper.add(Heading(label, 3), *[Para(p) for p in text.split("\n\n") if p.strip()])
    paper.add(Heading("Risks and mitigations"))
    if data["risks"]:
        paper.add(
            Table(
                caption="Risks and mitigations",
                headers=["Risk", "Mitigation"],
                rows=data["risks"],
                widths=[50, 50],
            )
        )
    else:
        paper.add(Para("None recorded."))
    paper.add(
        Heading("Resources and implementation"),
        Para(
            " ".join(
                t
                for t in (
                    proposal.resources,
                    f"Implementation: {_date(proposal.implementation_on)}."
                    if proposal.implementation_on
                    else "",
                )
                if t
            )
            or "Not recorded."
        ),
        Heading("Budget equality analysis screening"),
    )
    if data["screening"]:
        paper.add(
            Table(
                caption="Screening tool: trigger questions",
                headers=["Trigger question", "Yes / No", "If yes: how it impacts"],
                rows=data["screening"],
                widths=[45, 10, 45],
                row_headers=True,
            ),
            Para(f"Outcome: {data['outcome']}."),
        )
    else:
        paper.add(Para("Not yet screened."))
    return paper
