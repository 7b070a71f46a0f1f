"""Who may do what with the resident budget simulator: one named rule per action.

The programme office generates a simulation from the programme and the plan, publishes it,
closes it and sends its results to each proposal's consultation record; every member of the
council reads its results. Residents answer a published simulation while it is open, with no
login: that is not a member's rule but the simulation's own state
(``sightline.simulator.selectors.public_simulation``).
"""

from __future__ import annotations

from sightline.accounts.permissions import in_council, is_programme_office, rule

rule(
    "simulator.create_simulation",
    in_council & is_programme_office,
    action="generate a resident budget simulator",
    who="the programme office",
    noun="council",
)
rule(
    "simulator.manage_simulation",
    in_council & is_programme_office,
    action="publish, close or send the results of this simulation",
    who="the programme office",
    noun="simulation",
)
rule(
    "simulator.read_results",
    in_council,
    action="read this simulation's results",
    who="members of the council",
    noun="simulation",
)
