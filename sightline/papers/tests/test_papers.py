"""The committee papers, built for the demo councils: the Executive report's figures, the same
content in PDF and Word, PDF/UA tagging, A4 Word with navigable headings, exempt proposals
marked or left out, and a closed month's paper the same whenever it is produced."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sightline.accounts.models import Directorate, Membership
from sightline.core.fiscal import FinancialYear
from sightline.papers import documents
from sightline.papers.tests.helpers import (
    docx_document,
    docx_headings,
    docx_text,
    fold,
    pdf_objects,
    pdf_pages,
    pdf_text,
)
from sightline.plans.models import ServicePlan
from sightline.savings.models import Period, Proposal

pytestmark = pytest.mark.django_db

CEX = "Chief Executive's Department"


def _client(username: str, settings) -> Client:
    client = Client()
    assert client.login(username=username, password=settings.DEMO_PASSWORD)
    return client


def _membership(username: str) -> Membership:
    return Membership.objects.select_related("council", "user").get(user__username=username)


def _cex(membership: Membership) -> Directorate:
    return Directorate.objects.get(council=membership.council, name=CEX)


def _closed_period(membership: Membership) -> Period:
    return (
        Period.objects.filter(council=membership.council, status=Period.Status.CLOSED)
        .order_by("-month")
        .first()
    )


def _papers(demo_data) -> dict[str, documents.Paper]:
    office = _membership("programme_office")
    sefton = Membership.objects.select_related("council").filter(
        council__name__icontains="Sefton", role="programme_office"
    )[0]
    tower_hamlets = _membership("th_programme_office")
    return {
        "executive": documents.executive_paper(
            membership=office, directorate=_cex(office), fy=None, edition=documents.FULL
        ),
        "proposal": documents.proposal_paper(
            membership=tower_hamlets,
            proposal=Proposal.objects.get(
                council=tower_hamlets.council, reference__contains="RES 002"
            ),
            edition=documents.FULL,
        ),
        "monitoring": documents.monitoring_paper(
            membership=office, period=_closed_period(office), edition=documents.FULL
        ),
        "plan": documents.plan_paper(
            membership=sefton, plan=ServicePlan.objects.filter(council=sefton.council).first()
        ),
        "performance": documents.performance_paper(
            membership=office, fy=FinancialYear(2013), quarter=2
        ),
        "risks": documents.risks_paper(membership=office),
    }


# --- the Executive report --------------------------------------------------------------------


def test_the_executive_report_for_the_chief_executives_department_gives_the_reports_figures(
    demo_data, settings
):
    client = _client("programme_office", settings)
    office = _membership("programme_office")
    url = reverse("papers:executive", args=[_cex(office).pk, "full", "pdf"])
    pdf = client.get(url, {"fy": "2013/14"})
    word = client.get(url.replace(".pdf", ".docx"), {"fy": "2013/14"})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert word.status_code == 200
    for text in (pdf_text(pdf.content), docx_text(word.content)):
        assert "The voluntary separation of two employees from 31/3/13 £92k" in text
        assert "The deletion of part time vacancies £24.5k" in text
        assert "Base budget reductions £83.5k" in text
        assert "TOTAL £200k" in text
        assert "2013/14 £200k 2014/15 £490k 2015/16 £160k" in text
        assert "Executive, 4 March 2013, agenda item 8" in text
        # The implications table, with each clearance's officer and date.
        assert "Brenda Vale, 7 February 2013" in text
        assert "Chimeme Egbutah, Advanced Health Improvement Specialist, 6 February 2013" in text


def test_the_executive_reports_headings_follow_the_luton_report(demo_data):
    office = _membership("programme_office")
    paper = documents.executive_paper(
        membership=office, directorate=_cex(office), fy=None, edition=documents.FULL
    )
    assert paper.headings() == [
        "Chief Executive's Department: Budget Reductions 2013/14",
        "Recommendations",
        "Background",
        "The current position",
        "Goals and objectives",
        "Proposal",
        "Key risks",
        "Consultations",
        "Appendices attached",
        "Background papers",
        "Implications",
    ]
    labels = [label for label, _ in paper.fields]
    assert labels[:3] == ["Meeting", "Meeting date", "Report of"]
    assert dict(paper.fields)["Meeting date"] == "4 March 2013"


def test_the_executive_report_names_every_lead_member_as_the_luton_report_does(demo_data, settings):
    # Luton's report: "Lead Executive Member(s): Cllr Simmons and Cllr Harris". Cllr Simmons
    # leads the savings; Cllr Harris holds the department's portfolio.
    office = _membership("programme_office")
    paper = documents.executive_paper(
        membership=office, directorate=_cex(office), fy=None, edition=documents.FULL
    )
    assert dict(paper.fields)["Lead Executive Member(s)"] == "Cllr Simmons and Cllr Harris"
    client = _client("programme_office", settings)
    url = reverse("papers:executive", args=[_cex(office).pk, "full", "pdf"])
    pdf = pdf_text(client.get(url, {"fy": "2013/14"}).content)
    word = docx_text(client.get(url.replace(".pdf", ".docx"), {"fy": "2013/14"}).content)
    for text in (pdf, word):
        assert "Lead Executive Member(s) Cllr Simmons and Cllr Harris" in text
        assert "TOTAL £200k" in text
        assert "2013/14 £200k 2014/15 £490k 2015/16 £160k" in text


# --- exempt information -----------------------------------------------------------------------


def test_an_exempt_saving_is_marked_for_the_entitled_and_left_out_of_the_public_version(
    demo_data, settings
):
    office = _membership("programme_office")
    Proposal.objects.filter(council=office.council, reference="CEX 02").update(
        exempt=True, exempt_paragraphs="3"
    )
    url = reverse("papers:executive", args=[_cex(office).pk, "full", "docx"])
    full = docx_text(_client("programme_office", settings).get(url).content)
    assert (
        "The deletion of part time vacancies (Not for publication: Schedule 12A, paragraph 3)"
        in full
    )
    assert "TOTAL £200k" in full
    public_url = url.replace("/full.", "/public.")
    for username in ("programme_office", "councillor"):
        public = docx_text(_client(username, settings).get(public_url).content)
        assert "part time vacancies" not in public
        assert "£24.5k" not in public
        assert "TOTAL £175.5k" in public
        assert "Not for publication" not in public
    # A councillor not entitled to exempt information may not have the full version.
    assert _client("councillor", settings).get(url).status_code == 403


def test_the_public_monitoring_report_leaves_exempt_savings_out_of_its_totals(demo_data):
    office = _membership("programme_office")
    period = _closed_period(office)
    row = next(r for r in period.report["rows"] if r["fy"] == period.report["financial_year"])
    period.report["rows"] = [
        {**r, "exempt": True} if r["proposal_id"] == row["proposal_id"] else r
        for r in period.report["rows"]
    ]
    Proposal.objects.filter(pk=row["proposal_id"]).update(exempt=True, exempt_paragraphs="1, 4")
    full = documents.monitoring_paper(membership=office, period=period, edition=documents.FULL)
    public = documents.monitoring_paper(membership=office, period=period, edition=documents.PUBLIC)
    full_text, public_text = docx_text(full.docx()), docx_text(public.docx())
    assert (
        f"{row['reference']} {row['title']} Not for publication (Schedule 12A, paragraph 1, 4)"
        in full_text
    )
    assert row["title"] not in public_text
    assert "Not for publication" not in public_text


# --- the same content in PDF and Word --------------------------------------------------------


def test_every_paper_has_the_same_headings_and_figures_in_pdf_and_word(demo_data):
    for name, paper in _papers(demo_data).items():
        pdf, word = pdf_text(paper.pdf()), docx_text(paper.docx())
        assert docx_headings(paper.docx()) == paper.headings(), name
        for heading in paper.headings():
            assert fold(heading) in pdf, (name, heading)
        for block in paper.blocks:
            if isinstance(block, documents.Table):
                for row in [*block.rows, *([block.total] if block.total else [])]:
                    for column in block.numeric:
                        figure = row[column]
                        assert figure in pdf and figure in word, (name, figure)


# --- PDF/UA and Word --------------------------------------------------------------------------


def test_every_pdf_is_tagged_with_its_language_title_headings_and_table_headers(demo_data):
    for name, paper in _papers(demo_data).items():
        objects = pdf_objects(paper.pdf())
        assert b"/StructTreeRoot" in objects, name
        assert b"/Marked true" in objects, name
        assert b"/Lang (en-GB)" in objects, name
        assert b"pdfuaid:part>1<" in objects or b'pdfuaid:part="1"' in objects, name
        assert paper.title.encode() in objects or b"<dc:title>" in objects, name
        assert b"/S /H1" in objects and b"/S /H2" in objects, name
        assert b"/S /TH" in objects, name


def test_the_monitoring_reports_pdf_is_tagged_and_its_word_is_a4_with_the_variance(
    demo_data, settings
):
    client = _client("programme_office", settings)
    period = _closed_period(_membership("programme_office"))
    pdf = client.get(reverse("reports:monitoring_document", args=[period.pk, "pdf"]))
    objects = pdf_objects(pdf.content)
    assert b"/StructTreeRoot" in objects and b"/Marked true" in objects
    assert b"/Lang (en-GB)" in objects and b"/S /TH" in objects
    word = client.get(reverse("reports:monitoring_document", args=[period.pk, "docx"]))
    document = docx_document(word.content)
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (29.7, 21.0)
    header = [c.text for c in document.tables[0].rows[0].cells]
    assert header == [
        "Proposal", "Bundle", "Year", "Planned", "Forecast", "Variance", "RAG", "Commentary"
    ]  # fmt: skip
    text, pdf_words = docx_text(word.content), pdf_text(pdf.content)
    for row in period.report["rows"][:5]:
        from sightline.core.money import format_pounds

        variance = format_pounds(row["variance_pence"])
        assert variance in text and variance in pdf_words
    from sightline.reports.documents import monitoring_lines

    _, totals = monitoring_lines(period.report)
    assert totals
    for sentence in totals:
        assert sentence in text and sentence in pdf_words


def test_every_word_paper_is_a4_with_heading_styles_and_repeated_header_rows(demo_data):
    for name, paper in _papers(demo_data).items():
        document = docx_document(paper.docx())
        section = document.sections[0]
        size = sorted([round(section.page_width.cm, 1), round(section.page_height.cm, 1)])
        assert size == [21.0, 29.7], name
        styles = {p.style.name for p in document.paragraphs}
        assert {"Heading 1", "Heading 2"} <= styles, name
        headed = [t for t in document.tables if t.rows[0]._tr.trPr is not None]
        assert headed, name
        assert all("w:tblHeader" in t.rows[0]._tr.trPr.xml for t in headed), name
        assert document.core_properties.title == paper.title


# --- a closed month's paper is the same whenever it is produced -------------------------------


def test_a_closed_months_paper_is_identical_whenever_it_is_produced(demo_data, time_machine):
    office = _membership("programme_office")
    period = _closed_period(office)
    first = documents.monitoring_paper(membership=office, period=period).pdf()
    caches["papers"].clear()
    time_machine.move_to("2031-06-01 12:00")
    second = documents.monitoring_paper(membership=office, period=period).pdf()
    assert first == second
    word = documents.monitoring_paper(membership=office, period=period).docx()
    time_machine.move_to("2032-01-01 12:00")
    assert docx_text(word) == docx_text(
        documents.monitoring_paper(membership=office, period=period).docx()
    )
    closed = timezone.localtime(period.closed_at)
    assert b"/CreationDate (D:" + f"{closed:%Y%m%d}".encode() in pdf_objects(first)


def test_a_closed_months_papers_download_as_the_same_bytes_each_time(
    demo_data, settings, time_machine
):
    import datetime
    import io
    import zipfile

    client = _client("programme_office", settings)
    period = _closed_period(_membership("programme_office"))
    urls = [
        reverse("papers:period", args=[period.pk, edition, fmt])
        for edition in documents.EDITIONS
        for fmt in ("pdf", "docx")
    ] + [reverse("reports:monitoring_document", args=[period.pk, kind]) for kind in ("pdf", "docx")]
    first = {url: client.get(url).content for url in urls}
    caches["papers"].clear()
    # An hour and a half later (the session still alive): the zip parts would be stamped anew.
    time_machine.move_to(timezone.now() + datetime.timedelta(minutes=90))
    for url in urls:
        assert client.get(url).content == first[url], url
    closed = timezone.localtime(period.closed_at).date()
    for url in (u for u in urls if u.endswith(".docx")):
        with zipfile.ZipFile(io.BytesIO(first[url])) as word:
            stamps = {item.date_time for item in word.infolist()}
        assert stamps == {(closed.year, closed.month, closed.day, 0, 0, 0)}, url


# --- a county's month: the exceptions in the paper, every line in the spreadsheet -------------


def test_past_the_limit_the_monitoring_paper_lists_the_exceptions_and_names_its_appendix(
    demo_data, monkeypatch
):
    from sightline.core.money import format_pounds
    from sightline.papers.documents import monitoring

    office = _membership("programme_office")
    period = _closed_period(office)
    rows = period.report["rows"]
    assert len(rows) > 1
    listed = documents.monitoring_paper(membership=office, period=period)
    assert "Every saving, with its forecast" in [
        b.caption for b in listed.blocks if isinstance(b, documents.Table)
    ]
    monkeypatch.setattr(monitoring, "EVERY_SAVING_LIMIT", 1)
    paper = documents.monitoring_paper(membership=office, period=period)
    captions = [b.caption for b in paper.blocks if isinstance(b, documents.Table)]
    assert "Every saving, with its forecast" not in captions
    text = docx_text(paper.docx())
    assert (
        f"Appendix: every saving this month ({len(rows)} lines), with its planned and forecast "
        f"saving, variance, RAG and commentary, is in the spreadsheet “{office.council.name}: "
        f"savings monitoring report, {period}” (Excel)"
    ) in text
    assert "Every saving this month" in paper.headings()
    exceptions = [r for r in rows if r["rag"] in ("red", "amber")]
    if exceptions:
        caption = "Red and Amber savings, with commentary"
        table = next(b for b in paper.blocks if getattr(b, "caption", "") == caption)
        saving = [row[0].split("\n")[0] for row in table.rows]
        assert saving == [f"{r['reference']} {r['title']}" for r in exceptions]
        for r in exceptions:
            assert format_pounds(r["variance_pence"]) in text


def test_the_largest_changes_of_forecast_are_listed_and_the_rest_counted(monkeypatch):
    from sightline.papers.documents import monitoring
    from sightline.papers.documents.monitoring import _movements

    def moved(ref, change, old_rag="green", rag="green", kind="moved"):
        return {
            "reference": ref, "fy": "2025/26", "change": kind, "old_rag": old_rag, "rag": rag,
            "forecast_change_pence": change,
        }  # fmt: skip

    moves = [
        moved("A 1", -500),
        moved("A 2", 90_000),
        moved("A 3", 100, old_rag="green", rag="red"),
        moved("A 4", -70_000),
        moved("A 5", 0, old_rag=None, kind="new"),
        moved("A 6", 2_000),
    ]
    monkeypatch.setattr(monitoring, "FORECAST_CHANGES_LISTED", 2)
    listed, rest = _movements(moves)
    # Every change of RAG and new saving, and the two largest changes of forecast, in order.
    assert [m["reference"] for m in listed] == ["A 2", "A 3", "A 4", "A 5"]
    assert [m["reference"] for m in rest] == ["A 1", "A 6"]


def test_past_the_limit_the_reports_pdf_lists_the_red_and_amber_lines(
    demo_data, settings, monkeypatch
):
    from sightline.papers.documents import monitoring

    client = _client("programme_office", settings)
    period = _closed_period(_membership("programme_office"))
    rows = period.report["rows"]
    monkeypatch.setattr(monitoring, "EVERY_SAVING_LIMIT", 1)
    url = reverse("reports:monitoring_document", args=[period.pk, "pdf"])
    pdf = pdf_text(client.get(url).content)
    red_amber = [r for r in rows if r["rag"] in ("red", "amber")]
    assert (
        f"The Red and Amber savings: {len(red_amber)} of the month's {len(rows)} lines. Every "
        "line is in this report's Excel download."
    ) in pdf
    shown = {r["reference"] for r in red_amber}
    for r in rows:
        assert (f"{r['reference']} " in pdf) is (r["reference"] in shown), r["reference"]


def test_the_monitoring_report_has_a_scrutiny_section_when_scrutiny_is_recorded(demo_data):
    import importlib.util

    office = _membership("programme_office")
    paper = documents.monitoring_paper(membership=office, period=_closed_period(office))
    has_scrutiny = importlib.util.find_spec("sightline.scrutiny.selectors") is not None
    assert ("Scrutiny" in paper.headings()) is has_scrutiny
    if has_scrutiny:
        assert {"Questions", "Call-ins", "RAG and risk changes"} <= set(paper.headings())


def test_a_heading_and_its_tables_caption_stay_on_the_page_of_the_tables_first_row(demo_data):
    """The Red and Amber exceptions' heading and caption are not left at the foot of a page
    with their table's first row (a tall one, never split) on the next."""
    office = _membership("programme_office")
    paper = documents.monitoring_paper(
        membership=office, period=_closed_period(office), edition=documents.FULL
    )
    pages = pdf_pages(paper.pdf())
    [on] = [i for i, page in enumerate(pages) if "Red and Amber savings, with commentary" in page]
    first = next(r for r in _closed_period(office).report["rows"] if r["rag"] in ("red", "amber"))
    assert "Red and Amber exceptions" in pages[on]
    assert first["reference"] in pages[on]
