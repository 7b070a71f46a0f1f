"""Hypothesis settings for the property tests, and the access matrix's world of records.

The ``ci`` profile (the default) is derandomised, so a run is the same on every machine and
never flakes; ``HYPOTHESIS_PROFILE=deep`` tries many more examples when hunting for bugs
(the seed still fixed, so a failure it finds can be run again)."""

import os

from hypothesis import HealthCheck, Phase, settings

from tests.access.conftest import world  # noqa: F401  (the module-scoped records)

_COMMON = {
    "derandomize": True,
    "deadline": None,
    "database": None,
    "print_blob": True,
    # Shrinking a failing post takes minutes (every step is a request): the failure is
    # reported as found, with the body that was posted.
    "phases": [Phase.explicit, Phase.reuse, Phase.generate],
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
settings.register_profile("ci", max_examples=6, **_COMMON)
settings.register_profile("deep", max_examples=60, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
