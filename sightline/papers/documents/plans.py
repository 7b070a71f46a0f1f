"""A departmental service plan."""

from __future__ import annotations

from sightline.accounts.models import Membership
from sightline.papers.documents.common import (
    _date,
    _slug,
)
from sightline.papers.paper import (
    Heading,
    Paper,
    Para,
    Table,
)

# --- the service plan ----------------------------------------------------------------------------


def plan_paper(*, membership: Membership, plan) -> Paper:
    """A service plan (in the structure of Sefton Council's Corporate Services Departmental
    Service Plan 2010/11): its priorities, each with why and its actions, and each action's
    update position for each quarter."""
    from sightline.plans import selectors as plans

    detail = plans.plan_detail(membership=membership, plan=plan)
    paper = Paper(
        title=plan.title,
        council=membership.council.name,
        filename=f"service-plan-{_slug(plan.title)}",
        dated=max(
            [plan.modified_at.date()]
            + [
                u.modified_at.date()
                for row in detail["priorities"]
                for a in row.actions
                for _, _, u in a.by_quarter
                if u is not None
            ]
        ),
        landscape=True,
        fields=[
            ("Directorate", str(plan.directorate)),
            ("Financial year", str(plan.fy)),
            ("Report of", plan.report_of or "Not recorded"),
            ("Actions", f"{detail['action_count']}: {detail['late_count']} late, "
                        f"{detail['delayed_count']} delayed (as at {_date(detail['as_of'])})"),
        ],
    )  # fmt: skip
    if plan.summary:
        paper.add(Heading("Purpose and summary"), *[Para(t) for t in plan.summary.split("\n\n")])
    quarters = [label for _, label in detail["quarters"]]
    for row in detail["priorities"]:
        priority = row.priority
        paper.add(Heading(f"Priority {priority.number}: {priority.title}"))
        if priority.why:
            paper.add(Para(f"Why this is a priority: {priority.why}"))
        if priority.strategic_priority_id:
            paper.add(Para(f"Serves: {priority.strategic_priority}", "note"))
        if not row.actions:
            paper.add(Para("No actions yet."))
            continue
        paper.add(
            Table(
                caption=f"Priority {priority.number}: actions and quarterly update positions",
                headers=["Action", "Deadline", *quarters],
                rows=[
                    [
                        f"{a.number} {a.action.description}"
                        + (f"\nOutcome: {a.action.outcome}" if a.action.outcome else "")
                        + ("\nLate" if a.late else ""),
                        a.action.deadline or _date(a.action.deadline_on),
                        *[
                            f"{u.get_status_display()}: {u.narrative}" if u else "No update"
                            for _, _, u in a.by_quarter
                        ],
                    ]
                    for a in row.actions
                ],
                row_headers=True,
                widths=[24, 8, 17, 17, 17, 17],
            )
        )
    if detail["grid"]:
        paper.add(
            Heading("Corporate objective monitoring"),
            Table(
                caption="The plan's impact on each corporate objective",
                headers=["Corporate objective", "Impact", "Note"],
                rows=[
                    [
                        str(g.objective),
                        g.impact.get_impact_display() if g.impact else "Not assessed",
                        getattr(g.impact, "note", "") if g.impact else "",
                    ]
                    for g in detail["grid"]
                ],
                row_headers=True,
                widths=[45, 15, 40],
            ),
        )
    return paper
