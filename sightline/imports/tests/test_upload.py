"""The upload page: say what the file is, upload it, and be taken to its preview; a file
that cannot be read is refused there, and not kept."""

import io

from sightline.imports.models import Upload
from sightline.imports.tests.conftest import TRACKER

URL = "/imports/"


def test_the_programme_office_sees_every_kind_and_its_templates(as_alice, council):
    page = as_alice.get(URL)
    assert page.status_code == 200
    text = page.content.decode()
    for title in (
        "Savings tracker",
        "Budget codes",
        "Indicators, targets and actuals",
        "Risk register",
    ):
        assert title in text
    assert "/imports/templates/tracker/csv/" in text and "/imports/templates/risks/xlsx/" in text


def test_an_upload_is_kept_for_its_preview_in_the_councils_own_folder(
    as_alice, alice, council, kept_files
):
    file = io.BytesIO(TRACKER.encode())
    file.name = "Appendix B.csv"
    response = as_alice.post(URL, {"kind": "tracker", "file": file, "units": "", "signs": ""})
    upload = Upload.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/imports/{upload.pk}/"
    assert (upload.council, upload.kind, upload.filename, upload.created_by) == (
        council,
        "tracker",
        "Appendix B.csv",
        alice,
    )
    path = kept_files / str(council.pk) / upload.stored_as
    assert path.read_bytes() == TRACKER.encode()
    assert path.stat().st_mode & 0o777 == 0o600
    assert upload.stored_as != "Appendix B.csv"


def test_a_file_that_cannot_be_read_is_refused_on_the_form_and_not_kept(
    as_alice, council, kept_files
):
    file = io.BytesIO(b"%PDF-1.7 committee paper")
    file.name = "paper.csv"
    response = as_alice.post(URL, {"kind": "tracker", "file": file})
    assert response.status_code == 200
    assert "paper.csv is a PDF document, not a table Sightline reads." in response.content.decode()
    assert not Upload.objects.exists()
    assert not kept_files.exists() or not any(kept_files.rglob("*.*"))


def test_an_oversized_file_is_refused_on_the_form(as_alice, council, settings):
    settings.SIGHTLINE_IMPORT_MAX_BYTES = 100
    file = io.BytesIO(TRACKER.encode())
    file.name = "savings.csv"
    response = as_alice.post(URL, {"kind": "tracker", "file": file})
    assert "a file may be at most 100 bytes" in response.content.decode()
    assert not Upload.objects.exists()


def test_finance_is_offered_only_the_budget_codes(as_fiona, council):
    text = as_fiona.get(URL).content.decode()
    assert "Budget codes" in text and "Savings tracker" not in text
    file = io.BytesIO(TRACKER.encode())
    file.name = "savings.csv"
    response = as_fiona.post(URL, {"kind": "tracker", "file": file})
    assert response.status_code == 200  # not a choice finance is given
    assert not Upload.objects.exists()


def test_anonymous_is_sent_to_sign_in(public):
    response = public.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_a_role_that_may_import_nothing_is_refused_in_the_rules_words(as_vera, council):
    response = as_vera.get(URL)
    assert response.status_code == 403
    assert (
        "You cannot import savings proposals: only programme office can, and your role is viewer."
        in response.content.decode()
    )
    assert as_vera.post(URL, {"kind": "tracker"}).status_code == 403


def test_the_page_takes_only_get_and_post(as_alice, council):
    assert as_alice.put(URL).status_code == 405


def test_the_page_asks_the_same_queries_however_many_uploads_it_lists(
    as_alice, alice, council, django_assert_max_num_queries
):
    from sightline.imports.tests.conftest import upload

    upload(council, alice)
    with django_assert_max_num_queries(20) as few:
        as_alice.get(URL)
    for _ in range(8):
        upload(council, alice)
    with django_assert_max_num_queries(len(few.captured_queries)):
        as_alice.get(URL)


def test_a_form_without_a_kind_or_a_file_says_what_is_missing(as_alice, council):
    text = as_alice.post(URL, {}).content.decode()
    assert "Select what the file is" in text and "Choose the file to upload" in text
