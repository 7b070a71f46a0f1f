"""Who may do what with the medium-term financial plan: one named rule per action.

Every member of a council reads its plan (the published medium-term financial plan is public:
its budget, its funding and its gap). The programme office and finance keep it: the budget
tables and their notes, the scenarios and their assumptions, the budget cycle, closing a
year, and importing a plan table.
"""

from __future__ import annotations

from sightline.accounts.permissions import in_council, is_finance, is_programme_office, rule

KEEPERS = "the programme office and finance"
keeps_the_plan = in_council & (is_programme_office | is_finance)

rule(
    "finance.change_plan",
    keeps_the_plan,
    action="change the financial plan",
    who=KEEPERS,
    noun="financial plan",
)
rule(
    "finance.change_budget",
    keeps_the_plan,
    action="change the budget tables",
    who=KEEPERS,
    noun="budget line",
)
rule(
    "finance.change_scenario",
    keeps_the_plan,
    action="change the plan's scenarios and their assumptions",
    who=KEEPERS,
    noun="scenario",
)
rule(
    "finance.change_cycle",
    keeps_the_plan,
    action="change the budget cycle",
    who=KEEPERS,
    noun="milestone",
)
rule(
    "finance.close_year",
    keeps_the_plan,
    action="close or reopen a year of the plan",
    who=KEEPERS,
    noun="financial plan",
)
rule(
    "finance.import_plan",
    keeps_the_plan,
    action="import a financial plan table",
    who=KEEPERS,
    noun="council",
)
