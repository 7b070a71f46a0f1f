"""Council A's proposals for the impact tests: one in Dan's directorate led by Eve (its
editors: Alice, Dan and Eve), and an exempt one Vera and Colin may not read."""

import datetime

import pytest
from django.test import Client

from sightline.accounts.models import Role
from sightline.accounts.tests.factories import DirectorateFactory, member
from sightline.core.fiscal import FinancialYear
from sightline.savings.tests.factories import ProposalFactory, SavingLineFactory

FY21 = FinancialYear(2021)


@pytest.fixture
def proposal(council_a, dan, eve):
    p = ProposalFactory(
        council=council_a,
        reference="SAV / RES 002 / 21-22",
        title="Reorganisation of Executive Support – Phase 2",
        directorate=dan.membership.directorate,
        lead_officer=eve.person,
        implementation_on=datetime.date(2021, 4, 1),
    )
    SavingLineFactory(proposal=p, fy=FY21, amount_pence=55_300_000)
    return p


@pytest.fixture
def exempt(council_a):
    p = ProposalFactory(
        council=council_a,
        reference="EX 1",
        title="An exempt restructure",
        directorate=DirectorateFactory(council=council_a),
        exempt=True,
        exempt_paragraphs="1, 4",
        implementation_on=datetime.date(2021, 4, 1),
    )
    SavingLineFactory(proposal=p, fy=FY21, amount_pence=30_000_000)
    return p


@pytest.fixture
def sandra(council_a):
    """Sandra, the equality and diversity policy manager: a viewer, named to sign off and
    clear."""
    return member(council_a, Role.VIEWER, username="sandra")


@pytest.fixture
def as_sandra(sandra):
    client = Client()
    client.force_login(sandra)
    return client
