"""Importing a council's risk register as it has it: scored, score only, or rated Red, Amber
or Green each quarter, each held as given (never an invented likelihood or impact), through
the service a form uses."""

import datetime
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from sightline.accounts.tests.factories import DirectorateFactory, PersonFactory
from sightline.core.tables import ImportOptions, TableRefused, locate, read_bytes, read_path
from sightline.imports.risks import RISKS_IMPORTER as IMPORTER
from sightline.risks import rules
from sightline.risks.models import Risk, RiskRag
from sightline.risks.services_bulk import RiskRow, risks_save_many
from sightline.risks.tests.factories import RiskFactory

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def council(council_a):
    for name in ("Adult Social Care", "Children's Services"):
        DirectorateFactory(council=council_a, name=name)
    PersonFactory(council=council_a, name="Trevor Holden")
    return council_a


def table(source):
    grid = read_path(FIXTURES / source) if source.endswith(".csv") else read_bytes(source.encode())
    return locate(grid, IMPORTER.schema)


def imported(council, by, source, **options):
    return IMPORTER.save(
        council=council, by=by, table=table(source), options=ImportOptions(**options), reason=""
    )


def test_a_scored_register_is_imported_with_its_likelihoods_and_impacts(alice, council):
    preview = IMPORTER.preview(
        council=council,
        by=alice,
        table=table("corporate_risk_register.csv"),
        options=ImportOptions(),
    )
    assert preview.errors == []
    assert (
        "Risk references like CR07 are read as risk numbers (7) in the register."
        in preview.warnings
    )
    imported(council, alice, "corporate_risk_register.csv")
    risk = Risk.objects.get(council=council, number=1)
    assert (risk.initial_likelihood, risk.initial_impact, risk.initial_score) == (4, 5, 20)
    assert (risk.residual_score, risk.owner.name, risk.review_on) == (
        12,
        "Trevor Holden",
        datetime.date(2026, 6, 30),
    )
    assert risk.history.get().history_user == alice


def test_a_register_of_scores_alone_is_held_without_likelihood_or_impact(alice, council):
    imported(council, alice, "risk_register_scores_only.csv")
    risk = Risk.objects.get(council=council, number=7)
    assert (
        risk.initial_likelihood,
        risk.initial_impact,
        risk.initial_score,
        risk.residual_score,
    ) == (
        None,
        None,
        16,
        12,
    )


def test_a_register_of_rags_by_quarter_is_held_as_given_without_scores(alice, council):
    preview = IMPORTER.preview(
        council=council,
        by=alice,
        table=table("risk_register_rag_by_quarter.csv"),
        options=ImportOptions(),
    )
    assert preview.errors == []
    assert preview.warnings[0].startswith("3 risks are rated only Red, Amber or Green by quarter")
    imported(council, alice, "risk_register_rag_by_quarter.csv")
    risk = Risk.objects.get(council=council, number=2)
    assert (risk.initial_score, risk.residual_score, risk.initial_likelihood) == (None, None, None)
    assert risk.directorate.name == "Children's Services"  # "Children’s Services" in the file
    assert [(r.label, r.rag) for r in risk.rags.all()] == [
        ("Q1 2025/26", "red"),
        ("Q2 2025/26", "amber"),
        ("Q3 2025/26", "amber"),
    ]
    assert RiskRag.objects.filter(risk__number=3).count() == 2  # "-" is no rating that quarter
    again = IMPORTER.preview(
        council=council,
        by=alice,
        table=table("risk_register_rag_by_quarter.csv"),
        options=ImportOptions(),
    )
    assert (len(again.created), len(again.changed), again.unchanged) == (0, 0, 3)


def test_a_rag_only_risk_shows_on_its_page_and_in_the_register(alice, council):
    imported(council, alice, "risk_register_rag_by_quarter.csv")
    client = Client()
    client.force_login(alice)
    risk = Risk.objects.get(council=council, number=1)
    page = client.get(f"/risks/{risk.pk}/").content.decode()
    assert (
        "RAG by quarter" in page
        and "Q2 2025/26" in page
        and "it has no likelihood and impact scores" in page
    )
    register = client.get("/risks/").content.decode()
    assert "Rated by RAG" in register and "Not scored" in register


def test_a_wrong_rag_or_score_is_refused_naming_its_row_and_column(alice, council):
    text = "No,Risk,Q1 2025/26,Initial score,Residual score\n1,One,Purple,,\n2,Two,,9,12\n"
    preview = IMPORTER.preview(
        council=council, by=alice, table=table(text), options=ImportOptions()
    )
    assert preview.errors[0] == (
        "Row 2, Q1 2025/26: 'Purple' is not Red, Amber or Green (use amber, green, red)."
    )
    assert preview.errors[1].startswith("Row 3, residual_score: The residual score 12 is higher")


def test_the_scoring_rule_holds_a_risk_without_scores_only_when_it_is_rated_by_rag():
    blank = dict.fromkeys(
        [
            "initial_likelihood",
            "initial_impact",
            "initial_score",
            "residual_likelihood",
            "residual_impact",
            "residual_score",
        ]
    )
    assert rules.score_errors(**blank, rag_only=True) == ({}, None, None)
    errors, _, _ = rules.score_errors(**blank)
    assert errors == {
        "initial_score": "Enter the initial score, or its likelihood and impact",
        "residual_score": "Enter the residual score, or its likelihood and impact",
    }


def test_the_database_holds_both_scores_or_neither(council):
    risk = RiskFactory(council=council, number=9, initial_score=9, residual_score=6)
    risk.residual_score = None
    with pytest.raises(ValidationError, match="risk_scored_or_rated_by_rag"):
        risk.full_clean()


def test_only_the_programme_office_imports_a_register(dan, council):
    with pytest.raises(PermissionDenied, match="You cannot import a risk register"):
        risks_save_many(council=council, by=dan, rows=[RiskRow(2, 1)])


def test_the_same_number_twice_is_refused(alice, council):
    rows = [RiskRow(2, 1, {"title": "One", "initial_score": 4, "residual_score": 2})] * 2
    with pytest.raises(TableRefused, match="Row 2, number: risk 1 is also on row 2."):
        risks_save_many(council=council, by=alice, rows=rows)
