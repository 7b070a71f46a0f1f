"""Generating a scale (luton, county or national) of councils, and a council's tracker as a file to
import."""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.hashers import make_password

from sightline.accounts.models import (
    Council,
    Directorate,
)
from sightline.demo.scale.council import generate_council
from sightline.demo.scale.profiles import (
    ACTIONS,
    COUNTY,
    KINDS_OF_COUNCIL,
    LUTON,
    NATIONAL_COUNTY,
    PLACE_ENDINGS,
    PLACES,
    PROGRAMME_YEARS,
    SCALES,
    SERVICES,
    small_profile,
)
from sightline.savings.models import (
    BudgetCode,
    Bundle,
    SavingsType,
)


def council_plan(scale: str, *, seed: int, councils: int | None = None):
    """The councils a scale creates: (code, name, profile) each."""
    if scale == "luton":
        return [("luton", "Luton-scale Borough Council (generated)", LUTON)]
    if scale == "county":
        return [("county", "County-scale County Council (generated)", COUNTY)]
    if scale != "national":
        raise ValueError(f"{scale!r} is not a scale: use one of {', '.join(SCALES)}")
    rng = random.Random(f"{seed}:national")
    count = 400 if councils is None else councils
    names = [f"{a}{b}" for a in PLACES for b in PLACE_ENDINGS]
    rng.shuffle(names)
    plan = []
    for i in range(count):
        place = names[i % len(names)]
        again = "" if i < len(names) else f" {i // len(names) + 1}"
        code = f"n{i + 1:04d}"
        if i % 100 == 50:  # about one council in a hundred is county-sized
            plan.append((code, f"{place}shire{again} County Council (generated)", NATIONAL_COUNTY))
        else:
            kind = rng.choice(KINDS_OF_COUNCIL)
            plan.append((code, f"{place}{again} {kind} (generated)", small_profile(rng)))
    return plan


def generate(
    *,
    scale: str,
    seed: int = 1,
    councils: int | None = None,
    log: Callable[[str], None] = lambda message: None,
) -> Counter:
    """Generate a scale's councils; return the number of rows written per table."""
    plan = council_plan(scale, seed=seed, councils=councils)
    clash = Council.objects.filter(short_code__in=[code for code, _, _ in plan]).first()
    if clash is not None:
        raise ValueError(
            f"Council {clash.short_code!r} ({clash.name}) already exists in this database: "
            "generate into an empty database (set SQLITE_PATH or DATABASE_URL)."
        )
    password_hash = make_password(settings.DEMO_PASSWORD)
    totals: Counter = Counter()
    started = time.perf_counter()
    for n, (code, name, profile) in enumerate(plan, start=1):
        t0 = time.perf_counter()
        result = generate_council(
            code=code, name=name, profile=profile, seed=seed, password_hash=password_hash
        )
        totals.update(result.counts)
        if len(plan) <= 10 or n % 50 == 0 or profile.proposals >= 1000:
            log(
                f"{n}/{len(plan)} {name}: {profile.proposals} proposals in "
                f"{time.perf_counter() - t0:.1f} s (total {time.perf_counter() - started:.1f} s)"
            )
    return totals


def tracker_rows(
    *,
    council: Council,
    proposals: int,
    lines_per_proposal: int = 5,
    seed: int = 1,
    variant: int = 0,
) -> list[dict[str, str]]:
    """Rows of a council's tracker for ``sightline import_proposals``, amounts written the
    ways councils write them (``£24.5k``, ``92,000``, ``£1.2m``). A different ``variant``
    changes the amounts and titles of the same references."""
    rng = random.Random(f"{seed}:{council.short_code}:tracker:{variant}")
    types = [t.name for t in SavingsType.objects.filter(council=council).order_by("pk")[:5]]
    directorates = list(Directorate.objects.filter(council=council).order_by("pk"))
    bundles = [b.name for b in Bundle.objects.filter(council=council).order_by("pk")] + [""]
    codes = list(BudgetCode.objects.filter(council=council).order_by("pk"))
    rows = []
    for n in range(1, proposals + 1):
        directorate = directorates[n % len(directorates)]
        title = f"{ACTIONS[n % len(ACTIONS)]} {SERVICES[(n * 7) % len(SERVICES)]}"
        first = {
            "reference": f"TRK {n:05d}",
            "title": f"{title[0].upper()}{title[1:]} (v{variant})",
            "savings_type": types[n % len(types)],
            "directorate": directorate.name,
            "bundle": bundles[n % len(bundles)],
        }
        for i in range(lines_per_proposal):
            pounds = rng.randrange(10, 900) * 500
            amount = rng.choice(
                [f"£{pounds:,}", f"{pounds:,}", f"£{pounds / 1000:g}k", f"{pounds}"]
            )
            code = codes[(n + i) % len(codes)] if codes and rng.random() < 0.8 else None
            rows.append(
                {
                    **(first if i == 0 else {"reference": first["reference"]}),
                    "financial_year": PROGRAMME_YEARS[i % len(PROGRAMME_YEARS)].short,
                    "amount": amount,
                    "kind": "income" if code is not None and code.income else "reduction",
                    "recurring": rng.choice(["yes", "yes", "yes", "no"]),
                    "budget_code": code.code if code else "",
                }
            )
    return rows


def write_tracker_csv(path, rows: list[dict[str, str]]) -> None:
    import csv

    from sightline.savings.imports import COLUMNS

    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in COLUMNS})
