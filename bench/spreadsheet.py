"""The spreadsheet a council would otherwise use: the county tracker as an .xlsx workbook (a
Lines sheet of every savings line and a Summary sheet of SUMIFS per bundle and year),
opened and recalculated by LibreOffice headless, timed beside Sightline's dashboard for the
same figures. The totals are checked to agree.

    .venv/bin/python bench/spreadsheet.py [--runs 3]

Needs LibreOffice Calc: apt-get install -y libreoffice-calc-nogui
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from _common import FY, median, ms, run_worker, setup_django, table

YEARS = ["2024/25", "2025/26", "2026/27", "2027/28", "2028/29"]


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise SystemExit(
            "bench/spreadsheet.py needs LibreOffice Calc: apt-get install -y libreoffice-calc-nogui"
        )
    return found


def build_workbook(path: Path) -> tuple[int, list[str]]:
    from openpyxl import Workbook

    from sightline.savings.models import Bundle, SavingLine

    lines = (
        SavingLine.objects.filter(proposal__council__short_code="county")
        .select_related("proposal__bundle", "proposal__directorate")
        .order_by("proposal__reference", "fy", "pk")
    )
    book = Workbook()
    sheet = book.active
    sheet.title = "Lines"
    sheet.append(
        ["Reference", "Title", "Bundle", "Directorate", "Year", "Saving £", "Stage", "Decision"]
    )
    count = 0
    for line in lines.iterator(chunk_size=2000):
        p = line.proposal
        sheet.append(
            [
                p.reference,
                p.title,
                p.bundle.name if p.bundle else "",
                p.directorate.name,
                str(line.fy),
                Decimal(line.amount_pence) / 100,
                p.get_stage_display(),
                p.get_decision_status_display(),
            ]
        )
        count += 1
    bundles = list(
        Bundle.objects.filter(council__short_code="county").values_list("name", flat=True)
    )
    summary = book.create_sheet("Summary")
    summary.append(["Bundle", *YEARS])
    for row, name in enumerate(bundles, start=2):
        cells = [name]
        for col in range(len(YEARS)):
            year = f"{chr(ord('B') + col)}$1"
            cells.append(
                f"=SUMIFS(Lines!$F:$F,Lines!$C:$C,$A{row},Lines!$E:$E,{year},"
                f'Lines!$G:$G,"<>Withdrawn",Lines!$G:$G,"<>Failed",Lines!$H:$H,"<>Rejected")'
            )
        summary.append(cells)
    book.save(path)
    return count, bundles


def recalculate(source: Path, runs: int, between=None) -> tuple[float, Path]:
    """Open and recalculate in LibreOffice (convert to .xlsx), the whole process timed;
    ``between()`` runs after each timed run, so that what it times shares the machine's state
    of that moment (a shared machine's speed drifts, by half, over seconds)."""
    binary = soffice()
    with tempfile.TemporaryDirectory() as profile:
        base = [
            binary,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx",
            "--outdir",
        ]
        out = source.parent / "recalculated"
        subprocess.run([*base, str(out), str(source)], check=True, capture_output=True)  # noqa: S603 - warm-up: profile
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run([*base, str(out), str(source)], check=True, capture_output=True)  # noqa: S603
            times.append(time.perf_counter() - started)
            if between:
                between()
    return median(times), out / source.name


def worker(runs: int) -> dict:
    setup_django()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import override_settings
    from openpyxl import load_workbook

    from sightline.core.fiscal import FinancialYear
    from sightline.savings.models import Bundle
    from sightline.savings.selectors import programme_summary, tracker_rows, tracker_totals

    user = get_user_model().objects.get(username="county_programme_office")
    client = Client()
    client.force_login(user)
    url = f"/programme/?fy={FY}"
    assert client.get(url).status_code == 200
    page, computed = [], []

    def time_dashboard() -> None:
        """Five dashboard requests straight after each LibreOffice run, as served (the figures
        kept between requests), then five with the figures computed for each request."""
        for times, kept in ((page, True), (computed, False)):
            with override_settings(SIGHTLINE_SUMMARY_CACHE=kept):
                for _ in range(5):
                    started = time.perf_counter()
                    assert client.get(url).status_code == 200
                    times.append(time.perf_counter() - started)

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "county-tracker.xlsx"
        started = time.perf_counter()
        count, bundles = build_workbook(path)
        built = time.perf_counter() - started
        seconds, result = recalculate(path, runs, between=time_dashboard)
        book = load_workbook(result, data_only=True, read_only=True)
        values = {
            row[0]: [Decimal(str(v or 0)) for v in row[1:]]
            for row in book["Summary"].iter_rows(min_row=2, values_only=True)
        }
        book.close()
        size = path.stat().st_size

    membership = user.membership
    # Sightline's figures for the same cells: the dashboard's for its year, the tracker's
    # (which reconcile with it) for the others.
    disagree = []
    for col, year in enumerate(YEARS):
        fy = FinancialYear.parse(year)
        if year == FY:
            summary = programme_summary(membership=membership, fy=fy)
            ours = {b.name: f.planned for b, f in summary.bundles}
        else:
            ours = {
                b.name: tracker_totals(
                    list(tracker_rows(membership=membership, fy=fy, filters={"bundle": b.pk}))
                )["planned"]
                for b in Bundle.objects.filter(council=membership.council)
            }
        for name in bundles:
            sheet = values[name][col] * 100
            if sheet != ours.get(name, 0):
                disagree.append(f"{name} {year}: sheet {sheet}p, Sightline {ours.get(name)}p")
    return {
        "lines": count,
        "bundles": len(bundles),
        "bytes": size,
        "built": built,
        "libreoffice": seconds,
        "dashboard": median(page),
        "computed": median(computed),
        "requests": len(page),
        "disagree": disagree,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale")
    parser.add_argument("--worker", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    soffice()
    if args.worker:
        print(json.dumps(worker(args.runs)))
        return
    r = run_worker("spreadsheet.py", "county", "--runs", str(args.runs))
    print(
        f"\n## The spreadsheet: {r['lines']:,} lines, SUMIFS for {r['bundles']} bundles x 5 "
        f"years ({r['bytes'] // 1024:,} KiB .xlsx), LibreOffice headless: median of "
        f"{args.runs} runs; the dashboard: median of {r['requests']} requests, 5 straight after "
        "each run\n"
    )
    ratio = r["libreoffice"] / r["dashboard"]
    print(
        table(
            ["what", "ms"],
            [
                ["LibreOffice: open, recalculate, save (whole process)", ms(r["libreoffice"])],
                [f"Sightline: the dashboard page for {FY}, as served", ms(r["dashboard"])],
                ["spreadsheet / dashboard", f"{ratio:.1f}x (target: at least 50x)"],
                ["Sightline: the same, its figures computed for the request", ms(r["computed"])],
                ["spreadsheet / dashboard computing", f"{r['libreoffice'] / r['computed']:.1f}x"],
            ],
        )
    )
    if r["disagree"]:
        print("- TOTALS DISAGREE: " + "; ".join(r["disagree"][:10]))
    else:
        print(f"- every SUMIFS total ({r['bundles']} bundles x 5 years) equals Sightline's")


if __name__ == "__main__":
    main()
