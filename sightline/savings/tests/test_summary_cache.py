"""The programme summary's cache: kept between requests, changed by any write at all.

These tests commit (``transaction=True``): the cache is not used inside a transaction, and on
PostgreSQL the triggers change the token as a transaction commits.
"""

import datetime
import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from sightline.accounts.models import Person
from sightline.accounts.tests.factories import CouncilFactory, PersonFactory
from sightline.core import backup
from sightline.core.fiscal import FinancialYear
from sightline.core.money import format_m
from sightline.savings import summary_cache
from sightline.savings.models import (
    BenefitConfirmation,
    Bundle,
    BundleTarget,
    Forecast,
    ProgrammeSettings,
    ProgrammeYear,
    Proposal,
    SavingLine,
    SummaryVersion,
)
from sightline.savings.selectors.summary import _programme_summary, programme_summary
from sightline.savings.tests.factories import (
    BundleFactory,
    BundleTargetFactory,
    PeriodFactory,
    ProgrammeYearFactory,
    ProposalFactory,
    SavingLineFactory,
)

FY13 = FinancialYear(2013)
committing = pytest.mark.django_db(transaction=True)


@pytest.fixture
def programme(council_a):
    """Two bundles' worth of proposals in council A, each with a line, a forecast and a
    confirmed benefit for 2013/14, and an exempt proposal led by nobody."""
    ProgrammeYearFactory(council=council_a, target_pence=1_000)
    ProgrammeSettings.objects.create(council=council_a)
    period = PeriodFactory(council=council_a, month=datetime.date(2013, 5, 1))
    bundle = BundleFactory(council=council_a)
    BundleTargetFactory(bundle=bundle, fy=FY13, target_pence=400)
    for i in range(4):
        p = ProposalFactory(council=council_a, bundle=bundle if i % 2 else None, stage="live")
        SavingLineFactory(proposal=p, fy=FY13, amount_pence=100)
        Forecast.objects.create(
            proposal=p, period=period, month=period.month, fy=FY13, forecast_pence=90, rag="amber"
        )
        BenefitConfirmation.objects.create(
            proposal=p, fy=FY13, amount_pence=10, confirmed_on=datetime.date(2013, 6, 1)
        )
    secret = ProposalFactory(council=council_a, exempt=True, exempt_paragraphs="3")
    SavingLineFactory(proposal=secret, fy=FY13, amount_pence=5_000)
    return council_a


def _token(council):
    return SummaryVersion.objects.get(council_id=council.pk).token


def _sql_tables(sql: str) -> set[str]:
    return set(re.findall(r'(?:FROM|JOIN)\s+"(\w+)"', sql))


@committing
def test_every_table_the_summary_reads_is_watched_by_a_trigger(programme, alice, colin):
    read = set()
    for membership in (alice.membership, colin.membership):  # colin's visibility joins people
        with CaptureQueriesContext(connection) as ctx:
            _programme_summary(membership=membership, fy=FY13)
        for query in ctx.captured_queries:
            read |= _sql_tables(query["sql"])
    assert "accounts_person" in read and "savings_savingline" in read
    assert read - {"accounts_council"} <= set(summary_cache.WATCHED)
    assert set(summary_cache.WATCHED) | {"accounts_council"} <= summary_cache.triggered_tables()


WRITES = {
    # table: how a test finds one of programme()'s rows
    "accounts_directorate": lambda c: Proposal.objects.filter(council=c)[0].directorate,
    "accounts_person": lambda c: PersonFactory(council=c),
    "savings_benefitconfirmation": lambda c: BenefitConfirmation.objects.filter(
        proposal__council=c
    )[0],
    "savings_bundle": lambda c: Bundle.objects.filter(council=c)[0],
    "savings_bundletarget": lambda c: BundleTarget.objects.filter(bundle__council=c)[0],
    "savings_forecast": lambda c: Forecast.objects.filter(proposal__council=c)[0],
    "savings_period": lambda c: c.periods.all()[0],
    "savings_programmesettings": lambda c: ProgrammeSettings.objects.get(council=c),
    "savings_programmeyear": lambda c: ProgrammeYear.objects.filter(council=c)[0],
    "savings_proposal": lambda c: Proposal.objects.filter(council=c)[0],
    "savings_savingline": lambda c: SavingLine.objects.filter(proposal__council=c)[0],
}


@committing
@pytest.mark.parametrize("table", sorted(summary_cache.WATCHED))
def test_an_update_by_any_route_changes_the_councils_token_and_no_other(
    programme, council_b, table
):
    row = WRITES[table](programme)
    assert row._meta.db_table == table
    other = _token(council_b)
    before = _token(programme)
    type(row).objects.filter(pk=row.pk).update(modified_at=row.modified_at)  # no signals
    after_update = _token(programme)
    assert after_update != before
    with connection.cursor() as cursor:  # raw SQL, past Django altogether
        cursor.execute(f'UPDATE "{table}" SET id = id WHERE id = %s', [row.pk])  # noqa: S608
    assert _token(programme) != after_update
    assert _token(council_b) == other


@committing
def test_inserts_and_deletes_change_the_token(programme):
    proposal = Proposal.objects.filter(council=programme)[0]
    before = _token(programme)
    line = SavingLineFactory(proposal=proposal, fy=FinancialYear(2014))
    inserted = _token(programme)
    assert inserted != before
    SavingLine.objects.filter(pk=line.pk).delete()
    assert _token(programme) != inserted
    deleted = _token(programme)
    SavingLine.objects.bulk_create([SavingLine(proposal=proposal, fy=FY13, amount_pence=1)])
    assert _token(programme) != deleted


@committing
def test_a_new_council_gets_a_token_and_a_transaction_changes_it_once_committed(db):
    council = CouncilFactory()
    first = _token(council)
    with transaction.atomic():
        ProgrammeYearFactory(council=council)
        ProgrammeYearFactory(council=council, fy=FinancialYear(2014))
    assert _token(council) != first


@committing
def test_the_dashboard_keeps_its_figures_until_a_line_changes_by_any_route(programme, as_alice):
    def planned(client):
        with CaptureQueriesContext(connection) as ctx:
            body = client.get("/programme/?fy=2013/14").content.decode()
        return re.search(r'id="figure-planned">([^<]+)<', body).group(1), len(ctx.captured_queries)

    computed, computing_queries = planned(as_alice)
    kept, kept_queries = planned(as_alice)
    assert kept == computed
    assert kept_queries < computing_queries
    SavingLine.objects.filter(proposal__council=programme).update(amount_pence=2_000_000)
    changed, queries = planned(as_alice)
    assert changed != computed
    assert changed == format_m(5 * 2_000_000)  # alice sees the exempt proposal's line too
    assert queries == computing_queries


@committing
def test_a_kept_summary_costs_the_same_queries_whatever_the_number_of_proposals(
    programme, as_alice
):
    def kept_queries():
        as_alice.get("/programme/?fy=2013/14")
        with CaptureQueriesContext(connection) as ctx:
            as_alice.get("/programme/?fy=2013/14")
        return len(ctx.captured_queries)

    small = kept_queries()
    for _ in range(20):
        SavingLineFactory(proposal=ProposalFactory(council=programme), fy=FY13)
    assert kept_queries() == small


@committing
def test_exempt_figures_kept_for_the_programme_office_never_reach_a_councillor(
    programme, alice, colin
):
    seen_by_alice = programme_summary(membership=alice.membership, fy=FY13)
    assert programme_summary(membership=alice.membership, fy=FY13).totals == seen_by_alice.totals
    seen_by_colin = programme_summary(membership=colin.membership, fy=FY13)
    assert seen_by_alice.totals.planned - seen_by_colin.totals.planned == 5_000


@committing
def test_a_lead_sees_their_exempt_proposal_once_linked_to_it(programme, colin):
    before = programme_summary(membership=colin.membership, fy=FY13).totals.planned
    person = Person.objects.get(user=colin)
    Proposal.objects.filter(council=programme, exempt=True).update(lead_officer=person)
    assert programme_summary(membership=colin.membership, fy=FY13).totals.planned == before + 5_000
    Person.objects.filter(pk=person.pk).update(user=None)  # the link is undone
    assert programme_summary(membership=colin.membership, fy=FY13).totals.planned == before


@committing
def test_figures_read_while_a_write_commits_are_not_kept(programme, alice):
    calls = []

    def compute():
        calls.append(1)
        if len(calls) == 1:  # another officer's edit commits while the summary is read
            SavingLine.objects.filter(proposal__council=programme).update(amount_pence=7)
        return _programme_summary(membership=alice.membership, fy=FY13)

    summary_cache.cached(alice.membership, FY13, compute)
    summary_cache.cached(alice.membership, FY13, compute)
    assert len(calls) == 2
    summary_cache.cached(alice.membership, FY13, compute)
    assert len(calls) == 2


@committing
def test_inside_a_transaction_the_summary_sees_its_own_writes(programme, alice):
    before = programme_summary(membership=alice.membership, fy=FY13).totals.planned
    with transaction.atomic():
        SavingLineFactory(
            proposal=Proposal.objects.filter(council=programme)[0], amount_pence=1, fy=FY13
        )
        assert programme_summary(membership=alice.membership, fy=FY13).totals.planned == (
            before + 1
        )


@committing
def test_the_setting_turns_the_cache_off(programme, alice, settings):
    settings.SIGHTLINE_SUMMARY_CACHE = False
    with CaptureQueriesContext(connection) as ctx:
        programme_summary(membership=alice.membership, fy=FY13)
    assert not any(summary_cache.TABLE in q["sql"] for q in ctx.captured_queries)


@committing
def test_a_restore_gives_the_restored_councils_new_tokens(programme, tmp_path):
    before = _token(programme)
    backup.backup(tmp_path / "b.jsonl.gz")
    backup.restore(tmp_path / "b.jsonl.gz", replace=True)
    assert _token(programme) != before


def test_the_triggers_are_written_for_both_engines():
    for vendor in ("sqlite", "postgresql"):
        install = summary_cache.install_sql(vendor, summary_cache.WATCHED)
        assert len(install) > len(summary_cache.WATCHED)
        assert summary_cache.drop_sql(vendor, summary_cache.WATCHED)
    with pytest.raises(NotImplementedError):
        summary_cache.install_sql("mysql", {})
