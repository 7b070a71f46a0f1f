"""Every write to the plan: its rule, its checks, its history."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sightline.core.audit import StaleEdit
from sightline.core.fiscal import FinancialYear
from sightline.core.history import history_for
from sightline.finance import services
from sightline.finance.models import (
    Assumption,
    BudgetLine,
    BudgetNote,
    Category,
    LineKind,
    Milestone,
    MilestoneStatus,
    Scenario,
    Section,
)
from sightline.finance.tests.factories import (
    AssumptionFactory,
    BudgetLineFactory,
    FinancialPlanFactory,
    MilestoneFactory,
    ScenarioFactory,
)

FY10, FY11, FY13, FY14, FY15 = (FinancialYear(y) for y in (2010, 2011, 2013, 2014, 2015))
M = 100_000_000


@pytest.fixture
def plan(council_a):
    return FinancialPlanFactory(council=council_a)


def _plan(council, by, **changes):
    values = {
        "title": "MTFP",
        "first_fy": FY13,
        "last_fy": FY15,
        "base_budget_pence": 170 * M,
        **changes,
    }
    return services.plan_save(council=council, by=by, **values)


def test_finance_sets_up_the_plan_with_its_years_and_base_budget(council_a, fiona):
    plan = _plan(council_a, fiona, reason="Budget report")
    assert (plan.first_fy, plan.last_fy, plan.base_budget_pence) == (FY13, FY15, 170 * M)
    assert history_for(plan)[0].reason == "Budget report"
    assert plan.created_by == fiona


@pytest.mark.parametrize("persona", ["dan", "eve", "colin", "vera"])
def test_only_the_programme_office_and_finance_keep_the_plan(council_a, persona, request):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied, match="only the programme office and finance can"):
        _plan(council_a, user)


def test_another_councils_member_cannot_set_this_councils_plan(council_a, bob):
    with pytest.raises(PermissionDenied):
        _plan(council_a, bob)


def test_the_last_year_must_not_come_before_the_first(council_a, alice):
    with pytest.raises(ValidationError) as error:
        _plan(council_a, alice, first_fy=FY15, last_fy=FY13)
    assert "last_fy" in error.value.message_dict


def test_a_stale_change_to_the_plan_is_refused(council_a, alice, plan):
    with pytest.raises(StaleEdit):
        _plan(council_a, alice, expected_version=plan.version + 1)


def test_a_budget_line_is_saved_with_its_budget_and_outturn_by_year(council_a, fiona):
    line = BudgetLine(council=council_a, kind=LineKind.SERVICE, name=" Adult social care ")
    services.budget_line_save(
        line=line, by=fiona, figures={FY11: (7_177_000_000, None), FY10: (None, 6_460_000_000)}
    )
    assert line.name == "Adult social care"
    figures = {f.fy: (f.budget_pence, f.outturn_pence) for f in line.figures.all()}
    assert figures == {FY10: (None, 6_460_000_000), FY11: (7_177_000_000, None)}
    services.budget_line_save(
        line=line, by=fiona, figures={FY10: (None, None)}, expected_version=line.version
    )
    assert [f.fy for f in line.figures.all()] == [FY11]


def test_a_table_keeps_one_line_of_a_name(council_a, alice):
    BudgetLineFactory(council=council_a, name="Central services")
    with pytest.raises(ValidationError) as error:
        services.budget_line_save(
            line=BudgetLine(council=council_a, kind=LineKind.SERVICE, name="central services"),
            by=alice,
        )
    assert "already has" in error.value.message_dict["name"][0]
    # The same name in another table is another line.
    other = BudgetLine(council=council_a, kind=LineKind.CAPITAL_SPENDING, name="Central services")
    services.budget_line_save(line=other, by=alice)


def test_a_retired_line_says_why_and_stays_in_history(council_a, alice):
    line = BudgetLineFactory(council=council_a)
    with pytest.raises(ValidationError):
        services.budget_line_retire(line=line, by=alice, reason=" ")
    services.budget_line_retire(line=line, by=alice, reason="Service transferred")
    assert BudgetLine.objects.get(pk=line.pk).disabled_on is not None


def test_a_note_on_a_line_belongs_to_that_lines_table(council_a, alice):
    line = BudgetLineFactory(council=council_a, kind=LineKind.REVENUE_OTHER)
    note = BudgetNote(council=council_a, line=line, label="E", text="Contra", amount_pence=-1)
    services.budget_note_save(note=note, by=alice)
    assert note.section == Section.REVENUE


def test_a_note_cannot_hang_from_another_councils_line(council_a, council_b, alice):
    line = BudgetLineFactory(council=council_b)
    with pytest.raises(ValidationError):
        services.budget_note_save(note=BudgetNote(council=council_a, line=line, text="A"), by=alice)


def test_one_scenario_is_the_base(council_a, fiona):
    first = ScenarioFactory(council=council_a, is_base=True)
    second = Scenario(council=council_a, name="Pessimistic", is_base=True)
    services.scenario_save(scenario=second, by=fiona)
    first.refresh_from_db()
    assert not first.is_base and second.is_base


def test_a_copied_scenario_has_every_assumption_of_its_source(council_a, fiona):
    base = ScenarioFactory(council=council_a)
    AssumptionFactory(scenario=base, fy=FY13, amount_pence=60 * M, basis="Settlement")
    AssumptionFactory(scenario=base, fy=FY14, amount_pence=50 * M)
    copy = services.scenario_copy(source=base, name="Optimistic", by=fiona)
    assert sorted((a.fy, a.amount_pence, a.basis) for a in copy.assumptions.all()) == [
        (FY13, 60 * M, "Settlement"),
        (FY14, 50 * M, ""),
    ]
    assert base.assumptions.count() == 2


def test_council_tax_is_worked_out_from_the_tax_base_and_band_d(council_a, fiona, plan):
    scenario = ScenarioFactory(council=council_a)
    assumption = services.assumption_set(
        scenario=scenario,
        category=Category.COUNCIL_TAX,
        fy=FY13,
        by=fiona,
        tax_base=Decimal("42400"),
        band_d_pence=125_000,
        basis="Band D frozen",
    )
    assert assumption.amount_pence == 53 * M
    assert assumption.basis == "Band D frozen"


@pytest.mark.parametrize(
    "values, field",
    [
        ({"category": Category.RSG, "tax_base": Decimal(1), "band_d_pence": 1}, "tax_base"),
        ({"category": Category.COUNCIL_TAX, "tax_base": Decimal(1)}, "band_d_pence"),
        ({"category": Category.RSG}, "amount_pence"),
        ({"category": Category.RSG, "amount_pence": -1}, "amount_pence"),
        ({"category": Category.RSG, "amount_pence": 1, "fy": FinancialYear(2019)}, "fy"),
    ],
)
def test_an_assumption_that_cannot_be_is_refused_naming_its_field(
    council_a, fiona, plan, values, field
):
    scenario = ScenarioFactory(council=council_a)
    with pytest.raises(ValidationError) as error:
        services.assumption_set(scenario=scenario, by=fiona, **{"fy": FY13, **values})
    assert field in error.value.message_dict


def test_reserves_may_be_paid_into_and_pressures_may_fall(council_a, fiona, plan):
    scenario = ScenarioFactory(council=council_a)
    for category in (Category.RESERVES, Category.PRICES):
        services.assumption_set(
            scenario=scenario, category=category, fy=FY13, by=fiona, amount_pence=-M
        )
    assert scenario.assumptions.count() == 2


def test_a_stale_change_to_an_assumption_is_refused(council_a, fiona, plan):
    found = AssumptionFactory(scenario=ScenarioFactory(council=council_a))
    with pytest.raises(StaleEdit):
        services.assumption_set(
            scenario=found.scenario,
            category=found.category,
            fy=found.fy,
            by=fiona,
            amount_pence=1,
            expected_version=found.version + 1,
        )


def test_an_editor_cannot_change_an_assumption(council_a, eve, plan):
    found = AssumptionFactory(scenario=ScenarioFactory(council=council_a))
    with pytest.raises(PermissionDenied, match="change the plan's scenarios"):
        services.assumption_set(
            scenario=found.scenario, category=found.category, fy=found.fy, by=eve, amount_pence=1
        )
    assert Assumption.objects.get(pk=found.pk).amount_pence == found.amount_pence


def test_years_close_in_order_and_only_the_last_reopens(council_a, alice, plan):
    with pytest.raises(ValidationError):
        services.year_close(council=council_a, fy=FY15, by=alice)  # 2014/15 first
    services.year_close(council=council_a, fy=FY13, by=alice)
    services.year_close(council=council_a, fy=FY14, by=alice)
    with pytest.raises(ValidationError):
        services.year_close(council=council_a, fy=FY13, by=alice)
    with pytest.raises(ValidationError, match="Only the last closed year"):
        services.year_reopen(council=council_a, fy=FY13, by=alice, reason="Restated")
    plan = services.year_reopen(council=council_a, fy=FY14, by=alice, reason="Restated")
    assert plan.closed_through == FY13


def test_a_year_cannot_close_without_a_plan(council_a, alice):
    with pytest.raises(ValidationError, match="Set up the financial plan first"):
        services.year_close(council=council_a, fy=FY13, by=alice)


def test_a_milestone_starts_before_it_is_due(council_a, alice):
    milestone = Milestone(
        council=council_a,
        fy=FY13,
        name="Revised strategy to Executive",
        starts_on=datetime.date(2013, 7, 1),
        due_on=datetime.date(2013, 6, 30),
    )
    with pytest.raises(ValidationError):
        services.milestone_save(milestone=milestone, by=alice)


def test_a_cycle_repeats_a_year_later_not_started(council_a, fiona):
    MilestoneFactory(
        council=council_a,
        name="Budget consultations with citizens",
        starts_on=datetime.date(2013, 9, 1),
        due_on=datetime.date(2014, 1, 31),
        months_only=True,
        status=MilestoneStatus.DONE,
    )
    MilestoneFactory(
        council=council_a,
        name="Decisions take effect",
        starts_on=datetime.date(2014, 3, 1),
        due_on=datetime.date(2014, 3, 1),
    )
    made = services.cycle_repeat(council=council_a, fy=FY13, by=fiona)
    assert [(m.fy, m.starts_on, m.due_on, m.status) for m in made] == [
        (FY14, datetime.date(2014, 9, 1), datetime.date(2015, 1, 31), "not_started"),
        (FY14, datetime.date(2015, 3, 1), datetime.date(2015, 3, 1), "not_started"),
    ]
    with pytest.raises(ValidationError, match="already has its budget cycle"):
        services.cycle_repeat(council=council_a, fy=FY13, by=fiona)


def test_a_month_end_stays_a_month_end_when_repeated(council_a, fiona):
    MilestoneFactory(
        council=council_a,
        starts_on=datetime.date(2015, 2, 1),
        due_on=datetime.date(2015, 2, 28),
        months_only=True,
        fy=FinancialYear(2014),
    )
    made = services.cycle_repeat(council=council_a, fy=FinancialYear(2014), by=fiona)
    assert made[0].due_on == datetime.date(2016, 2, 29)
