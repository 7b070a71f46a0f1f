"""The demo's financial plan, from Luton Borough Council's documents: the Corporate Plan's
tables exactly, on the page and in the API; the strategy's funding facts and cycle; the
Executive report's £48 million and £850k; an illustrative base scenario."""

import re

import pytest
from django.test import Client

from sightline.demo.sources import CORPORATE_PLAN, EXECUTIVE_REPORT, LUTON_TOGETHER
from sightline.finance.models import BudgetNote, Milestone, Scenario


@pytest.fixture
def viewer(demo_data, db, settings):
    client = Client()
    assert client.login(username="viewer", password=settings.DEMO_PASSWORD)
    return client


def _cells(body: str, row_id: str) -> list[str]:
    row = re.search(rf'<tr class="govuk-table__row" id="{row_id}">(.*?)</tr>', body, re.S)
    return re.findall(r"(£[\d,.]+m|-£[\d,.]+m)", row.group(1))


def test_the_revenue_table_gives_the_corporate_plans_figures_exactly(viewer):
    body = viewer.get("/finance/budget/").content.decode()
    assert _cells(body, "service-expenditure") == ["£495.48m", "£518.07m"]
    assert _cells(body, "revenue-total") == ["£499.78m", "£480.08m"]
    assert "2010/11<br>outturn" in body and "2011/12<br>budget" in body
    assert "£19.70m less</strong> than 2010/11 (outturn)" in body


def test_the_revenue_api_gives_the_same_figures_and_worked_out_shares(viewer):
    body = viewer.get("/api/v1/finance/revenue").json()
    assert body["columns"] == [
        {"financial_year": "2010/11", "measure": "outturn"},
        {"financial_year": "2011/12", "measure": "budget"},
    ]
    assert body["service_expenditure"] == ["495480000.00", "518070000.00"]
    assert body["total"] == ["499780000.00", "480080000.00"]
    shares = {row["name"]: row["shares"][1] for row in body["services"]}
    assert shares == {
        "Education and children's services": "49.5",
        "Housing services": "20.5",
        "Adult social care": "13.9",
        "Cultural, environment and planning services": "8.0",
        "Highways, roads and transport services": "3.9",
        "Central services": "4.1",
        "Other costs": "0.1",
    }
    assert [row["name"] for row in body["other"]] == ["Capital financing"]
    assert body["other"][0]["amounts"] == ["4300000.00", "-37990000.00"]


def test_the_footnotes_exceptional_entries_are_notes_with_their_amounts(demo_data, db):
    notes = {
        n.label: n.amount_pence
        for n in BudgetNote.objects.filter(line__isnull=False, source=CORPORATE_PLAN)
    }
    assert notes == {
        "A": 4_090_000_000,
        "B": 132_000_000,
        "C": -64_000_000,
        "D": -183_000_000,
        "E": -3_975_000_000,
    }
    assert sum(notes.values()) == 0  # E is the contra balance of A to D
    footnote = BudgetNote.objects.get(label="1")
    assert footnote.amount_pence == 3_975_000_000 and footnote.line is None


def test_capital_expenditure_equals_its_financing_on_the_page_and_in_the_api(viewer):
    body = viewer.get("/finance/budget/").content.decode()
    assert "£156.86m" in re.search(r'id="capital-spending-total">(.*?)</tr>', body, re.S).group(1)
    assert "£156.86m" in re.search(r'id="capital-financing-total">(.*?)</tr>', body, re.S).group(1)
    assert "Balanced" in body and "does not balance" not in body
    api = viewer.get("/api/v1/finance/capital").json()
    assert api["spending_total"] == api["financing_total"] == ["156860000.00"]
    assert api["balanced"] is True
    assert len(api["spending"]) == 10 and len(api["financing"]) == 7


def test_the_base_scenario_is_illustrative_and_its_gap_is_the_strategys_targets(viewer):
    base = Scenario.objects.get(council__short_code="lbc", is_base=True)
    assert base.illustrative and "Illustrative demo data" in base.description
    gap = viewer.get("/api/v1/finance/gap").json()
    assert [y["savings_required"] for y in gap["gap"]] == [
        "18000000.00",
        "18000000.00",
        "14000000.00",
    ]
    assert [y["target"] for y in gap["gap"]] == ["18000000.00", "18000000.00", "14000000.00"]
    body = viewer.get("/finance/").content.decode()
    assert "Illustrative" in body and 'id="required-2014">£18.00m<' in body


def test_the_strategys_grant_cut_is_the_sensitivity_tables_largest_fall(viewer):
    base = Scenario.objects.get(council__short_code="lbc", is_base=True)
    body = viewer.get(f"/finance/scenarios/{base.pk}/").content.decode()
    assert "revenue support grant in 2014/15, -£11.30m (-17.7%)</strong> on the year before" in body


def test_the_scenarios_compare_side_by_side(viewer):
    body = viewer.get("/api/v1/finance/scenarios").json()["items"]
    totals = {s["name"]: s["totals"]["required"] for s in body}
    assert totals == {
        "Base": "50000000.00",
        "Pessimistic": "57250000.00",
        "Optimistic": "46960000.00",
    }
    assert all(s["illustrative"] for s in body)


def test_the_strategys_funding_facts_and_the_executive_reports_figures_are_notes(viewer):
    sources = dict(BudgetNote.objects.filter(line__isnull=True).values_list("text", "source"))
    facts = {text: source for text, source in sources.items()}
    assert any("65% of its income from Whitehall" in t for t in facts)
    assert any("£48 million" in t and s == EXECUTIVE_REPORT for t, s in facts.items())
    assert any("further £850k" in t and s == EXECUTIVE_REPORT for t, s in facts.items())
    assert any("17.7 per cent" in t and s == LUTON_TOGETHER for t, s in facts.items())
    body = viewer.get("/finance/").content.decode()
    assert "£11.30m" in body and "£48.00m" in body and "65% of its income" in body


def test_the_strategys_cycle_for_2013_14_runs_march_to_march(viewer):
    milestones = list(Milestone.objects.filter(council__short_code="lbc").order_by("starts_on"))
    assert len(milestones) == 13
    assert milestones[0].name == "Initial strategy to Executive"
    assert (milestones[0].starts_on.isoformat(), milestones[-1].due_on.isoformat()) == (
        "2013-03-01",
        "2014-03-31",
    )
    body = viewer.get("/programme/?fy=2013/14").content.decode()
    assert "Budget cycle 2013/14</strong>, as it stood on 31 March 2014" in body
    assert "Due next: <strong>Cycle repeats for 2015/16</strong>" in body


def test_the_plan_downloads_as_a_pdf_with_the_corporate_plans_figures(viewer, tmp_path):
    import shutil
    import subprocess

    response = viewer.get("/finance/plan.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    path = tmp_path / "plan.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for figure in ("£518.07m", "£495.48m", "£480.08m", "£499.78m", "£156.86m", "£18.00m"):
        assert figure in text


def test_loading_the_demo_again_writes_nothing_to_the_plan(demo_data, db):
    from django.apps import apps
    from django.core.management import call_command

    models = [m for m in apps.get_app_config("finance").get_models() if hasattr(m, "history")]
    before = {m: m.history.count() for m in models}
    call_command("load_demo", verbosity=0)
    assert {m: m.history.count() for m in models} == before


def test_the_plan_is_written_by_the_demo_finance_login_citing_documents_by_title(demo_data, db):
    from django.apps import apps

    seed = re.compile(r"seeds? ?0[0-9]{2}", re.IGNORECASE)
    for model in apps.get_app_config("finance").get_models():
        if not hasattr(model, "history"):
            continue
        assert not model.objects.filter(created_by__isnull=True).exists(), model
        assert set(model.objects.values_list("created_by__username", flat=True)) <= {"finance"}
        for reason in model.history.values_list("history_change_reason", flat=True):
            assert not seed.search(reason or ""), reason
