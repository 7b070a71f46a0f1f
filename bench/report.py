"""Time to produce the monthly monitoring report of a closed period at county scale: from
the live records, and again from history as it stood when the month closed.

    .venv/bin/python bench/report.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import time

from _common import median, ms, run_worker, setup_django, table


def worker(runs: int) -> dict:
    setup_django()
    from sightline.savings.models import Period
    from sightline.savings.selectors import monitoring_report

    period = Period.objects.filter(council__short_code="county", status="closed").latest("month")
    result = {"period": str(period), "rows": len(period.report["rows"])}
    for label, kwargs in (("live", {}), ("history", {"as_of": period.closed_at})):
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            report = monitoring_report(period=period, **kwargs)
            times.append(time.perf_counter() - started)
        result[label] = median(times)
        result[f"{label} equals stored"] = report == period.report
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale")
    parser.add_argument("--worker", action="store_true")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.runs)))
        return
    r = run_worker("report.py", "county", "--runs", str(args.runs))
    print(f"\n## Monthly monitoring report, county scale: {r['period']}, {r['rows']} rows\n")
    print(
        table(
            ["produced from", "ms (median)", "equals the stored report"],
            [
                ["the live records (as at closing)", ms(r["live"]), r["live equals stored"]],
                ["history, as of the closing time", ms(r["history"]), r["history equals stored"]],
            ],
        )
    )


if __name__ == "__main__":
    main()
