"""What a council sets itself up with: savings types and their counting rule, bundles with
their targets, budget codes with their budgets by year (one at a time and many at once), and
the over-budget rule held to each year's budget."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sightline.accounts.tests.factories import DirectorateFactory, PersonFactory
from sightline.core.audit import StaleEdit
from sightline.core.fiscal import FinancialYear
from sightline.savings import services
from sightline.savings.models import BudgetCode, Bundle, SavingsType
from sightline.savings.models.programme import BudgetCodeBudget
from sightline.savings.selectors import budget_code_checks
from sightline.savings.services.programme import (
    DEFAULT_TAXONOMY,
    ImportRefused,
    budget_code_save,
    budget_codes_save_many,
    bundle_save,
    savings_type_save,
)
from sightline.savings.tests.factories import (
    BudgetCodeFactory,
    BundleFactory,
    BundleTargetFactory,
    ProposalFactory,
    SavingLineFactory,
    SavingsTypeFactory,
)

FY26, FY27, FY28 = FinancialYear(2026), FinancialYear(2027), FinancialYear(2028)


# --- savings types ---------------------------------------------------------------------------


def test_the_default_taxonomy_gives_each_type_its_counting_rule(council_a):
    types = {t.name: t for t in services.savings_types_ensure_defaults(council=council_a)}
    assert set(types) == {t.name for t in DEFAULT_TAXONOMY}
    avoidance = types["Cost avoidance"]
    assert (avoidance.cashable, avoidance.recurring, avoidance.counts_toward_gap) == (
        False,
        True,
        False,
    )
    assert avoidance.counting_rule == (
        "non-cashable, recurring, does not count toward the budget gap"
    )
    assert types["Efficiency"].counting_rule == (
        "cashable, recurring, counts toward the budget gap"
    )


def test_the_defaults_leave_a_type_the_programme_office_has_changed(alice, council_a):
    mine = SavingsTypeFactory(council=council_a, name="Efficiency", recurring=False)
    services.savings_types_ensure_defaults(council=council_a)
    mine.refresh_from_db()
    assert mine.recurring is False
    assert SavingsType.objects.filter(council=council_a).count() == len(DEFAULT_TAXONOMY)


def test_later_work_reads_which_types_count_toward_the_gap(council_a, council_b):
    services.savings_types_ensure_defaults(council=council_a)
    counting = SavingsType.objects.filter(council=council_a).counting_toward_gap()
    assert "Cost avoidance" not in {t.name for t in counting} and counting.count() == 5


def test_the_programme_office_adds_changes_and_retires_a_savings_type(alice, council_a):
    one_off = SavingsType(council=council_a, name=" Asset sale ", recurring=False)
    savings_type_save(savings_type=one_off, by=alice)
    assert one_off.name == "Asset sale" and one_off.counting_rule.startswith("cashable, one-off")
    one_off.counts_toward_gap = False
    savings_type_save(savings_type=one_off, by=alice, expected_version=1, reason="One-off only")
    one_off.disabled_on = "2026-12-04"
    savings_type_save(savings_type=one_off, by=alice, expected_version=2, reason="Not used")
    one_off.refresh_from_db()
    assert one_off.version == 3 and str(one_off.disabled_on) == "2026-12-04"
    reasons = list(one_off.history.values_list("history_change_reason", flat=True))
    assert reasons[:2] == ["Not used", "One-off only"]
    assert SavingsType.objects.filter(council=council_a).active().count() == 0


def test_a_savings_type_is_refused_to_others_twice_named_or_stale(alice, eve, council_a, council_b):
    SavingsTypeFactory(council=council_a, name="Efficiency")
    with pytest.raises(PermissionDenied, match="You cannot change the savings types: only the"):
        savings_type_save(savings_type=SavingsType(council=council_a, name="X"), by=eve)
    with pytest.raises(PermissionDenied, match="This savings type belongs to another council"):
        savings_type_save(savings_type=SavingsType(council=council_b, name="X"), by=alice)
    with pytest.raises(ValidationError) as twice:
        savings_type_save(savings_type=SavingsType(council=council_a, name="efficiency"), by=alice)
    assert twice.value.message_dict == {
        "name": ["Your council already has a savings type called “efficiency”."]
    }
    kind = SavingsTypeFactory(council=council_a, name="Income")
    SavingsType.objects.filter(pk=kind.pk).update(version=2)
    kind.recurring = False
    with pytest.raises(StaleEdit):
        savings_type_save(savings_type=kind, by=alice, expected_version=1)
    assert SavingsType.objects.get(pk=kind.pk).recurring is True


# --- bundles -----------------------------------------------------------------------------------


def test_a_bundle_is_saved_with_its_targets_and_a_cleared_year_removed(alice, council_a):
    sponsor = PersonFactory(council=council_a)
    bundle = Bundle(council=council_a, name="Customer access", sponsor=sponsor)
    bundle_save(bundle=bundle, by=alice, targets={FY26: 120_000_000, FY27: 50_000_000})
    assert {t.fy: t.target_pence for t in bundle.targets.all()} == {
        FY26: 120_000_000,
        FY27: 50_000_000,
    }
    bundle_save(bundle=bundle, by=alice, targets={FY27: None}, expected_version=1, reason="Cut")
    assert [t.fy for t in bundle.targets.all()] == [FY26]
    bundle.refresh_from_db()
    assert bundle.version == 2


def test_an_enabling_bundle_has_no_target_and_nothing_is_saved(alice, council_a):
    bundle = Bundle(council=council_a, name="IT", enabling=True)
    with pytest.raises(ValidationError) as refused:
        bundle_save(bundle=bundle, by=alice, targets={FY26: 100})
    assert refused.value.message_dict == {
        "enabling": ["An enabling bundle has no target: its savings are counted in other bundles."]
    }
    assert not Bundle.objects.exists()
    targeted = BundleFactory(council=council_a)
    BundleTargetFactory(bundle=targeted, fy=FY26, target_pence=500)
    targeted.enabling = True
    with pytest.raises(ValidationError, match="enabling bundle has no target"):
        bundle_save(bundle=targeted, by=alice)
    assert Bundle.objects.get(pk=targeted.pk).enabling is False


def test_a_bundle_names_only_its_own_councils_people_and_only_the_programme_office_keeps_it(
    alice, fiona, council_a, council_b
):
    bundle = Bundle(council=council_a, name="Customer access")
    bundle.lead = PersonFactory(council=council_b)
    with pytest.raises(ValidationError) as refused:
        bundle_save(bundle=bundle, by=alice)
    assert refused.value.message_dict == {"lead": ["Choose one of your council's own records."]}
    with pytest.raises(PermissionDenied, match="You cannot change a bundle"):
        bundle_save(bundle=Bundle(council=council_a, name="Other"), by=fiona)
    assert not Bundle.objects.exists()


def test_a_stale_bundle_edit_is_refused(alice, council_a):
    bundle = BundleFactory(council=council_a)
    Bundle.objects.filter(pk=bundle.pk).update(version=3)
    bundle.vision = "Mine"
    with pytest.raises(StaleEdit, match="changed by someone else"):
        bundle_save(bundle=bundle, by=alice, expected_version=2)


# --- budget codes, one at a time --------------------------------------------------------------


def test_a_budget_codes_current_budget_is_its_latest_years(fiona, council_a):
    code = BudgetCode(council=council_a, code=" R100 ", name="Executive support")
    budget_code_save(code=code, by=fiona, budgets={FY26: 45_000_000, FY27: 40_000_000})
    code.refresh_from_db()
    assert (code.code, code.current_budget_pence, code.budget_fy) == ("R100", 40_000_000, FY27)
    budget_code_save(code=code, by=fiona, budgets={FY27: None}, expected_version=1)
    code.refresh_from_db()
    assert (code.current_budget_pence, code.budget_fy) == (45_000_000, FY26)
    assert list(code.budgets.values_list("fy", flat=True)) == [FY26]
    budget = code.budgets.get()
    assert budget.history.get().history_user == fiona


def test_a_budget_code_names_each_problem_and_saves_nothing(alice, council_a, council_b):
    BudgetCodeFactory(council=council_a, code="R1")
    code = BudgetCode(
        council=council_a, code="R1", directorate=DirectorateFactory(council=council_b)
    )
    with pytest.raises(ValidationError) as refused:
        budget_code_save(code=code, by=alice, budgets={FY26: -5})
    assert refused.value.message_dict == {
        "directorate": ["Choose one of your council's own records."],
        "budget_2026": ["The 2026/27 budget cannot be less than £0."],
        "code": ["Your council already has budget code R1."],
    }
    with pytest.raises(ValidationError) as no_budget:
        budget_code_save(code=BudgetCode(council=council_a, code="R2"), by=alice)
    assert no_budget.value.message_dict == {
        "budgets": ["Give the code's budget for at least one financial year."]
    }
    assert BudgetCode.objects.count() == 1 and not BudgetCodeBudget.objects.exists()


def test_budget_codes_are_kept_by_the_programme_office_and_finance_only(dan, council_a):
    with pytest.raises(PermissionDenied, match="only the programme office or finance can"):
        budget_code_save(code=BudgetCode(council=council_a, code="R1"), by=dan, budgets={FY26: 1})


# --- the over-budget rule, year by year --------------------------------------------------------


@pytest.fixture
def yearly_code(fiona, council_a):
    code = BudgetCode(council=council_a, code="CS200")
    budget_code_save(code=code, by=fiona, budgets={FY26: 10_000_000, FY27: 5_000_000})
    return code


def test_each_years_savings_are_held_to_that_years_budget(eve, council_a, yearly_code):
    proposal = ProposalFactory(council=council_a, lead_officer=eve.person)
    line = {"budget_code": yearly_code, "recurring": True}
    # £60,000 in 2026/27 is within its £100,000; carried into 2027/28, beyond its £50,000.
    with pytest.raises(ValidationError) as refused:
        services.saving_lines_set(
            proposal=proposal, by=eve, lines=[{**line, "fy": FY26, "amount_pence": 6_000_000}]
        )
    assert refused.value.messages == [
        "Budget code CS200: savings of £60,000 by 2027/28 would exceed its 2027/28 budget of "
        "£50,000. The same pound cannot be saved twice: check the other proposals on this code "
        "or the budget."
    ]
    services.saving_lines_set(
        proposal=proposal, by=eve, lines=[{**line, "fy": FY26, "amount_pence": 5_000_000}]
    )
    # A later year with no budget of its own is held to the current (latest) budget.
    with pytest.raises(ValidationError, match="by 2028/29 would exceed its current budget"):
        services.saving_lines_set(
            proposal=proposal,
            by=eve,
            lines=[
                {**line, "fy": FY26, "amount_pence": 5_000_000},
                {**line, "fy": FY28, "amount_pence": 1},
            ],
        )


def test_the_checks_page_flags_a_year_over_its_own_budget(alice, council_a, yearly_code):
    proposal = ProposalFactory(council=council_a)
    SavingLineFactory(proposal=proposal, budget_code=yearly_code, fy=FY26, amount_pence=7_000_000)
    found = budget_code_checks(membership=alice.membership)
    assert [(c.code.code, c.over_budget) for c in found] == [("CS200", [(FY27, 7_000_000)])]


# --- budget codes, many at once ----------------------------------------------------------------


def test_many_budget_codes_are_written_in_bulk_with_their_history(alice, council_a):
    existing = BudgetCodeFactory(council=council_a, code="R1", name="Old")
    directorate = DirectorateFactory(council=council_a)
    result = budget_codes_save_many(
        council=council_a,
        by=alice,
        reason="From the ledger",
        rows=[
            {"code": "R1", "name": "Renamed", "budgets": {FY26: 100}},
            {
                "code": "R2",
                "name": "New",
                "directorate": directorate,
                "income": False,
                "budgets": {FY26: 200, FY27: 300},
            },
        ],
    )
    assert [c.code for c in result.created] == ["R2"] and result.changed == [existing]
    assert result.budgets == 3
    new = BudgetCode.objects.get(code="R2")
    assert (new.current_budget_pence, new.budget_fy, new.directorate) == (300, FY27, directorate)
    existing.refresh_from_db()
    assert (existing.name, existing.version, existing.current_budget_pence) == ("Renamed", 2, 100)
    latest = existing.history.latest("history_id")
    assert (latest.history_user, latest.history_change_reason) == (alice, "From the ledger")
    assert BudgetCodeBudget.history.filter(history_user=alice).count() == 3
    again = budget_codes_save_many(
        council=council_a, by=alice, rows=[{"code": "R2", "budgets": {FY27: 300}}]
    )
    assert (again.unchanged, again.budgets) == (1, 0)


def test_many_budget_codes_are_refused_together_each_problem_named_by_its_row(
    alice, council_a, council_b
):
    rows = [
        {"code": "R1", "budgets": {FY26: 100}, "row": 2},
        {"code": "R1", "budgets": {FY26: 100}, "row": 3},
        {"code": "R2", "budgets": {FY26: -1}, "row": 4},
        {"code": "R3", "row": 5},
        {"code": "R4", "budgets": {FY26: 1}, "directorate": DirectorateFactory(council=council_b)},
    ]
    with pytest.raises(ImportRefused) as refused:
        budget_codes_save_many(council=council_a, by=alice, rows=rows)
    assert refused.value.messages == [
        "Row 3 (budget code R1), code: Budget code R1 is also on row 2.",
        "Row 4 (budget code R2), budget_2026: The 2026/27 budget cannot be less than £0.",
        "Row 5 (budget code R3), budgets: Give the code's budget for at least one financial year.",
        "Row 5 (budget code R4), directorate: Choose one of your council's own records.",
    ]
    assert not BudgetCode.objects.exists()


def test_many_budget_codes_ask_the_same_rule(eve, council_a):
    with pytest.raises(PermissionDenied, match="You cannot change a budget code"):
        budget_codes_save_many(council=council_a, by=eve, rows=[])


def test_each_setup_rule_asked_of_each_role(alice, fiona, dan, eve, colin, vera, bob, council_a):
    from sightline.accounts.permissions import allowed

    people = {
        "programme_office": alice,
        "finance": fiona,
        "director": dan,
        "editor": eve,
        "councillor": colin,
        "viewer": vera,
        "other_council": bob,
    }
    subjects = {
        "savings.change_savings_type": SavingsTypeFactory(council=council_a),
        "savings.change_bundle": BundleFactory(council=council_a),
        "savings.change_budget_code": BudgetCodeFactory(council=council_a),
    }
    expected = {
        "savings.change_savings_type": {"programme_office"},
        "savings.change_bundle": {"programme_office"},
        "savings.change_budget_code": {"programme_office", "finance"},
    }
    for name, subject in subjects.items():
        assert {p for p, u in people.items() if allowed(u, name, subject)} == expected[name]
