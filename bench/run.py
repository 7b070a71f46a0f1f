"""Every benchmark in turn, each printing its figures: `make bench`.

The databases are generated once under var/bench/ (seed 1) and kept; delete var/bench/ to
generate them again. With DATABASE_URL set, PostgreSQL databases sightline_bench_<scale>
on that server are used instead.
"""

from __future__ import annotations

import subprocess
import sys
import time

from _common import ROOT, machine

BENCHES = [
    ("pages", ["pages.py"]),
    ("monitoring report", ["report.py"]),
    ("import", ["imports.py"]),
    ("national", ["national.py"]),
    ("spreadsheet", ["spreadsheet.py"]),
    ("load", ["load.py"]),
    ("load on two servers", ["load.py", "--servers", "2", "--scales", "luton"]),
    ("load national", ["load.py", "--scales", "national"]),
]


def main() -> None:
    only = set(sys.argv[1:])
    print(f"# Sightline benchmarks\n\nMachine: {machine()}", flush=True)
    failed = []
    for name, argv in BENCHES:
        if only and name.split()[0] not in only:
            continue
        started = time.perf_counter()
        done = subprocess.run([sys.executable, str(ROOT / "bench" / argv[0]), *argv[1:]])  # noqa: S603
        print(f"({name}: {time.perf_counter() - started:.0f} s)", flush=True)
        if done.returncode != 0:
            failed.append(name)
    if failed:
        raise SystemExit(f"\nThese benchmarks failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
