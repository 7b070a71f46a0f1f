"""The committee papers, each built from the selectors the pages use into one :class:`Paper`,
which renders to PDF and Word alike.

Exempt (Schedule 12A) proposals: in the full edition, for readers entitled to them, they are
marked "Not for publication" with their paragraphs; the public edition leaves them out
entirely, totals included. A closed month's paper is dated by its closing, never "now", so it
is the same whenever it is produced."""

from __future__ import annotations

import datetime

from django.utils import timezone

from sightline.accounts.models import Directorate, Membership
from sightline.core.fiscal import FinancialYear
from sightline.core.money import format_k, format_pounds
from sightline.papers.paper import (
    NOT_FOR_PUBLICATION,
    Bullets,
    Figure,
    Heading,
    Paper,
    Para,
    Table,
)
from sightline.savings.models import Period, Proposal

PUBLIC = "public"
FULL = "full"
EDITIONS = (FULL, PUBLIC)
EDITION_WORDS = {
    PUBLIC: "Public version: exempt information is left out.",
    FULL: f"Includes exempt information: parts marked “{NOT_FOR_PUBLICATION}” are exempt under "
    "Schedule 12A to the Local Government Act 1972.",
}
RAG_WORDS = {"blue": "Blue (delivered)", "green": "Green", "amber": "Amber", "red": "Red"}


def exempt_words(paragraphs: str) -> str:
    plural = "s" if "," in paragraphs or " and " in paragraphs else ""
    return (
        f"{NOT_FOR_PUBLICATION}: exempt under paragraph{plural} {paragraphs} of Schedule 12A to "
        "the Local Government Act 1972."
    )


def _k(pence: int) -> str:
    return format_k(pence)


def _date(value: datetime.date | None) -> str:
    return f"{value:%-d %B %Y}" if value else ""


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


def _slug(text: str) -> str:
    from django.utils.text import slugify

    return slugify(text)[:60]


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


# --- the monitoring report ----------------------------------------------------------------------


def monitoring_paper(*, membership: Membership, period: Period, edition: str = FULL) -> Paper:
    """The scrutiny monitoring report for a month: the dashboard figures and chart, RAG, Red
    and Amber exceptions with commentary, movements since the previous closed month, gate
    overrides, scrutiny (when that app records it), and every saving."""
    from sightline.papers import selectors

    data = selectors.monitoring(membership=membership, period=period, public=edition == PUBLIC)
    report = data.report
    paper = Paper(
        title=f"Savings monitoring report: {period}",
        council=membership.council.name,
        filename=f"monitoring-report-{period.month:%Y-%m}",
        dated=data.dated,
        landscape=True,
        edition=EDITION_WORDS[edition] if data.has_exempt or edition == PUBLIC else "",
        fields=[
            ("Council", membership.council.name),
            ("Month", str(period)),
            ("Financial year", report["financial_year"]),
            (
                "Status",
                f"Closed on {_date(data.dated)}: these figures are frozen as they stood then."
                if period.is_closed
                else "Open: figures may still change.",
            ),
        ],
    )
    if report.get("hidden_exempt_rows"):
        count = report["hidden_exempt_rows"]
        paper.add(Para(f"{count} exempt line{'s' if count != 1 else ''} not shown.", "note"))
    totals = report["totals"]
    paper.add(
        Heading("Dashboard"),
        Table(
            caption="Planned and forecast savings by year",
            headers=["Year", "Planned", "Forecast", "Variance", "Slippage"],
            rows=[
                [
                    fy,
                    format_pounds(t["planned_pence"]),
                    format_pounds(t["forecast_pence"]),
                    format_pounds(t["forecast_pence"] - t["planned_pence"]),
                    format_pounds(t["slippage_pence"]),
                ]
                for fy, t in totals.items()
            ],
            numeric=frozenset({1, 2, 3, 4}),
            row_headers=True,
            widths=[20, 20, 20, 20, 20],
        ),
        Table(
            caption="Delivery confidence (RAG)",
            headers=["RAG", "Savings", "Forecast"],
            rows=[
                [RAG_WORDS.get(rag, rag), str(count), format_pounds(data.rag_values.get(rag, 0))]
                for rag, count in data.rag_counts
            ],
            numeric=frozenset({1, 2}),
            row_headers=True,
            widths=[40, 30, 30],
        ),
    )
    if data.chart:
        paper.add(Figure(svg=data.chart, words=data.chart_words))
    paper.add(Heading("Red and Amber exceptions"))
    exceptions = [r for r in report["rows"] if r["rag"] in ("red", "amber")]
    if exceptions:
        paper.add(
            _rows_table("Red and Amber savings, with commentary", exceptions, data.paragraphs)
        )
    else:
        paper.add(Para("No saving is Red or Amber this month."))
    paper.add(Heading(f"Movements since {data.previous}" if data.previous else "Movements"))
    if data.previous is None:
        paper.add(Para("No earlier closed month to compare with."))
    elif data.moved:
        paper.add(
            Table(
                caption=f"Forecast or RAG changes since {data.previous}",
                headers=["Saving", "Year", "Was", "Now", "Change", "Commentary"],
                rows=[
                    [
                        _saving(m, data.paragraphs),
                        m["fy"],
                        "New this month"
                        if m["change"] == "new"
                        else f"{format_pounds(m['old_forecast_pence'])} "
                        f"{RAG_WORDS.get(m['old_rag'], m['old_rag'])}",
                        f"{format_pounds(m['forecast_pence'])} {RAG_WORDS.get(m['rag'], m['rag'])}",
                        format_pounds(m.get("forecast_change_pence", 0)),
                        m["commentary"],
                    ]
                    for m in data.moved
                ],
                numeric=frozenset({4}),
                widths=[28, 8, 14, 14, 10, 26],
                row_kinds=["exempt" if m["exempt"] else "" for m in data.moved],
            )
        )
    else:
        paper.add(Para("Nothing moved."))
    paper.add(Heading("Gate overrides"))
    overridden = [r for r in report["rows"] if r.get("gate_overrides")]
    seen: set[int] = set()
    items = []
    for r in overridden:
        if r["proposal_id"] in seen:
            continue
        seen.add(r["proposal_id"])
        items.extend(f"{r['reference']} {r['title']}: {o}" for o in r["gate_overrides"])
    paper.add(Bullets(items) if items else Para("No gate was overridden."))
    if data.scrutiny is not None:
        paper.add(Heading("Scrutiny"), *data.scrutiny)
    paper.add(Heading("Every saving this month"))
    if report["rows"]:
        paper.add(_rows_table("Every saving, with its forecast", report["rows"], data.paragraphs))
    else:
        paper.add(Para("No forecasts recorded in this month."))
    return paper


def _saving(row: dict, paragraphs: dict[int, str]) -> str:
    text = f"{row['reference']} {row['title']}"
    if row["exempt"]:
        paragraph = paragraphs.get(row["proposal_id"], "")
        text += f"\n{NOT_FOR_PUBLICATION} (Schedule 12A, paragraph {paragraph})"
    return text


def _rows_table(caption: str, rows: list[dict], paragraphs: dict[int, str]) -> Table:
    out, kinds = [], []
    for r in rows:
        commentary = r["commentary"]
        if r["slippage_pence"]:
            commentary += f"\nSlippage {format_k(r['slippage_pence'])} to {r['slipped_to']}."
        if r.get("replacement"):
            commentary += f"\nReplacement: {r['replacement']}"
        for override in r.get("gate_overrides", []):
            commentary += f"\nGate overridden: {override}"
        out.append(
            [
                _saving(r, paragraphs),
                r["bundle"],
                r["fy"],
                format_pounds(r["planned_pence"]),
                format_pounds(r["forecast_pence"]),
                format_pounds(r["variance_pence"]),
                RAG_WORDS.get(r["rag"], r["rag"]),
                commentary.strip(),
            ]
        )
        kinds.append("exempt" if r["exempt"] else "")
    return Table(
        caption=caption,
        headers=[
            "Saving",
            "Bundle",
            "Year",
            "Planned",
            "Forecast",
            "Variance",
            "RAG",
            "Commentary",
        ],
        rows=out,
        numeric=frozenset({3, 4, 5}),
        widths=[22, 12, 7, 9, 9, 9, 7, 25],
        row_kinds=kinds,
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


# --- the risk register ---------------------------------------------------------------------------


def risks_paper(*, membership: Membership) -> Paper:
    """The risk register's open risks, highest residual score first, with the heat map."""
    from sightline.core.charts import risk_heat_map
    from sightline.risks import selectors as risks

    register = list(risks.risk_list(membership=membership))
    mapped = risks.heat_map_risks(membership=membership)
    chart = risk_heat_map(
        title=f"Heat map of {membership.council.name}'s open risks: likelihood by impact",
        risks=risks.heat_risks(mapped),
    )
    stamps = [r.modified_at.date() for r in register]
    paper = Paper(
        title="Risk register",
        council=membership.council.name,
        filename="risk-register",
        dated=max(stamps) if stamps else None,
        landscape=True,
        fields=[("Open risks", str(len(register)))],
    )
    paper.add(Heading("Heat map"), Figure(svg=str(chart), words=_svg_description(str(chart))))
    paper.add(Heading("The register"))
    paper.add(
        Table(
            caption="Open risks, highest residual score first",
            headers=[
                "Risk",
                "Owner",
                "Initial",
                "Controls",
                "Residual",
                "Target",
                "Further actions",
            ],
            rows=[
                [
                    f"{r.number}. {r.title}" + (f"\n{r.description}" if r.description else ""),
                    str(r.owner or ""),
                    _score(r.initial_likelihood, r.initial_impact, r.initial_score),
                    r.controls,
                    _score(r.residual_likelihood, r.residual_impact, r.residual_score),
                    str(r.target_score or ""),
                    r.further_actions,
                ]
                for r in register
            ],
            row_headers=True,
            widths=[25, 10, 8, 20, 8, 6, 23],
        )
    )
    return paper


def _score(likelihood, impact, score) -> str:
    if likelihood and impact:
        return f"{score} (L{likelihood} × I{impact})"
    return str(score or "")


def _svg_description(svg: str) -> str:
    """The chart's own words: its <desc>."""
    import html
    import re

    found = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S)
    return html.unescape(found.group(1)).strip() if found else ""


def today() -> datetime.date:
    return timezone.localdate()


__all__ = [
    "EDITIONS",
    "FULL",
    "PUBLIC",
    "executive_paper",
    "monitoring_paper",
    "performance_paper",
    "plan_paper",
    "proposal_paper",
    "risks_paper",
]
