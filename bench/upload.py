"""The time and peak memory of importing a 10,000-row savings table through the upload
page's services, on SQLite: the upload (the file read and checked), the preview (every row
read and checked by the bulk service's rules, nothing saved) and the save. Targets: under
10 s each. Not a timed test: a measurement to read.

    .venv/bin/python bench/upload.py [--rows 10000] [--years 3] [--workbook]
    BENCH_TRACEMALLOC=1 .venv/bin/python bench/upload.py   # Python's peak too (slower)

The table has the shape councils publish: a column per financial year in £'000, savings in
brackets, and a subtotal row after each directorate's proposals. Each step runs in a fresh
process of its own database, so one step's memory is not counted in the next's.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIRECTORATES = ["Adult Social Care", "Children's Services", "Place", "Resources", "Public Health"]
PER_DIRECTORATE = 50  # proposals between subtotal rows


def published_table(rows: int, years: int) -> str:
    """``rows`` proposals, a column per year in £'000, brackets, a subtotal every 50."""
    out = io.StringIO()
    writer = csv.writer(out)
    labels = [f"{2026 + i}/{(27 + i) % 100:02d}" for i in range(years)]
    writer.writerow(["Appendix B: Savings proposals (£'000)"])
    writer.writerow(["Ref", "Directorate", "Description", "Savings type", *labels, "Total"])
    since = [0] * years
    for n in range(1, rows + 1):
        directorate = DIRECTORATES[(n - 1) // PER_DIRECTORATE % len(DIRECTORATES)]
        amounts = [(n * 7 + i * 13) % 900 + 10 for i in range(years)]
        since = [a + b for a, b in zip(since, amounts, strict=True)]
        writer.writerow(
            [f"SAV{n:05d}", directorate, f"Saving number {n}", "Efficiency"]
            + [f"({a:,})" for a in amounts]
            + [f"({sum(amounts):,})"]
        )
        if n % PER_DIRECTORATE == 0:
            writer.writerow(
                ["", f"{directorate} total", "", ""] + [f"({a:,})" for a in since] + [""]
            )
            since = [0] * years
    return out.getvalue()


def as_workbook(text: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Savings")
    for row in csv.reader(io.StringIO(text)):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def environment(work: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)  # SQLite only
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="0",
        SECRET_KEY="benchmarks-only-not-a-secret",
        SECURE="0",
        LOG_LEVEL="WARNING",
        SQLITE_PATH=str(work / "bench.sqlite3"),
        SIGHTLINE_IMPORTS_DIR=str(work / "uploads"),
        PYTHONPATH=str(ROOT),
    )
    return env


def step(name: str, env: dict[str, str], *args: str) -> dict:
    """Run one step in a process of its own; its measurements come back as JSON."""
    done = subprocess.run(  # noqa: S603 - this same script, with arguments it made
        [sys.executable, __file__, "--step", name, *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        sys.exit(f"{name} failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- the steps, each in its own process -----------------------------------------------------


def _django():
    import django

    django.setup()


def _setup() -> dict:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from sightline.accounts.models import Council, Role
    from sightline.accounts.tests.factories import DirectorateFactory, member
    from sightline.savings import services

    council = Council.objects.create(name="Benchmark Borough Council", short_code="bench")
    services.savings_types_ensure_defaults(council=council)
    for name in DIRECTORATES:
        DirectorateFactory(council=council, name=name)
    member(council, Role.PROGRAMME_OFFICE, username="bench_office")
    return {}


def _measure(work):
    """Time ``work()`` and the process's peak memory (its resident set, from the kernel: no
    tracing, which would slow what is timed); with BENCH_TRACEMALLOC=1, Python's own peak."""
    traced = os.environ.get("BENCH_TRACEMALLOC") == "1"
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    if traced:
        tracemalloc.start()
    started, cpu = time.perf_counter(), time.process_time()
    result = work()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = tracemalloc.get_traced_memory()[1] if traced else 0
    if traced:
        tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    figures = {"seconds": elapsed, "cpu": cpu, "traced": peak, "rss": rss, "rss_before": before}
    return result, figures


def _who():
    from django.contrib.auth import get_user_model

    from sightline.accounts.models import Council

    return Council.objects.get(short_code="bench"), get_user_model().objects.get(
        username="bench_office"
    )


def _upload(path: str) -> dict:
    from sightline.core.tables import ImportOptions
    from sightline.imports.services import upload_store

    council, user = _who()
    data = Path(path).read_bytes()
    upload, figures = _measure(
        lambda: upload_store(
            council=council,
            by=user,
            kind="tracker",
            filename=Path(path).name,
            data=data,
            options=ImportOptions(),
        )
    )
    return {**figures, "upload": upload.pk}


def _preview(pk: str) -> dict:
    from sightline.imports.models import Upload
    from sightline.imports.selectors import upload_preview

    _, user = _who()
    upload = Upload.objects.get(pk=int(pk))
    (reading, preview), figures = _measure(lambda: upload_preview(upload=upload, by=user))
    if preview.errors:
        sys.exit("The preview found problems:\n" + "\n".join(preview.errors[:20]))
    return {
        **figures,
        "rows": preview.rows,
        "created": len(preview.created),
        "years": preview.year_lines(),
        "skipped": len(reading.table.skipped),
    }


def _save(pk: str) -> dict:
    from sightline.imports.models import Upload
    from sightline.imports.services import upload_import
    from sightline.savings.models import SavingLine

    _, user = _who()
    upload = Upload.objects.get(pk=int(pk))
    preview, figures = _measure(lambda: upload_import(upload=upload, by=user))
    return {
        **figures,
        "created": len(preview.created),
        "lines": SavingLine.objects.filter(proposal__council=upload.council).count(),
    }


STEPS = {"setup": _setup, "upload": _upload, "preview": _preview, "save": _save}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--workbook", action="store_true", help="Upload an .xlsx, not a CSV.")
    parser.add_argument("--step", choices=sorted(STEPS), help=argparse.SUPPRESS)
    parser.add_argument("values", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        _django()
        print(json.dumps(STEPS[args.step](*args.values)))
        return

    with tempfile.TemporaryDirectory(prefix="sightline-bench-upload-") as tmp:
        work = Path(tmp)
        env = environment(work)
        text = published_table(args.rows, args.years)
        path = work / ("savings.xlsx" if args.workbook else "savings.csv")
        path.write_bytes(as_workbook(text) if args.workbook else text.encode("utf-8"))
        size = path.stat().st_size
        step("setup", env)
        upload = step("upload", env, str(path))
        preview = step("preview", env, str(upload["upload"]))
        saved = step("save", env, str(upload["upload"]))

    print(
        f"\n## Upload of a {args.rows:,}-row savings table ({args.years} year columns, "
        f"£'000, brackets, a subtotal every {PER_DIRECTORATE} rows) on SQLite\n"
    )
    print(
        f"File: {path.suffix[1:].upper()}, {size / 1024:,.0f} KB; {preview['rows']:,} rows read, "
        f"{preview['skipped']:,} subtotal rows left out.\n"
    )

    def mb(n: int) -> str:
        return f"{n / 1024 / 1024:,.0f} MB"

    traced = os.environ.get("BENCH_TRACEMALLOC") == "1"
    print(
        "| step | seconds | CPU seconds | peak memory (RSS) | of which the step's |"
        + (" peak Python memory (tracemalloc) |" if traced else "")
    )
    print("|---|---:|---:|---:|---:|" + ("---:|" if traced else ""))
    for name, figures in (
        ("upload (read and check the file)", upload),
        ("preview (every row checked, nothing saved)", preview),
        ("save (checked again, then written)", saved),
    ):
        grown = max(figures["rss"] - figures["rss_before"], 0)
        cells = [
            f"{figures['seconds']:.2f}",
            f"{figures['cpu']:.2f}",
            mb(figures["rss"]),
            mb(grown),
        ]
        if traced:
            cells.append(mb(figures["traced"]))
        print(f"| {name} | " + " | ".join(cells) + " |")
    print(f"\nPreview: {preview['created']:,} proposals to create; " + "; ".join(preview["years"]))
    print(f"Saved: {saved['created']:,} proposals, {saved['lines']:,} savings lines.")
    slow = [n for n, f in (("preview", preview), ("save", saved)) if f["seconds"] >= 10]
    print("Target (under 10 s each): " + ("missed by " + ", ".join(slow) if slow else "met."))
    print(f"(Load average while it ran: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs.)")


if __name__ == "__main__":
    main()
