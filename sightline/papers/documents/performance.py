"""The quarterly performance report."""

from __future__ import annotations

from sightline.accounts.models import Membership
from sightline.core.fiscal import FinancialYear
from sightline.papers.documents.common import (
    _date,
    today,
)
from sightline.papers.paper import (
    Heading,
    Paper,
    Para,
    Table,
)

# --- the quarterly performance report -----------------------------------------------------------


def performance_paper(*, membership: Membership, fy: FinancialYear, quarter: int) -> Paper:
    """The quarterly performance report: indicators by priority with RAG and direction,
    Red exceptions with commentary, and actions late or delayed."""
    from sightline.reports.selectors import performance_report

    report = performance_report(membership=membership, fy=fy, quarter=quarter)
    paper = Paper(
        title=f"Quarterly performance report: {fy} quarter {quarter}",
        council=membership.council.name,
        filename=f"performance-{fy.start_year}-q{quarter}",
        dated=report["as_of"] if report["as_of"] < today() else today(),
        landscape=True,
        fields=[
            ("Financial year", str(fy)),
            ("Quarter", f"Quarter {quarter}, to {_date(report['as_of'])}"),
            (
                "Indicators",
                ", ".join(f"{rag.capitalize()} {n}" for rag, n in report["counts"].items()),
            ),
        ],
    )
    for priority, lines in report["by_priority"]:
        paper.add(Heading(str(priority) if priority else "Not linked to a priority"))
        paper.add(
            Table(
                caption="Indicators",
                headers=["Indicator", "Period", "Actual", "Target", "RAG", "Direction"],
                rows=[_indicator_row(line) for line in lines],
                row_headers=True,
                widths=[36, 12, 12, 12, 10, 18],
            )
        )
    paper.add(Heading("Exceptions: Red indicators"))
    if report["exceptions"]:
        paper.add(
            Table(
                caption="Red indicators, with commentary",
                headers=["Indicator", "Actual", "Target", "Commentary"],
                rows=[
                    [
                        f"{line.indicator.code} {line.indicator.title}",
                        line.latest.value_text,
                        line.latest.target_text,
                        getattr(line.latest.actual, "commentary", "") or "",
                    ]
                    for line in report["exceptions"]
                ],
                row_headers=True,
                widths=[35, 12, 12, 41],
            )
        )
    else:
        paper.add(Para("No indicator is Red."))
    paper.add(Heading("Actions late or delayed"))
    if report["actions"]:
        paper.add(
            Table(
                caption="Service plan actions late or delayed",
                headers=["Action", "Plan", "Deadline", "Position"],
                rows=[
                    [
                        action.description,
                        action.priority.plan.title,
                        action.deadline or _date(action.deadline_on),
                        (f"{latest.get_status_display()}: {latest.narrative}" if latest else
                         "No update") + (" (late)" if late else ""),
                    ]
                    for action, latest, late in report["actions"]
                ],
                row_headers=True,
                widths=[35, 20, 10, 35],
            )
        )  # fmt: skip
    else:
        paper.add(Para("No action is late or delayed."))
    return paper


def _indicator_row(line) -> list[str]:
    latest = line.latest
    if latest is None:
        return [f"{line.indicator.code} {line.indicator.title}", "", "No actual", "", "", ""]
    return [
        f"{line.indicator.code} {line.indicator.title}",
        latest.label,
        latest.value_text,
        latest.target_text,
        (latest.rag or "").capitalize() or "Not rated",
        latest.direction_words,
    ]
