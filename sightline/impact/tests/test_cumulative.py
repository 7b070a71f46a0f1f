"""The cumulative impact of a package: for a year (or the whole programme), each protected
characteristic's negative impacts with the proposals and the money behind them; on the page,
in the API and in the downloads (formula injection neutralised); an exempt proposal never
counted for those not entitled."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from sightline.impact import services
from sightline.impact.tests.conftest import FY21
from sightline.impact.tests.test_assessment import NEGATIVE, _impacts
from sightline.savings.tests.factories import ProposalFactory, SavingLineFactory


def _assess(proposal, by, **overrides):
    services.assessment_save(
        proposal=proposal, by=by, impacts=_impacts(**overrides), summary="", sign_off_officer=None
    )


@pytest.fixture
def package(alice, proposal, exempt, council_a):
    """Three proposals with a negative impact on women on the staff: the lead's, another, and
    the exempt one; and one with a negative impact on disabled residents."""
    _assess(proposal, alice, **NEGATIVE)
    _assess(exempt, alice, **NEGATIVE)
    second = ProposalFactory(council=council_a, reference="SAV 2", title="=HYPERLINK(1)")
    SavingLineFactory(proposal=second, fy=FY21, amount_pence=10_000_000)
    _assess(second, alice, **NEGATIVE)
    third = ProposalFactory(council=council_a, reference="SAV 3", title="Day centres")
    SavingLineFactory(proposal=third, fy=FY21, amount_pence=20_000_000)
    _assess(
        third,
        alice,
        residents_disability={
            "impact": "negative",
            "evidence": "Day centre users",
            "mitigation": "@SUM(1)",
        },
    )
    return {"second": second, "third": third}


def test_the_cumulative_view_lists_each_characteristics_negative_proposals_and_money(
    as_alice, package
):
    page = as_alice.get("/impact/cumulative/?fy=2021/22").content.decode()
    staff_sex = page.split('id="cell-staff-sex"')[1].split("</td>")[0]
    assert "3 proposals, £953,000" in staff_sex
    assert "SAV / RES 002 / 21-22" in staff_sex and "EX 1" in staff_sex and "SAV 2" in staff_sex
    disability = page.split('id="cell-residents-disability"')[1].split("</td>")[0]
    assert "1 proposal, £200,000" in disability and "SAV 3" in disability
    assert "No negative impact" in page.split('id="cell-residents-age"')[1].split("</td>")[0]


def test_an_exempt_proposal_is_never_counted_for_those_not_entitled(as_vera, package):
    page = as_vera.get("/impact/cumulative/?fy=2021/22").content.decode()
    assert "EX 1" not in page and "2 proposals, £653,000" in page
    csv_text = as_vera.get("/impact/cumulative/csv/?fy=2021/22").content.decode()
    assert "EX 1" not in csv_text
    api = as_vera.get("/api/v1/equality/cumulative?fy=2021/22").json()
    sex = next(c for c in api["characteristics"] if c["characteristic"] == "sex")
    assert sex["staff"]["negative"] == 2 and sex["staff"]["negative_saving"] == "653000.00"


def test_the_whole_programme_counts_every_years_savings(as_alice, package, proposal):
    SavingLineFactory(proposal=proposal, fy=FY21.next(), amount_pence=1_000_000)
    page = as_alice.get("/impact/cumulative/?fy=all").content.decode()
    assert "3 proposals, £963,000" in page


def test_a_year_that_cannot_be_read_is_said_so(as_alice, package):
    page = as_alice.get("/impact/cumulative/?fy=nonsense").content.decode()
    assert "govuk-error-summary" in page and "Financial year:" in page


def test_the_csv_neutralises_formulas_and_starts_with_a_byte_order_mark(as_alice, package):
    response = as_alice.get("/impact/cumulative/csv/?fy=2021/22")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[1][:4] == ["Protected characteristic", "Residents or staff", "Impact", "Reference"]
    titles = [row[4] for row in rows[2:]]
    assert "'=HYPERLINK(1)" in titles and "=HYPERLINK(1)" not in titles
    assert "'@SUM(1)" in [row[8] for row in rows[2:]]


def test_the_xlsx_holds_the_same_rows_and_totals(as_alice, package):
    response = as_alice.get("/impact/cumulative/xlsx/?fy=2021/22")
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book["Negative impacts"].iter_rows(values_only=True))
    assert len(rows) == 2 + 4 and "'=HYPERLINK(1)" in [r[4] for r in rows]
    totals = {(r[0], r[1]): r[3] for r in book["By characteristic"].iter_rows(values_only=True)}
    assert totals[("Sex", "Staff")] == 953000


def test_the_page_makes_the_same_queries_for_few_proposals_and_many(as_alice, alice, council_a):
    def add(n):
        for i in range(n):
            p = ProposalFactory(council=council_a)
            SavingLineFactory(proposal=p, fy=FY21, amount_pence=100_000 + i)
            _assess(p, alice, **NEGATIVE)

    add(2)
    as_alice.get("/impact/cumulative/?fy=2021/22")
    with CaptureQueriesContext(connection) as few:
        as_alice.get("/impact/cumulative/?fy=2021/22")
    add(12)
    with CaptureQueriesContext(connection) as many:
        as_alice.get("/impact/cumulative/?fy=2021/22")
    assert len(few.captured_queries) == len(many.captured_queries)


def test_the_cumulative_pages_are_read_by_members_only(public, as_bob, package):
    assert public.get("/impact/cumulative/").status_code == 302
    assert "SAV 3" not in as_bob.get("/impact/cumulative/?fy=2021/22").content.decode()
    assert public.get("/api/v1/equality/cumulative").status_code == 401
