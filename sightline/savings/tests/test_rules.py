from hypothesis import given
from hypothesis import strategies as st

from sightline.core.fiscal import FinancialYear
from sightline.savings import rules
from sightline.savings.models import Proposal, SavingLine

FY13, FY14, FY15 = FinancialYear(2013), FinancialYear(2014), FinancialYear(2015)


def line(fy, pence, recurring=True):
    return SavingLine(fy=fy, amount_pence=pence, recurring=recurring)


def test_seed_000s_profile_is_incremental_and_reads_cumulative():
    rows = rules.profile([line(FY13, 20_000_000), line(FY14, 49_000_000), line(FY15, 16_000_000)])
    assert [(r.fy, r.incremental_pence, r.cumulative_pence) for r in rows] == [
        (FY13, 20_000_000, 20_000_000),
        (FY14, 49_000_000, 69_000_000),
        (FY15, 16_000_000, 85_000_000),
    ]


def test_a_one_off_saving_counts_only_in_its_own_year():
    rows = rules.profile([line(FY13, 1_000, recurring=False), line(FY15, 500)])
    assert [(r.fy, r.cumulative_pence) for r in rows] == [(FY13, 1_000), (FY14, 0), (FY15, 500)]


def test_invest_to_save_starts_negative():
    rows = rules.profile([line(FY13, -5_000), line(FY14, 20_000)])
    assert [r.cumulative_pence for r in rows] == [-5_000, 15_000]


@given(
    st.lists(
        st.tuples(st.integers(2010, 2020), st.integers(-(10**9), 10**9), st.booleans()),
        min_size=1,
        max_size=12,
    )
)
def test_the_cumulative_profile_always_reconciles_with_the_lines(entries):
    lines = [line(FinancialYear(y), p, r) for y, p, r in entries]
    rows = rules.profile(lines)
    assert sum(r.incremental_pence for r in rows) == sum(p for _, p, _ in entries)
    last = rows[-1]
    recurring = sum(p for _, p, r in entries if r)
    one_off_last = sum(p for y, p, r in entries if not r and y == last.fy.start_year)
    assert last.cumulative_pence == recurring + one_off_last
    assert [r.fy for r in rows] == FinancialYear.range(rows[0].fy, rows[-1].fy)


def test_the_initiation_gate_names_everything_missing():
    missing = rules.gate_missing(
        Proposal(), "initiation", lines=[], budget_code_count=0, confirmed_years=set()
    )
    assert missing == [
        "a sponsor",
        "a project manager",
        "an indicative budget code",
        "a finance lead",
    ]
    message = rules.gate_message("initiation", missing)
    assert message == (
        "This proposal cannot move to initiation: it needs a sponsor, a project manager, "
        "an indicative budget code and a finance lead."
    )


def test_the_live_gate_needs_an_accountant_and_a_profile():
    missing = rules.gate_missing(
        Proposal(), "live", lines=[line(FY13, 0)], budget_code_count=1, confirmed_years=set()
    )
    assert missing == ["a named accountant", "a savings profile (at least one year with a saving)"]


def test_delivery_needs_finance_to_confirm_every_year_with_a_saving():
    lines = [line(FY13, 100), line(FY14, 200)]
    missing = rules.gate_missing(
        Proposal(), "delivered", lines=lines, budget_code_count=1, confirmed_years={FY13}
    )
    assert missing == ["finance's confirmation that the 2014/15 saving has left the budget"]


def test_weights_round_half_up_to_the_penny():
    assert rules.weighted(101, 50) == 51
    assert rules.weighted(100_000, 50) == 50_000
    assert rules.weighted(-101, 50) == -51


@given(st.integers(-(10**15), 10**15), st.integers(0, 100))
def test_weights_equal_decimal_half_up_rounding(pence, percent):
    from decimal import ROUND_HALF_UP, Decimal

    exact = (Decimal(pence) * percent / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    assert rules.weighted(pence, percent) == int(exact)


def test_commentary_is_required_for_amber_red_and_any_change():
    assert rules.commentary_required(rag="green", previous_rag=None) is None
    assert rules.commentary_required(rag="green", previous_rag="green") is None
    assert "Amber" in rules.commentary_required(rag="amber", previous_rag=None)
    assert "Red" in rules.commentary_required(rag="red", previous_rag="red")
    assert "changes" in rules.commentary_required(rag="green", previous_rag="amber")
