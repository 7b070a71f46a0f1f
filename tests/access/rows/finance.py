"""Access-matrix rows for the financial plan's pages (``/finance/``) and API operations.

Every member of a council reads its plan (the published medium-term financial plan is
public): the gap, the budget tables, the scenarios, the cycle and the PDF. The programme
office and finance keep it (``finance.change_plan``, ``finance.change_budget``,
``finance.change_scenario``, ``finance.change_cycle``, ``finance.close_year``); nobody else
may change it, the director included.
"""

from __future__ import annotations

from sightline.finance.models import Category
from sightline.finance.tests.factories import (
    AssumptionFactory,
    BudgetFigureFactory,
    BudgetLineFactory,
    BudgetNoteFactory,
    FinancialPlanFactory,
    MilestoneFactory,
    ScenarioFactory,
)
from tests.access.expectations import (
    A_MEMBERS,
    AS_POST,
    BY_COUNCIL,
    EVERY_MEMBER,
    FINANCE,
    PROGRAMME_OFFICE,
    PROGRAMME_OFFICE_B,
    Row,
    api,
    each,
    page,
    s,
)

KEEPERS = s(PROGRAMME_OFFICE, FINANCE, PROGRAMME_OFFICE_B)  # in their own council
KEEPERS_OWN = each(own=s(PROGRAMME_OFFICE, FINANCE))  # a record of council A's
READ_OWN = each(own=A_MEMBERS)


def _record(key: str) -> dict:
    return {"kinds": BY_COUNCIL, "params": {"pk": key}}


PAGES = [
    page("finance/", "finance:plan", get=EVERY_MEMBER),
    page("finance/plan/edit/", "finance:plan_edit", get=AS_POST, post=KEEPERS),
    page("finance/plan.pdf", "finance:pdf", get=EVERY_MEMBER),
    page(
        "finance/years/",
        "finance:year_close",
        get=AS_POST,
        post=KEEPERS,
        post_body={"action": "close", "fy": "2013/14"},
    ),
    page("finance/budget/", "finance:budget", get=EVERY_MEMBER),
    page("finance/budget/lines/new/", "finance:line_add", get=AS_POST, post=KEEPERS),
    page(
        "finance/budget/lines/<pk>/",
        "finance:line_edit",
        get=AS_POST,
        post=KEEPERS_OWN,
        **_record("budget_line"),
    ),
    page("finance/notes/new/", "finance:note_add", get=AS_POST, post=KEEPERS),
    page(
        "finance/notes/<pk>/",
        "finance:note_edit",
        get=AS_POST,
        post=KEEPERS_OWN,
        **_record("budget_note"),
    ),
    page("finance/scenarios/", "finance:scenarios", get=EVERY_MEMBER),
    page("finance/scenarios/new/", "finance:scenario_add", get=AS_POST, post=KEEPERS),
    page("finance/scenarios/<pk>/", "finance:scenario", get=READ_OWN, **_record("scenario")),
    page(
        "finance/scenarios/<pk>/edit/",
        "finance:scenario_edit",
        get=AS_POST,
        post=KEEPERS_OWN,
        **_record("scenario"),
    ),
    page(
        "finance/scenarios/<pk>/assumption/",
        "finance:assumption",
        get=AS_POST,
        post=KEEPERS_OWN,
        post_body={"category": "rsg", "fy": "2013/14", "amount_pence": "£60m"},
        **_record("scenario"),
    ),
    page("finance/cycle/", "finance:cycle", get=EVERY_MEMBER),
    page("finance/cycle/new/", "finance:milestone_add", get=AS_POST, post=KEEPERS),
    page(
        "finance/cycle/repeat/",
        "finance:cycle_repeat",
        get=AS_POST,
        post=KEEPERS,
        post_body={"fy": "2013/14"},
    ),
    page(
        "finance/cycle/<pk>/",
        "finance:milestone_edit",
        get=AS_POST,
        post=KEEPERS_OWN,
        **_record("milestone"),
    ),
]

A = "/api/v1/finance"


def _version(key: str, change: dict):
    return lambda ctx: {"version": ctx.obj(key).version, **change}


API = [
    api("GET", f"{A}/plan", EVERY_MEMBER),
    api(
        "PUT",
        f"{A}/plan",
        KEEPERS,
        body={
            "title": "Access matrix plan",
            "first_year": "2013/14",
            "last_year": "2015/16",
            "base_budget": "170000000.00",
        },
    ),
    api("POST", f"{A}/years/close", KEEPERS, body={"financial_year": "2013/14"}),
    api("POST", f"{A}/years/reopen", KEEPERS, body={"financial_year": "2013/14", "reason": "x"}),
    api("GET", f"{A}/revenue", EVERY_MEMBER),
    api("GET", f"{A}/capital", EVERY_MEMBER),
    api(
        "POST",
        f"{A}/budget-lines",
        KEEPERS,
        body={
            "kind": "service",
            "name": "Access matrix service",
            "figures": [{"financial_year": "2013/14", "budget": "1000000.00"}],
        },
    ),
    api(
        "PATCH",
        f"{A}/budget-lines/{{line_id}}",
        KEEPERS_OWN,
        kinds=BY_COUNCIL,
        params={"line_id": "budget_line"},
        body=_version("budget_line", {"name": "Access matrix"}),
    ),
    api("GET", f"{A}/scenarios", EVERY_MEMBER),
    api("POST", f"{A}/scenarios", KEEPERS, body={"name": "Access matrix scenario"}),
    api("GET", f"{A}/gap", EVERY_MEMBER),
    api(
        "GET",
        f"{A}/scenarios/{{scenario_id}}",
        READ_OWN,
        kinds=BY_COUNCIL,
        params={"scenario_id": "scenario"},
    ),
    api(
        "PATCH",
        f"{A}/scenarios/{{scenario_id}}",
        KEEPERS_OWN,
        kinds=BY_COUNCIL,
        params={"scenario_id": "scenario"},
        body=_version("scenario", {"description": "Access matrix"}),
    ),
    api(
        "PUT",
        f"{A}/scenarios/{{scenario_id}}/assumptions",
        KEEPERS_OWN,
        kinds=BY_COUNCIL,
        params={"scenario_id": "scenario"},
        body={"category": "rsg", "financial_year": "2014/15", "amount": "50000000.00"},
    ),
    api("GET", f"{A}/cycle", EVERY_MEMBER),
    api(
        "POST",
        f"{A}/cycle",
        KEEPERS,
        body={"financial_year": "2013/14", "name": "Access matrix", "due_on": "2013-07-31"},
    ),
    api(
        "PATCH",
        f"{A}/cycle/{{milestone_id}}",
        KEEPERS_OWN,
        kinds=BY_COUNCIL,
        params={"milestone_id": "milestone"},
        body=_version("milestone", {"status": "done"}),
    ),
]

ROWS: list[Row] = PAGES + API


def build(o, users) -> None:
    """Each council's plan, a budget line with a figure and a note, a base scenario with an
    assumption, and a milestone of its cycle."""
    FinancialPlanFactory(council=o.council)
    o.budget_line = BudgetLineFactory(council=o.council)
    BudgetFigureFactory(line=o.budget_line)
    o.budget_note = BudgetNoteFactory(council=o.council)
    o.scenario = ScenarioFactory(council=o.council, is_base=True)
    AssumptionFactory(
        scenario=o.scenario, category=Category.COUNCIL_TAX, amount_pence=5_300_000_000
    )
    o.milestone = MilestoneFactory(council=o.council)
