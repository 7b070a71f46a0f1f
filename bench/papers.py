"""Time and peak memory to produce the county's documents: the newest closed month's
monitoring report, as its programme office reads it (exempt lines included), rendered to PDF
by the reports app's monitoring_pdf and by the papers pipeline (the scrutiny monitoring
report, PDF and Word); and the quarterly performance report (its 500 indicators) as a paper.

    .venv/bin/python bench/papers.py [--runs 3]

The issue's target: the county month's monitoring report (PDF) in under 3 s. Each build is
timed on the wall clock and in the process's CPU time (the machine's load stretches the first,
not the second). Each document is built in a fresh process of its own, so that its peak
memory (the growth of the process's resident set, from the kernel, over what Django and the
data read before it took) is its own.
"""

from __future__ import annotations

import argparse
import json
import resource
import time

from _common import machine, median, run_worker, setup_django, table

DOCUMENTS = {
    "report-pdf": "reports monitoring_pdf",
    "paper-pdf": "papers monitoring report (PDF)",
    "paper-docx": "papers monitoring report (Word)",
    "performance-pdf": "papers performance report, Q4 (PDF)",
    "performance-docx": "papers performance report, Q4 (Word)",
}


def worker(runs: int, document: str) -> dict:
    setup_django()
    from django.core.cache import caches

    from sightline.accounts.models import Membership, Role
    from sightline.core.fiscal import FinancialYear
    from sightline.papers import documents as papers
    from sightline.reports import documents
    from sightline.savings.models import Period
    from sightline.savings.selectors import visible_report

    period = Period.objects.filter(council__short_code="county", status="closed").latest("month")
    membership = (
        Membership.objects.filter(council=period.council, role=Role.PROGRAMME_OFFICE)
        .select_related("council", "user")
        .first()
    )
    report = visible_report(period.report, membership=membership)
    fy = FinancialYear.parse(report["financial_year"])
    build = {
        "report-pdf": lambda: documents.monitoring_pdf(
            period=period, council=period.council, report=report
        ),
        "paper-pdf": lambda: papers.monitoring_paper(membership=membership, period=period).pdf(),
        "paper-docx": lambda: papers.monitoring_paper(membership=membership, period=period).docx(),
        "performance-pdf": lambda: papers.performance_paper(
            membership=membership, fy=fy, quarter=4
        ).pdf(),
        "performance-docx": lambda: papers.performance_paper(
            membership=membership, fy=fy, quarter=4
        ).docx(),
    }[document]

    def rss() -> int:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    result: dict = {"period": str(period), "rows": len(period.report["rows"])}
    before = rss()
    times, cpu, size = [], [], 0
    for _ in range(runs):
        if "papers" in caches.settings:
            caches["papers"].clear()  # laid out afresh each time
        started, started_cpu = time.perf_counter(), time.process_time()
        content = build()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        size = len(content)
    result[DOCUMENTS[document]] = {
        "seconds": median(times),
        "runs": [round(t, 2) for t in times],
        "cpu": median(cpu),
        "bytes": size,
        "peak": rss() - before,
    }
    if document.endswith("pdf") and "papers" in caches.settings:
        started = time.perf_counter()
        build()
        result[DOCUMENTS[document] + ", again (cached)"] = {
            "seconds": time.perf_counter() - started,
            "runs": [round(time.perf_counter() - started, 2)],
            "cpu": 0.0,
            "bytes": size,
            "peak": rss() - before,
        }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale")
    parser.add_argument("--worker", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--document", choices=sorted(DOCUMENTS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.runs, args.document)))
        return
    results: dict = {}
    for document in DOCUMENTS:
        r = run_worker("papers.py", "county", "--runs", str(args.runs), "--document", document)
        period, rows = r.pop("period"), r.pop("rows")
        results.update(r)
    print(f"\n## The county's documents: the monitoring report of {period}, {rows} rows; ", end="")
    print(f"the performance report of Q4\n\n{machine()}\n")
    print(
        table(
            [
                "document",
                "seconds (median)",
                "each run",
                "CPU seconds (median)",
                "peak memory (RSS growth)",
                "bytes",
            ],
            [
                [
                    label,
                    f"{v['seconds']:.2f}",
                    ", ".join(f"{t:.2f}" for t in v["runs"]),
                    f"{v['cpu']:.2f}" if v["cpu"] else "",
                    f"{v['peak'] / 1024 / 1024:,.0f} MB",
                    f"{v['bytes']:,}",
                ]
                for label, v in results.items()
            ],
        )
    )
    print(
        "\nSeconds are wall-clock time, which other work on the machine stretches; CPU seconds "
        "are this process's own (time.process_time), the figure to compare across loads. Each "
        "document is built in a process of its own; its peak memory is how far the process's "
        "resident set grew past what it held before the first build (the first build also "
        "loads WeasyPrint or python-docx)."
    )


if __name__ == "__main__":
    main()
