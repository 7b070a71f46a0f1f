"""The includes other pages carry: the impact panel on a proposal's page and the collective
consultation warning on the dashboard; and the impact overview page."""

from django.template import Context, Template

from sightline.impact import services
from sightline.impact.tests.test_screening import ANSWERS

PANEL = Template("{% load impact %}{% impact_panel proposal %}")


def test_the_panel_links_each_part_and_says_why_approval_waits(vera, eve, proposal):
    services.screening_save(proposal=proposal, by=eve, answers=ANSWERS, profile=[])
    html = PANEL.render(Context({"user": vera, "proposal": proposal}))
    assert "Full equality assessment required" in html
    assert f"/impact/proposals/{proposal.pk}/implications/" in html
    assert "This proposal cannot be approved" in html and "Not written" in html


def test_the_panel_is_empty_for_someone_signed_out(proposal):
    from django.contrib.auth.models import AnonymousUser

    assert "impact-panel" not in PANEL.render(
        Context({"user": AnonymousUser(), "proposal": proposal})
    )


def test_the_overview_page_gathers_everything_and_links_to_the_register(
    as_vera, eve, proposal, council_a, alice
):
    from sightline.risks.services import risk_links_set
    from sightline.risks.tests.factories import RiskFactory

    risk = RiskFactory(council=council_a, number=3, title="Staff performance")
    risk_links_set(by=alice, risk=risk, proposals=[proposal], bundles=[])
    services.screening_save(proposal=proposal, by=eve, answers=ANSWERS, profile=[])
    page = as_vera.get(f"/impact/proposals/{proposal.pk}/").content.decode()
    assert "Full equality assessment required" in page
    assert "Risk 3: Staff performance" in page and "No consultation recorded yet." in page
    assert as_vera.get("/impact/").status_code == 200
    assert proposal.reference in as_vera.get("/impact/").content.decode()
