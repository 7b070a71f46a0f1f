"""Records the savings API's test modules share."""

import pytest

from sightline.accounts.tests.factories import DirectorateFactory
from sightline.savings.tests.factories import ProposalFactory, SavingsTypeFactory


@pytest.fixture
def led_by_eve(council_a, eve):
    """A proposal in council A whose lead officer is Eve (an editor)."""
    return ProposalFactory(council=council_a, title="Old title", lead_officer=eve.person)


@pytest.fixture
def form(council_a):
    """The ids a new proposal of council A needs."""
    return {
        "reference": "SAV / RES 002 / 21-22",
        "title": "Revenues and benefits restructure",
        "savings_type": SavingsTypeFactory(council=council_a).pk,
        "directorate": DirectorateFactory(council=council_a, name="Resources").pk,
    }
