"""Realistic, deterministic data at scale for the benchmarks and reliability tests.

``sightline generate --scale luton|county|national [--seed N]`` calls :func:`generate`. The
same seed always gives the same records (names, amounts, stages, forecasts, reports): every
council draws from its own ``random.Random`` seeded with the seed and the council's code,
never from the global generator. Only the stamps (``created_at``, ``modified_at``) and the
password hashes differ between runs.

Records are written with ``bulk_create`` in batches, inside one transaction per council, so
django-simple-history's signals do not fire. The history the monitoring report reads back
(proposals, savings lines, forecasts, bundles and directorates) is written in bulk too, dated
before the month it belongs to, so a generated closed period's report can be produced again
from history exactly, as for a real one. Other records (indicators, actuals, targets, people,
plans, risks) have no history rows: acceptable for generated data.

It sits in ``sightline.demo``, above the domain apps: it writes their tables in bulk, as a
fixture would, and the apps never import it. ``docs/adr/0003-generated-data.md`` says why it
does not go through the services one record at a time, and ``test_generate.py`` checks that
what it writes passes the services' rules.
"""

from sightline.demo.scale.council import generate_council
from sightline.demo.scale.national import council_plan, generate, tracker_rows, write_tracker_csv
from sightline.demo.scale.profiles import COUNTY, LUTON, NATIONAL_COUNTY, SCALES, Profile
from sightline.demo.scale.programme import _line_counts

__all__ = [
    "COUNTY",
    "LUTON",
    "NATIONAL_COUNTY",
    "SCALES",
    "Profile",
    "_line_counts",
    "council_plan",
    "generate",
    "generate_council",
    "tracker_rows",
    "write_tracker_csv",
]
