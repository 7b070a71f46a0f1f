"""Luton's illustrative 2014/15 simulator, as ``load_demo`` builds it."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from sightline.simulator.models import Simulation, Submission

pytestmark = pytest.mark.usefixtures("demo_data")


def test_luton_has_an_open_illustrative_simulator_generated_from_its_programme(db):
    simulation = Simulation.objects.get(council__short_code="lbc")
    assert simulation.is_open(timezone.localdate()) and simulation.illustrative
    assert str(simulation.fy) == "2014/15"
    assert simulation.gap_pence == 1_800_000_000  # £18.0m after the approved savings
    assert simulation.council_tax_pence == 5_350_000_000
    references = [o.reference for o in simulation.options.all()]
    assert "ER 01" in references and "ER 04" not in references  # ER 04 saves nothing
    assert not simulation.options.filter(proposal__exempt=True).exists()
    assert simulation.services.count() == 7
    assert simulation.submissions.count() == 24
    assert not simulation.submissions.filter(illustrative=False).exists()


def test_loading_the_demo_again_changes_nothing(db):
    before = (Simulation.objects.count(), Submission.objects.count())
    call_command("load_demo", verbosity=0)
    assert (Simulation.objects.count(), Submission.objects.count()) == before
