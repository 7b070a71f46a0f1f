"""The tracker's traps found by trying it as a council would: a year that cannot be read, the
bundle page's download, Excel's reading of the CSV, the RAG sort and formulas in titles."""

import pytest

from sightline.core.fiscal import FinancialYear
from sightline.savings.tests.factories import BundleFactory, ProposalFactory, SavingLineFactory

FY13 = FinancialYear(2013)


@pytest.fixture
def two_bundles(council_a):
    ours, theirs = BundleFactory(council=council_a, name="Ours"), BundleFactory(council=council_a)
    for bundle, reference in ((ours, "OUR 1"), (theirs, "THEIR 1")):
        proposal = ProposalFactory(council=council_a, reference=reference, bundle=bundle)
        SavingLineFactory(proposal=proposal, fy=FY13, amount_pence=100_000)
    return ours


def test_a_year_that_cannot_be_read_is_said_so_and_no_figures_are_shown(as_vera, two_bundles):
    body = as_vera.get("/programme/tracker/?fy=2013/15").content.decode()
    assert "<title>Error: " in body
    assert "the second year must follow the first" in body
    assert "Correct the filters to see the proposals" in body and "OUR 1" not in body


def test_the_dashboard_says_when_its_year_cannot_be_read(as_vera, two_bundles):
    body = as_vera.get("/programme/?fy=2013/15").content.decode()
    assert "<title>Error: " in body and "the second year must follow the first" in body


def test_the_bundle_pages_csv_is_the_bundles_own(as_vera, two_bundles):
    body = as_vera.get(f"/programme/bundles/{two_bundles.pk}/?fy=2013/14").content.decode()
    link = f"?bundle={two_bundles.pk}&amp;fy=2013%2F14&amp;format=csv"
    assert link in body
    csv = as_vera.get(f"/programme/tracker/?bundle={two_bundles.pk}&fy=2013/14&format=csv")
    text = csv.content.decode("utf-8-sig")
    assert "OUR 1" in text and "THEIR 1" not in text


def test_the_csv_starts_with_a_byte_order_mark_so_excel_reads_the_pound_sign(as_vera, two_bundles):
    content = as_vera.get("/programme/tracker/?fy=2013/14&format=csv").content
    assert content.startswith("\ufeff".encode())
    assert "(£)" in content.decode("utf-8-sig")


def test_a_formula_typed_into_a_title_comes_out_inert_in_the_csv(as_vera, council_a):
    ProposalFactory(council=council_a, reference="=1+1", title='=HYPERLINK("http://x","y")')
    text = as_vera.get("/programme/tracker/?fy=2013/14&format=csv").content.decode("utf-8-sig")
    assert "'=1+1" in text and "'=HYPERLINK" in text


def test_sort_by_rag_puts_the_worst_first(as_alice, alice, council_a):
    import datetime

    from sightline.savings import services
    from sightline.savings.tests.factories import PeriodFactory

    period = PeriodFactory(council=council_a, month=datetime.date(2013, 6, 1))
    for reference, rag in (("A", "green"), ("B", "red"), ("C", "blue"), ("D", "amber")):
        proposal = ProposalFactory(council=council_a, reference=reference, stage="live")
        services.forecast_record(
            proposal=proposal,
            period=period,
            fy=FY13,
            forecast_pence=1,
            rag=rag,
            by=alice,
            commentary="Illustrative",
        )
    ProposalFactory(council=council_a, reference="E")
    rows = as_alice.get("/programme/tracker/?fy=2013/14&sort=rag").context["rows"]
    assert [p.reference for p in rows] == ["B", "D", "A", "C", "E"]
