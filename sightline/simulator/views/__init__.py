"""The simulator's pages: the programme office's (``/simulator/``) and the residents'
(``/c/<council>/budget-simulator/``, no login)."""

from sightline.simulator.views.public import public_home, simulate, thanks
from sightline.simulator.views.staff import (
    simulation_action,
    simulation_create,
    simulation_detail,
    simulation_list,
    simulation_results_csv,
)

__all__ = [
    "public_home",
    "simulate",
    "simulation_action",
    "simulation_create",
    "simulation_detail",
    "simulation_list",
    "simulation_results_csv",
    "thanks",
]
