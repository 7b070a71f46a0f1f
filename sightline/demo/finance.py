"""Luton Borough Council's medium-term financial plan, written by the demo's finance login
through the finance services.

From the documents, exactly: the Corporate Plan 2011-2014's revenue table (7.1, with its
footnote's exceptional accounting entries A to E) and its capital programme and financing
(7.2); Luton Together Phase 2's targets and funding facts (65% of income from central
government, council tax of £53 million, the revenue support grant cut of 17.7%, £11.3
million, in 2014/15) and its budget cycle (the "Transformation programme timeline/cycle");
the Executive report's £48 million and the Chief Executive's Department's £850k.

The documents do not publish Luton's funding and pressure assumptions year by year: the base
scenario is illustrative, marked so, with its figures chosen so that its savings required
are the strategy's targets (£18m, £18m, £14m). The cycle's days (the strategy gives months),
its owners where the strategy names none, and its statuses are illustrative too.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from sightline.accounts.models import Council
from sightline.core.fiscal import FinancialYear
from sightline.demo.accounts import login
from sightline.demo.finance_data import (
    BASE,
    BASE_DESCRIPTION,
    CAPITAL_FINANCING,
    CAPITAL_FINANCING_LINE,
    CAPITAL_SPENDING,
    CYCLE,
    CYCLE_NOTE,
    CYCLE_NOTE_NO_OWNER,
    ENTRIES,
    FOOTNOTE,
    FY10,
    FY11,
    FY13,
    NOTES,
    OUTTURN_NOTE,
    PLAN,
    REVENUE,
    VARIANTS,
)
from sightline.demo.proposals import pence
from sightline.demo.sources import (
    CORPORATE_PLAN,
    ILLUSTRATIVE,
    LUTON_TOGETHER,
    cite,
)
from sightline.demo.sync import differences
from sightline.finance import services
from sightline.finance.models import (
    Assumption,
    BudgetLine,
    BudgetNote,
    FinancialPlan,
    LineKind,
    Milestone,
    Scenario,
    Section,
)


def _month_end(year: int, month: int) -> datetime.date:
    after = datetime.date(year + month // 12, month % 12 + 1, 1)
    return after - datetime.timedelta(days=1)


def load_luton(council: Council) -> None:
    finance = login("finance")
    _plan(council, by=finance)
    lines = _revenue(council, by=finance)
    _capital(council, by=finance)
    _notes(council, lines, by=finance)
    _base_scenario(council, by=finance)
    for name, description, changes in VARIANTS:
        _variant(council, name, description, changes, by=finance)
    _cycle(council, by=finance)


def _plan(council: Council, *, by) -> None:
    found = FinancialPlan.objects.filter(council=council).first()
    if found is None or differences(found, PLAN):
        services.plan_save(
            council=council,
            by=by,
            expected_version=found.version if found else None,
            reason=cite(LUTON_TOGETHER),
            **PLAN,
        )


def _line(council: Council, kind: str, name: str, position: int, figures, *, by, source: str):
    """The line ``name`` with its ``figures`` ({year: (budget, outturn)}, in pence)."""
    line = BudgetLine.objects.filter(council=council, kind=kind, name=name).first()
    if line is not None:
        have = {f.fy: (f.budget_pence, f.outturn_pence) for f in line.figures.all()}
        changed = {fy: v for fy, v in figures.items() if have.get(fy) != v}
        if not changed and line.position == position:
            return line
        line.position = position
        return services.budget_line_save(
            line=line, by=by, figures=changed, expected_version=line.version, reason=source
        )
    line = BudgetLine(council=council, kind=kind, name=name, position=position)
    return services.budget_line_save(line=line, by=by, figures=figures, reason=source)


def _m(text: str) -> int:
    return pence(f"£{text}m") if not text.startswith("-") else -pence(f"£{text[1:]}m")


def _revenue(council: Council, *, by) -> dict[str, BudgetLine]:
    """Table 7.1: each service's 2011/12 budget and 2010/11 outturn; capital financing below
    service expenditure. The lines by their note's letter."""
    source = cite(CORPORATE_PLAN, "table 7.1")
    lettered = {}
    for position, (note, name, budget, outturn) in enumerate(REVENUE, start=1):
        line = _line(
            council,
            LineKind.SERVICE,
            name,
            position,
            {FY11: (_m(budget), None), FY10: (None, _m(outturn))},
            by=by,
            source=source,
        )
        if note:
            lettered[note] = line
    note, name, budget, outturn = CAPITAL_FINANCING_LINE
    lettered[note] = _line(
        council,
        LineKind.REVENUE_OTHER,
        name,
        1,
        {FY11: (_m(budget), None), FY10: (None, _m(outturn))},
        by=by,
        source=source,
    )
    return lettered


def _capital(council: Council, *, by) -> None:
    source = cite(CORPORATE_PLAN, "table 7.2")
    for kind, rows in (
        (LineKind.CAPITAL_SPENDING, CAPITAL_SPENDING),
        (LineKind.CAPITAL_FINANCING, CAPITAL_FINANCING),
    ):
        for position, (name, amount) in enumerate(rows, start=1):
            _line(council, kind, name, position, {FY11: (_m(amount), None)}, by=by, source=source)


def _note(council: Council, wanted: dict, *, by, reason: str) -> None:
    """The note matching ``wanted``'s text (or label and line), created or brought up to date."""
    lookup = {"council": council, "section": wanted["section"], "text": wanted["text"]}
    if wanted.get("label"):
        lookup = {"council": council, "label": wanted["label"], "line": wanted.get("line")}
    found = BudgetNote.objects.filter(**lookup).first()
    if found is not None and not differences(found, wanted):
        return
    note = found or BudgetNote(council=council)
    for name, value in wanted.items():
        setattr(note, name, value)
    services.budget_note_save(
        note=note, by=by, expected_version=found.version if found else None, reason=reason
    )


def _notes(council: Council, lettered: dict[str, BudgetLine], *, by) -> None:
    reason = cite(CORPORATE_PLAN, "table 7.1, note 1")
    table_notes = [("1", FOOTNOTE, _m("39.75")), ("2", OUTTURN_NOTE, None)]
    for position, (label, text, amount) in enumerate(table_notes):
        _note(
            council,
            {
                "section": Section.REVENUE,
                "line": None,
                "fy": FY11 if label == "1" else FY10,
                "label": label,
                "text": text,
                "amount_pence": amount,
                "source": CORPORATE_PLAN,
                "position": position,
            },
            by=by,
            reason=reason,
        )
    for position, (letter, amount) in enumerate(ENTRIES.items(), start=len(table_notes)):
        contra = " (contra balance)" if letter == "E" else ""
        _note(
            council,
            {
                "section": Section.REVENUE,
                "line": lettered[letter],
                "fy": FY11,
                "label": letter,
                "text": "Exceptional accounting entries for capital expenditure charged to the "
                f"revenue accounts{contra}.",
                "amount_pence": _m(amount),
                "source": CORPORATE_PLAN,
                "position": position,
            },
            by=by,
            reason=reason,
        )
    for position, (section, fy, text, amount, source) in enumerate(NOTES, start=10):
        _note(
            council,
            {
                "section": section,
                "line": None,
                "fy": fy,
                "label": "",
                "text": text,
                "amount_pence": pence(amount) if amount else None,
                "source": source,
                "position": position,
            },
            by=by,
            reason=cite(source) if source != ILLUSTRATIVE else ILLUSTRATIVE,
        )


def _scenario(council: Council, name: str, wanted: dict, *, by) -> Scenario:
    found = Scenario.objects.filter(council=council, name=name).first()
    if found is not None and not differences(found, wanted):
        return found
    scenario = found or Scenario(council=council, name=name)
    for field, value in wanted.items():
        setattr(scenario, field, value)
    return services.scenario_save(
        scenario=scenario,
        by=by,
        expected_version=found.version if found else None,
        reason=ILLUSTRATIVE,
    )


def _assume(scenario: Scenario, category: str, fy: FinancialYear, figure, basis: str, *, by):
    if isinstance(figure, tuple):
        tax_base, band_d = Decimal(figure[0]), pence(figure[1])
        values = {"amount_pence": None, "tax_base": tax_base, "band_d_pence": band_d}
    else:
        values = {"amount_pence": pence(figure), "tax_base": None, "band_d_pence": None}
    found = Assumption.objects.filter(scenario=scenario, category=category, fy=fy).first()
    if found is not None and found.basis == basis:
        same = (
            found.tax_base == values["tax_base"] and found.band_d_pence == values["band_d_pence"]
            if values["tax_base"] is not None
            else found.amount_pence == values["amount_pence"] and found.tax_base is None
        )
        if same:
            return
    services.assumption_set(
        scenario=scenario,
        category=category,
        fy=fy,
        by=by,
        basis=basis,
        expected_version=found.version if found else None,
        reason=ILLUSTRATIVE,
        **values,
    )


def _base_scenario(council: Council, *, by) -> Scenario:
    base = _scenario(
        council,
        "Base",
        {"description": BASE_DESCRIPTION, "is_base": True, "illustrative": True, "position": 0},
        by=by,
    )
    for category, years in BASE.items():
        for fy, (figure, basis) in years.items():
            _assume(base, category, fy, figure, basis, by=by)
    return base


def _variant(council: Council, name: str, description: str, changes: dict, *, by) -> None:
    position = 1 + [v[0] for v in VARIANTS].index(name)
    scenario = _scenario(
        council,
        name,
        {"description": description, "is_base": False, "illustrative": True, "position": position},
        by=by,
    )
    for category, years in BASE.items():
        for fy, (figure, basis) in years.items():
            figure, basis = changes.get((category, fy), (figure, basis))
            _assume(scenario, category, fy, figure, basis, by=by)


def _cycle(council: Council, *, by) -> None:
    """The strategy's cycle for 2013/14, March 2013 to March 2014, as it stood at the end of
    March 2014 (the statuses, days and the owners the strategy does not name are the
    demo's)."""
    for position, (name, first, last, owner, named, status) in enumerate(CYCLE):
        starts_on = datetime.date(*first, 1)
        due_on = _month_end(*last) if last else starts_on
        note = CYCLE_NOTE if named else CYCLE_NOTE_NO_OWNER
        wanted = {
            "starts_on": starts_on,
            "due_on": due_on,
            "months_only": last is not None,
            "owner": owner,
            "status": status,
            "note": note,
            "position": position,
        }
        found = Milestone.objects.filter(council=council, fy=FY13, name=name).first()
        if found is not None and not differences(found, wanted):
            continue
        milestone = found or Milestone(council=council, fy=FY13, name=name)
        for field, value in wanted.items():
            setattr(milestone, field, value)
        services.milestone_save(
            milestone=milestone,
            by=by,
            expected_version=found.version if found else None,
            reason=cite(LUTON_TOGETHER, "the transformation programme timeline/cycle"),
        )
