"""The preview: what an upload would do, before anything is saved; how it was read; every
problem by row and column; and the columns the reader could not place, for the user to map
(remembered for the council's next import of the kind)."""

from sightline.imports.models import ColumnMapping
from sightline.imports.tests.conftest import upload
from sightline.savings.models import Proposal


def test_the_preview_shows_the_totals_the_warnings_and_what_will_be_created(
    as_alice, alice, council
):
    stored = upload(council, alice)
    page = as_alice.get(f"/imports/{stored.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Check what this import will do" in text
    assert "£1,887,567" in text and "£900,000" in text
    assert "2 new, 0 changed, 0 unchanged" in text
    assert "are read in thousands of pounds (£&#x27;000)" in text
    assert "Row 5 (&#x27;Total&#x27;) is a total: left out." in text
    assert 'id="confirm"' in text
    assert not Proposal.objects.exists()


def test_problems_are_listed_by_row_and_column_and_nothing_can_be_imported(
    as_alice, alice, council
):
    stored = upload(
        council,
        alice,
        "Ref,Title,Savings type,Directorate,2026/27\nA,One,Efficiency,Nowhere,£1.2.3\n",
    )
    text = as_alice.get(f"/imports/{stored.pk}/").content.decode()
    assert "Nothing can be imported from this file yet" in text
    assert '<td class="govuk-table__cell">2</td><td class="govuk-table__cell">2026/27</td>' in text
    assert "&#x27;Nowhere&#x27; is not one of your council&#x27;s directorates" in text
    assert 'id="confirm"' not in text


def test_a_column_the_reader_cannot_place_is_mapped_and_remembered(as_alice, alice, council):
    text = "Ref,Scheme,Savings type,Directorate,2026/27\nA,One,Efficiency,Place,5\n"
    stored = upload(council, alice, text)
    page = as_alice.get(f"/imports/{stored.pk}/").content.decode()
    assert 'name="column_1"' in page and "Column B: Scheme" in page
    response = as_alice.post(f"/imports/{stored.pk}/", {"column_1": "title"})
    assert response.status_code == 302
    assert ColumnMapping.objects.get(council=council, kind="tracker").field == "title"
    again = upload(council, alice, text)
    page = as_alice.get(f"/imports/{again.pk}/").content.decode()
    assert "Column B (&#x27;Scheme&#x27;) is read as Title, as chosen at an earlier import." in page
    assert "1 new, 0 changed" in page


def test_the_options_read_the_table_again(as_alice, alice, council):
    stored = upload(
        council, alice, "Ref,Title,Savings type,Directorate,2026/27\nA,One,Efficiency,Place,5\n"
    )
    as_alice.post(f"/imports/{stored.pk}/", {"units": "thousands"})
    assert "£5,000" in as_alice.get(f"/imports/{stored.pk}/").content.decode()


def test_another_councils_upload_is_not_found(as_alice, council, brook_office, council_b):
    stored = upload(council_b, brook_office)
    assert as_alice.get(f"/imports/{stored.pk}/").status_code == 404
    assert as_alice.post(f"/imports/{stored.pk}/", {}).status_code == 404


def test_anonymous_and_the_wrong_role_are_refused(public, as_eve, alice, council):
    stored = upload(council, alice)
    assert public.get(f"/imports/{stored.pk}/").status_code == 302
    response = as_eve.get(f"/imports/{stored.pk}/")
    assert response.status_code == 403
    assert (
        "You cannot import savings proposals: only programme office can"
        in response.content.decode()
    )


def test_the_preview_takes_only_get_and_post(as_alice, alice, council):
    stored = upload(council, alice)
    assert as_alice.delete(f"/imports/{stored.pk}/").status_code == 405
