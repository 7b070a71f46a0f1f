"""The demo's public pages: Luton Borough Council publishes its approved savings, totals and
gap; Tower Hamlets' exempt draft savings proposal is in no public page, file or API answer,
and not in a Tower Hamlets viewer's programme either."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from sightline.performance.models import Indicator
from sightline.public.models import ExemptTotals, PublicSettings
from sightline.savings.models import Proposal

pytestmark = pytest.mark.django_db

REFERENCE = "SAV / RES 002 / 21-22"
TITLE = "Reorganisation of Executive Support"


def test_luton_publishes_its_savings_totals_gap_and_some_indicators(demo_data):
    luton = PublicSettings.objects.get(council__short_code="lbc")
    assert luton.published and luton.publish_risk_summary
    assert Indicator.objects.filter(council=luton.council, public=True).count() == 6
    public = Client()
    home = public.get("/c/lbc/").content.decode()
    assert "£5,743,000" in home  # the approved savings in 2013/14
    assert "£18,000,000" in home  # the savings the plan needs that year
    csv = public.get("/c/lbc/data/savings-2013-14.csv").content.decode("utf-8-sig")
    assert csv.count("\r\n") == 10  # the header and nine approved savings
    assert "CEX 01," in csv


def test_the_exempt_tower_hamlets_proposal_reaches_neither_the_public_nor_a_viewer(demo_data):
    settings = PublicSettings.objects.get(council__short_code="lbth")
    assert settings.published and settings.exempt_totals == ExemptTotals.ONE_LINE
    proposal = Proposal.objects.get(reference=REFERENCE)
    assert proposal.exempt and proposal.exempt_until is None
    public = Client()
    listed = public.get("/api/v1/public/lbth/tables").json()["tables"]
    urls = ["/c/lbth/", "/c/lbth/plan/", "/c/lbth/indicators/", "/c/lbth/data/"]
    urls += [t["csv"] for t in listed] + [t["json"] for t in listed]
    urls += [f"/api/v1/public/lbth/tables/{t['table']}" for t in listed]
    viewer = Client()
    viewer.force_login(get_user_model().objects.get(username="th_viewer"))
    for client in (public, viewer):
        for url in urls:
            text = client.get(url).content.decode("utf-8-sig")
            assert REFERENCE not in text and TITLE not in text, url
    assert viewer.get(f"/programme/proposals/{proposal.pk}/").status_code == 404
    assert TITLE not in viewer.get("/programme/tracker/").content.decode()
    assert REFERENCE not in viewer.get("/api/v1/proposals").content.decode()
