"""Confirming an import saves every row or none, through the bulk service, and then deletes
the kept file; discarding deletes it without saving anything."""

from sightline.core.fiscal import FinancialYear
from sightline.imports.models import Upload
from sightline.imports.selectors import upload_path
from sightline.imports.tests.conftest import upload
from sightline.savings import selectors
from sightline.savings.models import Proposal


def test_confirming_saves_the_proposals_and_deletes_the_file(
    as_alice, alice, council, django_capture_on_commit_callbacks
):
    stored = upload(council, alice)
    path = upload_path(stored)
    with django_capture_on_commit_callbacks(execute=True):
        response = as_alice.post(f"/imports/{stored.pk}/confirm/")
    assert response.status_code == 302 and response["Location"] == f"/imports/{stored.pk}/"
    assert set(Proposal.objects.filter(council=council).values_list("reference", flat=True)) == {
        "ASC01",
        "PL01",
    }
    summary = selectors.programme_summary(membership=alice.membership, fy=FinancialYear(2026))
    assert summary.totals.planned == 188_756_700
    stored.refresh_from_db()
    assert stored.status == Upload.Status.IMPORTED and stored.summary["created"] == 2
    assert not path.exists()
    page = as_alice.get(response["Location"]).content.decode()
    assert "Imported savings.csv: 2 new proposals, 0 changed and 0 unchanged." in page
    assert "2 new, 0 changed, 0 unchanged" in page


def test_a_file_that_no_longer_imports_is_refused_whole_and_kept(as_alice, alice, council):
    stored = upload(
        council, alice, "Ref,Title,Savings type,Directorate,2026/27\nA,One,Efficiency,Nowhere,5\n"
    )
    response = as_alice.post(f"/imports/{stored.pk}/confirm/", follow=True)
    assert (
        "Nothing was imported: the file has 1 problem, listed below." in response.content.decode()
    )
    assert not Proposal.objects.exists()
    stored.refresh_from_db()
    assert stored.status == Upload.Status.WAITING and upload_path(stored).exists()


def test_an_upload_is_imported_once(as_alice, alice, council):
    stored = upload(council, alice)
    as_alice.post(f"/imports/{stored.pk}/confirm/")
    response = as_alice.post(f"/imports/{stored.pk}/confirm/", follow=True)
    assert "was already imported: upload it again to import it again." in response.content.decode()


def test_discarding_deletes_the_file_and_saves_nothing(
    as_alice, alice, council, django_capture_on_commit_callbacks
):
    stored = upload(council, alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = as_alice.post(f"/imports/{stored.pk}/discard/")
    assert response.status_code == 302 and response["Location"] == "/imports/"
    stored.refresh_from_db()
    assert stored.status == Upload.Status.DISCARDED
    assert not upload_path(stored).exists() and not Proposal.objects.exists()


def test_other_councils_anonymous_wrong_role_and_wrong_method(
    public, as_alice, as_dan, alice, council, brook_office, council_b
):
    theirs = upload(council_b, brook_office)
    ours = upload(council, alice)
    for action in ("confirm", "discard"):
        assert as_alice.post(f"/imports/{theirs.pk}/{action}/").status_code == 404
        assert public.post(f"/imports/{ours.pk}/{action}/").status_code == 302
        refused = as_dan.post(f"/imports/{ours.pk}/{action}/")
        assert refused.status_code == 403
        assert "only programme office can, and your role is director" in refused.content.decode()
        assert as_alice.get(f"/imports/{ours.pk}/{action}/").status_code == 405
    assert not Proposal.objects.exists()
