"""Time to produce a county month's monitoring report as a committee paper: the newest closed
month of the county-scale council, as its programme office reads it (exempt lines included),
rendered to PDF by the reports app's monitoring_pdf and, when the papers app is present, by
the papers pipeline (the scrutiny monitoring report, PDF and Word).

    .venv/bin/python bench/papers.py [--runs 3]

The issue's target: the county month's monitoring report (PDF) in under 3 s. Each build is
timed on the wall clock and in the process's CPU time (the machine's load stretches the first,
not the second).
"""

from __future__ import annotations

import argparse
import json
import time

from _common import machine, median, run_worker, setup_django, table


def worker(runs: int) -> dict:
    setup_django()
    from sightline.accounts.models import Membership, Role
    from sightline.reports import documents
    from sightline.savings.models import Period
    from sightline.savings.selectors import visible_report

    period = Period.objects.filter(council__short_code="county", status="closed").latest("month")
    membership = (
        Membership.objects.filter(council=period.council, role=Role.PROGRAMME_OFFICE)
        .select_related("council", "user")
        .first()
    )
    result: dict = {"period": str(period), "rows": len(period.report["rows"])}

    from django.core.cache import caches

    def timed(label: str, build, *, cached: bool = False) -> None:
        """Median seconds of ``runs`` builds: laid out afresh (the cache of PDFs by their
        HTML emptied first), or, with ``cached``, served again as made."""
        times, cpu, size = [], [], 0
        if cached:
            build()
        for _ in range(runs):
            if not cached:
                caches["papers"].clear()
            started, started_cpu = time.perf_counter(), time.process_time()
            content = build()
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
            size = len(content)
        result[label] = {
            "seconds": median(times),
            "runs": [round(t, 2) for t in times],
            "cpu": median(cpu),
            "bytes": size,
        }

    def monitoring_pdf():
        return documents.monitoring_pdf(
            period=period,
            council=period.council,
            report=visible_report(period.report, membership=membership),
        )

    timed("reports monitoring_pdf, laid out", monitoring_pdf)
    if "papers" in caches.settings:
        timed("reports monitoring_pdf, again (cached)", monitoring_pdf, cached=True)
    try:
        from sightline.papers import documents as papers
    except ImportError:
        return result
    timed(
        "papers monitoring report (PDF), laid out",
        lambda: papers.monitoring_paper(membership=membership, period=period).pdf(),
    )
    timed(
        "papers monitoring report (PDF), again (cached)",
        lambda: papers.monitoring_paper(membership=membership, period=period).pdf(),
        cached=True,
    )
    timed(
        "papers monitoring report (Word)",
        lambda: papers.monitoring_paper(membership=membership, period=period).docx(),
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale")
    parser.add_argument("--worker", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.runs)))
        return
    r = run_worker("papers.py", "county", "--runs", str(args.runs))
    print(f"\n## Monitoring report as a paper, county scale: {r.pop('period')}, ", end="")
    print(f"{r.pop('rows')} rows\n\n{machine()}\n")
    print(
        table(
            ["document", "seconds (median)", "each run", "CPU seconds (median)", "bytes"],
            [
                [
                    label,
                    f"{v['seconds']:.2f}",
                    ", ".join(f"{t:.2f}" for t in v["runs"]),
                    f"{v['cpu']:.2f}",
                    f"{v['bytes']:,}",
                ]
                for label, v in r.items()
            ],
        )
    )
    print(
        "\nSeconds are wall-clock time, which other work on the machine stretches; CPU seconds "
        "are this process's own (time.process_time), the figure to compare across loads."
    )


if __name__ == "__main__":
    main()
