"""The scrutiny report's data for Luton's demo: the questions, call-ins and RAG changes."""

from __future__ import annotations

import datetime

import pytest

from sightline.accounts.models import Council
from sightline.savings.models import Period, Proposal
from sightline.scrutiny.selectors import red_months, scrutiny_for_report


@pytest.fixture
def luton(demo_data, db):
    return Council.objects.get(name__startswith="Luton")


def test_cl01_has_been_red_for_three_months(luton):
    assert red_months(Proposal.objects.get(council=luton, reference="CL 01")) == 3
    assert red_months(Proposal.objects.get(council=luton, reference="ER 03")) == 2


def test_the_march_report_has_the_demo_questions_call_in_and_rag_changes(luton):
    march = Period.objects.get(council=luton, month=datetime.date(2014, 3, 1))
    report = scrutiny_for_report(council=luton, period=march)
    assert len(report.questions) == 3
    answered = [q for q in report.questions if q.answer]
    assert len(answered) == 1 and answered[0].record.startswith("CL 01")
    assert answered[0].answered_by and answered[0].asked_by
    assert len(report.call_ins) == 1
    assert report.call_ins[0].grounds.startswith("Rated Red for 3 months running.")
    assert report.call_ins[0].response


def test_the_february_report_shows_each_downgrade_with_its_arrow_and_reason(luton):
    february = Period.objects.get(council=luton, month=datetime.date(2014, 2, 1))
    report = scrutiny_for_report(council=luton, period=february)
    changes = {c.record.split(" ")[0] + " " + c.record.split(" ")[1]: c for c in report.rag_changes}
    # January to February in the demo: ER 02 Green to Amber, ER 03 Amber to Red, CL 06 Green
    # to Amber, and CEX 01 Green to Blue (delivered).
    assert changes["ER 03"].before == "Amber" and changes["ER 03"].after == "Red"
    assert changes["ER 03"].arrow == "↓" and changes["ER 03"].direction == "worse"
    assert changes["ER 03"].reason
    assert changes["CEX 01"].arrow == "↑"
    assert "CL 01" not in changes  # Red both months: no change
    assert report.questions == [] and report.call_ins == []
