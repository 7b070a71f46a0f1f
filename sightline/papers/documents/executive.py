"""The Executive report on a directorate's budget reductions."""

from __future__ import annotations

from sightline.accounts.models import Directorate, Membership
from sightline.core.fiscal import FinancialYear
from sightline.core.money import format_pounds
from sightline.papers.documents.common import (
    EDITION_WORDS,
    PUBLIC,
    _date,
    _k,
    _slug,
    exempt_words,
)
from sightline.papers.paper import (
    NOT_FOR_PUBLICATION,
    Bullets,
    Heading,
    Paper,
    Para,
    Table,
)

# --- the Executive report ----------------------------------------------------------------------


def executive_paper(
    *, membership: Membership, directorate: Directorate, fy: FinancialYear | None, edition: str
) -> Paper:
    """The Executive report on a directorate's budget reductions (in the structure of Luton
    Borough Council's Executive report "Chief Executive's Department Budget Reductions
    2013/14", 4 March 2013)."""
    from sightline.papers import selectors

    data = selectors.executive_report(
        membership=membership, directorate=directorate, fy=fy, public=edition == PUBLIC
    )
    fy = data.fy
    paper = Paper(
        title=data.title,
        council=membership.council.name,
        filename=f"executive-report-{_slug(directorate.name)}-{fy.start_year}",
        dated=data.dated,
        edition=EDITION_WORDS[edition] if data.has_exempt or edition == PUBLIC else "",
        fields=[
            ("Meeting", data.meeting or "Not yet set"),
            ("Meeting date", _date(data.meeting_on) or "Not yet set"),
            ("Report of", data.report_of or "Not recorded"),
            ("Report author", data.author or "Not recorded"),
            ("Subject", data.title),
            ("Lead Executive Member(s)", data.lead_members or "Not recorded"),
            ("Wards affected", "All"),
            ("Consultations", data.consulted or "None recorded"),
        ],
    )
    lines = _saving_lines(data.lines)
    paper.add(
        Heading("Recommendations"),
        Para(
            f"1. That the Executive approve the following {fy} budget reductions for the "
            f"{directorate.name}:"
        ),
        *lines,
        Heading("Background"),
        *[Para(text) for text in data.background],
        Para(
            f"The {directorate.name}'s savings total {_k(data.profile_total)}, profiled as:"
            if data.profile
            else "No savings are profiled."
        ),
    )
    if data.profile:
        paper.add(
            Table(
                caption=f"The {directorate.name}'s savings by year",
                headers=["Year", "Saving"],
                rows=[[str(year), _k(amount)] for year, amount in data.profile],
                numeric=frozenset({1}),
                row_headers=True,
                total=["Total", _k(data.profile_total)],
                widths=[50, 50],
            )
        )
    paper.add(
        Heading("The current position"),
        Para(
            f"The {directorate.name}'s budget is {format_pounds(data.budget)} "
            f"(its budget codes' current budgets). In {fy} the target of {_k(data.total)} is "
            f"delivered by {len(data.lines)} saving{'s' if len(data.lines) != 1 else ''}."
            if data.budget
            else f"In {fy} the target of {_k(data.total)} is delivered by {len(data.lines)} "
            f"saving{'s' if len(data.lines) != 1 else ''}."
        ),
        Heading("Goals and objectives"),
    )
    paper.add(Bullets(data.goals) if data.goals else Para("None recorded."))
    paper.add(
        Heading("Proposal"),
        Para(
            f"In order to deliver the {_k(data.total)} budget reduction for {fy}, the Executive "
            "is requested to approve the following:"
        ),
        *lines,
    )
    for line in data.lines:
        if line.text:
            paper.add(Para(f"{line.reference}: {line.text}"))
    paper.add(Heading("Key risks"))
    paper.add(Bullets(data.risks) if data.risks else Para("None recorded."))
    paper.add(Heading("Consultations"))
    paper.add(Bullets(data.consultations) if data.consultations else Para("None recorded."))
    paper.add(Heading("Appendices attached"))
    paper.add(Bullets(data.appendices) if data.appendices else Para("None"))
    paper.add(Heading("Background papers"), Para("None"))
    paper.add(Heading("Implications"))
    if data.implications:
        paper.add(
            Table(
                caption="Implications, and the clearance of each",
                headers=["Area", "Implication", "Clearance – agreed by"],
                rows=data.implications,
                row_headers=True,
                widths=[22, 53, 25],
            )
        )
    else:
        paper.add(Para("No implications recorded."))
    return paper


def _saving_lines(lines) -> list:
    rows, kinds, notes = [], [], []
    for line in lines:
        title = line.title
        if line.exempt_paragraphs:
            title += f" ({NOT_FOR_PUBLICATION}: Schedule 12A, paragraph {line.exempt_paragraphs})"
        rows.append([title, _k(line.amount)])
        kinds.append("exempt" if line.exempt_paragraphs else "")
    for line in lines:
        if line.exempt_paragraphs:
            notes.append(
                Para(f"{line.reference}: {exempt_words(line.exempt_paragraphs)}", "exempt")
            )
    return [
        Table(
            caption="Budget reductions",
            headers=["Reduction", "Saving"],
            rows=rows,
            numeric=frozenset({1}),
            total=["TOTAL", _k(sum(line.amount for line in lines))],
            widths=[80, 20],
            row_kinds=kinds,
        ),
        *notes,
    ]
