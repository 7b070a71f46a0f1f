"""Who may open each set-up page, for every kind of record: anyone signed out is sent to sign
in; another council's record is a 404; a form page its reader may not submit is a 403 in the
rule's words, with no form; a method a page does not take is a 405."""

import pytest
from django.utils.html import escape

from sightline.accounts.permissions import refusal
from sightline.accounts.tests.factories import (
    DirectorateFactory,
    PersonFactory,
    PortfolioFactory,
    ServiceAreaFactory,
)
from sightline.savings.tests.factories import BudgetCodeFactory, BundleFactory, SavingsTypeFactory
from sightline.setup.kinds import KINDS

FORM = '<form method="post" novalidate>'

MAKE = {
    "directorates": lambda c: DirectorateFactory(council=c),
    "service-areas": lambda c: ServiceAreaFactory(directorate=DirectorateFactory(council=c)),
    "people": lambda c: PersonFactory(council=c),
    "portfolios": lambda c: PortfolioFactory(council=c),
    "savings-types": lambda c: SavingsTypeFactory(council=c),
    "bundles": lambda c: BundleFactory(council=c),
    "budget-codes": lambda c: BudgetCodeFactory(council=c),
}


def test_every_kind_has_its_pages_tested():
    assert set(MAKE) == set(KINDS)


@pytest.fixture(params=sorted(KINDS))
def slug(request):
    return request.param


def test_anyone_signed_out_is_sent_to_sign_in(public, council_a, slug):
    record = MAKE[slug](council_a)
    for path in ("", "new/", f"{record.pk}/", f"{record.pk}/edit/", f"{record.pk}/retire/"):
        response = public.get(f"/setup/{slug}/{path}")
        assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_another_councils_record_is_a_404(as_bob, council_a, slug):
    record = MAKE[slug](council_a)
    for path in (f"{record.pk}/", f"{record.pk}/edit/", f"{record.pk}/retire/"):
        assert as_bob.get(f"/setup/{slug}/{path}").status_code == 404
    for path in (f"{record.pk}/edit/", f"{record.pk}/retire/"):
        assert as_bob.post(f"/setup/{slug}/{path}", {"name": "x"}).status_code == 404


def test_a_viewer_reads_but_is_refused_every_form_in_the_rules_words(
    as_vera, vera, council_a, slug
):
    record = MAKE[slug](council_a)
    kind = KINDS[slug]
    listing = as_vera.get(f"/setup/{slug}/").content.decode()
    assert f'href="/setup/{slug}/{record.pk}/"' in listing and "Add a" not in listing
    page = as_vera.get(f"/setup/{slug}/{record.pk}/").content.decode()
    assert "Change the" not in page and "Retire the" not in page and 'id="history"' in page
    words = escape(refusal(vera, kind.rule, record))
    for path in ("new/", f"{record.pk}/edit/", f"{record.pk}/retire/"):
        for response in (
            as_vera.get(f"/setup/{slug}/{path}"),
            as_vera.post(f"/setup/{slug}/{path}", {"name": "x", "reason": "x"}),
        ):
            body = response.content.decode()
            assert response.status_code == 403 and words in body and FORM not in body
    assert type(record).objects.get(pk=record.pk).version == 1


def test_a_method_a_page_does_not_take_is_a_405(as_alice, council_a, slug):
    record = MAKE[slug](council_a)
    assert as_alice.post(f"/setup/{slug}/").status_code == 405
    assert as_alice.post(f"/setup/{slug}/{record.pk}/").status_code == 405
    for path in ("new/", f"{record.pk}/edit/", f"{record.pk}/retire/"):
        assert as_alice.put(f"/setup/{slug}/{path}").status_code == 405


def test_a_kind_that_does_not_exist_is_a_404(as_alice):
    assert as_alice.get("/setup/nothings/").status_code == 404


def test_the_refusals_say_who_may(vera, council_a):
    code = BudgetCodeFactory(council=council_a)
    assert refusal(vera, "savings.change_budget_code", code) == (
        "You cannot change a budget code: only the programme office or finance can, and your "
        "role is viewer."
    )
    assert refusal(vera, "accounts.change_reference_data", code) == (
        "You cannot change reference data: only programme office can, and your role is viewer."
    )


def _queries(client, path: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured.captured_queries)


def test_a_list_makes_the_same_queries_for_few_records_and_many(as_alice, council_a, slug):
    for _ in range(2):
        MAKE[slug](council_a)
    as_alice.get(f"/setup/{slug}/")
    few = _queries(as_alice, f"/setup/{slug}/")
    for _ in range(10):
        MAKE[slug](council_a)
    assert _queries(as_alice, f"/setup/{slug}/") == few
