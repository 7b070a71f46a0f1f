"""The set-up index: what the council is set up with, counted, and what is still missing."""

from sightline.accounts.tests.factories import DirectorateFactory
from sightline.savings.tests.factories import BudgetCodeFactory, SavingsTypeFactory


def test_a_new_council_is_told_what_is_missing(as_alice, council_a):
    page = as_alice.get("/setup/").content.decode()
    assert "No budget codes yet: proposals cannot pass their first gate." in page
    assert "No directorates yet" in page and "0 budget codes" in page
    assert 'href="/programme/targets/"' in page and 'href="/setup/logins/"' in page


def test_the_index_counts_the_councils_own_records(as_alice, council_a, council_b):
    DirectorateFactory.create_batch(2, council=council_a)
    DirectorateFactory(council=council_a, disabled_on="2026-01-01")
    DirectorateFactory(council=council_b)
    BudgetCodeFactory(council=council_a)
    SavingsTypeFactory(council=council_a)
    page = as_alice.get("/setup/").content.decode()
    assert "2 directorates (1 retired)" in page and "1 budget code<" in page
    assert "No budget codes yet" not in page and "No directorates yet" not in page


def test_every_member_reads_it_but_only_the_programme_office_opens_the_logins(as_vera):
    page = as_vera.get("/setup/").content.decode()
    assert "Budget codes and their budgets" in page and 'href="/setup/logins/"' not in page


def test_signed_out_wrong_method(public, as_alice):
    assert public.get("/setup/")["Location"].startswith("/login/")
    assert as_alice.post("/setup/").status_code == 405
