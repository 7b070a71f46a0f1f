"""The scrutiny monitoring report for a closed month."""

from __future__ import annotations

from sightline.accounts.models import Membership
from sightline.core.money import format_k, format_pounds
from sightline.papers.documents.common import (
    EDITION_WORDS,
    FULL,
    PUBLIC,
    RAG_WORDS,
    _date,
)
from sightline.papers.paper import (
    NOT_FOR_PUBLICATION,
    Bullets,
    Figure,
    Heading,
    Paper,
    Para,
    Table,
)
from sightline.savings.models import Period

# --- the monitoring report ----------------------------------------------------------------------

# A committee reads the exceptions and what moved; a list of every saving belongs in the paper
# only while it is short. Past that it is the month's report as a spreadsheet, named as the
# paper's appendix (a county's 660 lines are 45 pages of PDF that nobody reads, and a minute
# of layout).
EVERY_SAVING_LIMIT = 60
# Changes of forecast alone (the RAG unchanged) listed in full, the largest first; the rest
# are counted and totalled. Changes of RAG, and new savings, are always listed.
FORECAST_CHANGES_LISTED = 20


def monitoring_paper(*, membership: Membership, period: Period, edition: str = FULL) -> Paper:
    """The scrutiny monitoring report for a month: the dashboard figures and chart, RAG, Red
    and Amber exceptions with commentary, movements since the previous closed month (every
    change of RAG and new saving, and the largest changes of forecast), gate overrides,
    scrutiny (when that app records it), and every saving, or, past
    :data:`EVERY_SAVING_LIMIT`, the spreadsheet that lists them as its appendix."""
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
        listed, rest = _movements(data.moved)
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
                    for m in listed
                ],
                numeric=frozenset({4}),
                widths=[28, 8, 14, 14, 10, 26],
                row_kinds=["exempt" if m["exempt"] else "" for m in listed],
            )
        )
        if rest:
            net = sum(m["forecast_change_pence"] for m in rest)
            paper.add(
                Para(
                    f"{len(rest)} other saving{'s' if len(rest) != 1 else ''} changed forecast "
                    f"without a change of RAG (a net change of {format_pounds(net)}), each by less "
                    "than those listed; every saving's forecast is under “Every saving this month”."
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
    rows = report["rows"]
    if not rows:
        paper.add(Para("No forecasts recorded in this month."))
    elif len(rows) <= EVERY_SAVING_LIMIT:
        paper.add(_rows_table("Every saving, with its forecast", rows, data.paragraphs))
    else:
        paper.add(
            Para(
                f"Appendix: every saving this month ({len(rows):,} lines), with its planned and "
                "forecast saving, variance, RAG and commentary, is in the spreadsheet "
                f"“{membership.council.name}: savings monitoring report, {period}” (Excel), "
                "downloaded from the month's page in Sightline."
            )
        )
    return paper


def _movements(moved: list[dict]) -> tuple[list[dict], list[dict]]:
    """The movements listed in full, in the report's order: every new saving and change of
    RAG, and the :data:`FORECAST_CHANGES_LISTED` largest changes of forecast alone; and the
    other changes of forecast, to be counted."""
    forecast_only = [m for m in moved if m["change"] != "new" and m["old_rag"] == m["rag"]]
    largest = sorted(
        forecast_only, key=lambda m: (-abs(m["forecast_change_pence"]), m["reference"], m["fy"])
    )
    keep = {id(m) for m in largest[:FORECAST_CHANGES_LISTED]}
    rest = [m for m in forecast_only if id(m) not in keep]
    dropped = {id(m) for m in rest}
    return [m for m in moved if id(m) not in dropped], rest


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
