"""The heat map: likelihood by impact, 5 x 5, with each cell's count of risks at their initial
and residual positions, readable without colour; a register that gives only scores, or only a
RAG, held as given and never placed with an invented likelihood or impact."""

import re

import pytest

from sightline.core.charts import HeatRisk, risk_heat_map
from sightline.core.charts.heatmap import band
from sightline.risks import selectors
from sightline.risks.models import Risk
from sightline.risks.tests.factories import RiskFactory


def _svg(risks):
    return str(risk_heat_map(title="Risks", risks=risks))


def test_each_cell_counts_the_risks_at_their_initial_and_residual_positions_in_words():
    svg = _svg(
        [
            HeatRisk("1", (4, 4), (2, 3)),
            HeatRisk("2", (4, 4), (2, 3)),
            HeatRisk("3", (5, 5), (3, 3)),
        ]
    )
    assert svg.count("Initial 2") == 1 and svg.count("Residual 2") == 1
    assert "Initial 1" in svg and "Residual 1" in svg
    assert "16 Extreme" in svg and "6 Moderate" in svg and "25 Extreme" in svg
    desc = re.search(r"<desc[^>]*>(.*)</desc>", svg).group(1)
    assert "Likelihood 4, impact 4, score 16 (extreme): initial 2 (1, 2)." in desc
    assert 'role="img"' in svg


def test_risks_given_only_scores_are_counted_by_score_and_never_placed():
    svg = _svg(
        [
            HeatRisk("1", initial_score=9, residual_score=6),
            HeatRisk("2", initial_score=9, residual_score=6),
        ]
    )
    assert "No risk here gives a likelihood and an impact" in svg
    assert "Scored without a likelihood and an impact (2 risks)" in svg
    assert "Initial 2" not in svg  # no cell of the grid holds them
    assert (
        "score 9 (high): initial 2 (1, 2)" in svg and "score 6 (moderate): residual 2 (1, 2)" in svg
    )


def test_risks_rated_by_rag_alone_are_counted_in_words():
    svg = _svg([HeatRisk("7")])
    assert "Rated by RAG alone, with no scores, so not on the map: 1 risk." in svg


def test_a_likelihood_or_impact_outside_1_to_5_is_refused():
    with pytest.raises(ValueError, match="from 1 to 5"):
        _svg([HeatRisk("1", (6, 1), (1, 1))])
    with pytest.raises(ValueError, match="from 1 to 25"):
        band(26)


def test_the_same_risks_draw_the_same_map():
    risks = [HeatRisk("1", (3, 3), (2, 2))]
    assert _svg(risks) == _svg(risks)


def test_the_selector_places_only_risks_with_both_likelihood_and_impact(council_a, alice):
    RiskFactory(council=council_a, number=1, initial_score=9, residual_score=6)
    RiskFactory(
        council=council_a, number=2, initial_likelihood=4, initial_impact=3, initial_score=12,
        residual_likelihood=2, residual_impact=3, residual_score=6,
    )  # fmt: skip
    risks = list(Risk.objects.filter(council=council_a).order_by("number"))
    heat = selectors.heat_risks(risks)
    assert heat[0].initial is None and heat[0].initial_score == 9
    assert heat[1].initial == (4, 3) and heat[1].residual == (2, 3)
    grid, scores, unrated = selectors.heat_cells(risks)
    assert [(c.likelihood, c.impact, [r.number for r in c.initial]) for c in grid] == [
        (4, 3, [2]),
        (2, 3, []),
    ]
    assert [
        (c.score, [r.number for r in c.initial], [r.number for r in c.residual]) for c in scores
    ] == [
        (9, [1], []),
        (6, [], [1]),
    ]
    assert unrated == []


def test_the_heat_map_page_shows_the_map_and_its_cells_as_tables(as_vera, council_a, council_b):
    RiskFactory(
        council=council_a, number=3, title="Staff performance", initial_score=9, residual_score=6
    )
    RiskFactory(
        council=council_a, number=4, title="Payroll", initial_likelihood=4, initial_impact=4,
        initial_score=16, residual_likelihood=2, residual_impact=3, residual_score=6,
        appetite_score=4,
    )  # fmt: skip
    RiskFactory(council=council_b, number=9, title="Brook's own")
    page = as_vera.get("/risks/heat-map/").content.decode()
    assert "<svg" in page and "Risk heat map" in page
    assert "4 x 4 = <strong>16</strong>" in page and "Above appetite" in page
    assert "16 Extreme" in page and "Risks given only a score" in page
    assert "Brook" not in page


def test_the_heat_map_makes_the_same_queries_for_few_risks_and_many(as_vera, council_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    RiskFactory.create_batch(3, council=council_a)
    as_vera.get("/risks/heat-map/")
    with CaptureQueriesContext(connection) as few:
        as_vera.get("/risks/heat-map/")
    RiskFactory.create_batch(30, council=council_a)
    with CaptureQueriesContext(connection) as many:
        as_vera.get("/risks/heat-map/")
    assert len(few.captured_queries) == len(many.captured_queries)


def test_the_heat_map_in_the_api(as_vera, council_a, public):
    RiskFactory(council=council_a, number=1, initial_score=8, residual_score=6)
    found = as_vera.get("/api/v1/risks/heat-map").json()
    assert found["grid"] == []
    assert found["scored_only"][0] == {
        "likelihood": None, "impact": None, "score": 8, "band": "High", "initial": [1],
        "residual": [],
    }  # fmt: skip
    assert public.get("/api/v1/risks/heat-map").status_code == 401
    assert as_vera.post("/risks/heat-map/").status_code == 405


def test_labels_are_escaped_in_the_svg():
    svg = _svg([HeatRisk("<b>1</b>", initial_score=9, residual_score=6)])
    assert "<b>" not in svg and "&lt;b&gt;1&lt;/b&gt;" in svg
