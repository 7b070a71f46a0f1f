"""One generated council: its logins, directorates, people, bundles, budget codes and corporate
plan."""

from __future__ import annotations

import random
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db import transaction

from sightline.accounts.models import (
    Council,
    Directorate,
    Membership,
    Person,
    Portfolio,
    Role,
    ServiceArea,
)
from sightline.demo.scale.profiles import (
    BUNDLE_NAMES,
    DIRECTORATES,
    ENABLING_NAMES,
    FIRST_FY,
    JOB_TITLES,
    PRIORITY_TITLES,
    PROGRAMME_YEARS,
    Generated,
    Profile,
    Writer,
    _person_name,
    _pounds,
)
from sightline.demo.scale.programme import _benefits, _monitoring, _proposals, _targets
from sightline.demo.scale.register import _indicators, _risks
from sightline.savings.models import (
    BudgetCode,
    Bundle,
    ProgrammeSettings,
    SavingsType,
)
from sightline.savings.services.programme import DEFAULT_TAXONOMY
from sightline.strategy.models import CorporatePlan, DepartmentalPlan, Priority


def generate_council(
    *, code: str, name: str, profile: Profile, seed: int, password_hash: str
) -> Generated:
    """Create one council with its programme, monitoring, indicators and risk register, in one
    transaction."""
    rng = random.Random(f"{seed}:{code}")
    w = Writer()
    with transaction.atomic():
        council = w.add(Council, [Council(name=name, short_code=code)], history=True)[0]
        users = _logins(w, council, code, password_hash)
        po_user = users[Role.PROGRAMME_OFFICE]
        directorates, areas = _directorates(w, rng, council, profile)
        officers, councillors = _people(w, rng, council, profile)
        portfolios = w.add(
            Portfolio,
            [
                Portfolio(council=council, name=f"Portfolio for {d.name}", lead_member=c)
                for d, c in zip(directorates, councillors, strict=False)
            ],
        )
        types = w.add(
            SavingsType,
            [
                SavingsType(
                    council=council,
                    name=t.name,
                    cashable=t.cashable,
                    recurring=t.recurring,
                    counts_toward_gap=t.counts_toward_gap,
                )
                for t in DEFAULT_TAXONOMY
            ],
        )
        w.add(ProgrammeSettings, [ProgrammeSettings(council=council)])
        bundles = _bundles(w, rng, council, profile, directorates)
        codes = _budget_codes(w, rng, council, profile, directorates)
        priorities = _strategy(w, rng, council, profile, directorates, officers)
        proposals, lines = _proposals(
            w,
            rng,
            council,
            profile,
            po_user=po_user,
            directorates=directorates,
            areas=areas,
            bundles=bundles,
            types=types,
            codes=codes,
            officers=officers,
            councillors=councillors,
            portfolios=portfolios,
            priorities=priorities,
        )
        _targets(w, rng, council, bundles, proposals, lines)
        _benefits(w, rng, proposals, lines)
        _monitoring(w, rng, council, profile, proposals, lines, po_user)
        _indicators(w, rng, council, profile, officers, priorities, po_user)
        # Last, so that the risks' draws leave every other table as it was before risks.
        _risks(w, rng, council, profile, directorates, officers, priorities, po_user)
    return Generated(council=council, counts=w.counts)


def _logins(w: Writer, council: Council, code: str, password_hash: str) -> dict:
    User = get_user_model()
    roles = [(Role.PROGRAMME_OFFICE, "Programme Office"), (Role.VIEWER, "Viewer")]
    users = w.add(
        User,
        [
            User(
                username=f"{code}_{role.value}",
                first_name=council.short_code.upper(),
                last_name=label,
                password=password_hash,
            )
            for role, label in roles
        ],
    )
    w.add(
        Membership,
        [
            Membership(user=u, council=council, role=r)
            for u, (r, _) in zip(users, roles, strict=True)
        ],
    )
    w.add(
        Person,
        [
            Person(council=council, name=u.get_full_name(), job_title=label, user=u)
            for u, (_, label) in zip(users, roles, strict=True)
        ],
        history=True,
    )
    return {role: user for user, (role, _) in zip(users, roles, strict=True)}


def _directorates(w, rng, council, profile):
    chosen = DIRECTORATES[: profile.directorates]
    directors = w.add(
        Person,
        [
            Person(council=council, name=_person_name(rng), job_title=f"Director of {n}")
            for n, _, _ in chosen
        ],
        history=True,
    )
    directorates = w.add(
        Directorate,
        [
            Directorate(council=council, name=n, director=d)
            for (n, _, _), d in zip(chosen, directors, strict=True)
        ],
        history=True,
    )
    for d, (_, abbr, _) in zip(directorates, chosen, strict=True):
        d.abbr = abbr
    areas = w.add(
        ServiceArea,
        [
            ServiceArea(directorate=d, name=a)
            for d, (_, _, names) in zip(directorates, chosen, strict=True)
            for a in names
        ],
        history=True,
    )
    by_directorate = defaultdict(list)
    for a in areas:
        by_directorate[a.directorate_id].append(a)
    return directorates, by_directorate


def _people(w, rng, council, profile):
    seen = set()
    officers = []
    while len(officers) < profile.officers:
        name, title = _person_name(rng), rng.choice(JOB_TITLES)
        if (name, title) in seen:
            continue
        seen.add((name, title))
        officers.append(Person(council=council, name=name, job_title=title))
    councillors = [
        Person(
            council=council,
            name=f"Cllr {_person_name(rng)} {i}",
            job_title="Cabinet Member",
            kind=Person.Kind.COUNCILLOR,
        )
        for i in range(1, profile.directorates + 1)
    ]
    return w.add(Person, officers, history=True), w.add(Person, councillors, history=True)


def _bundles(w, rng, council, profile, directorates):
    names = BUNDLE_NAMES[: profile.bundles - profile.enabling]
    enabling = ENABLING_NAMES[: profile.enabling]
    return w.add(
        Bundle,
        [
            Bundle(
                council=council,
                name=n,
                enabling=n in enabling,
                vision=f"To deliver {n.lower()} savings across the council.",
                sponsor=rng.choice(directorates).director,
            )
            for n in [*names, *enabling]
        ],
        history=True,
    )


def _budget_codes(w, rng, council, profile, directorates):
    return w.add(
        BudgetCode,
        [
            BudgetCode(
                council=council,
                code=f"{rng.choice(directorates).abbr}-{i:05d}",
                name=f"Cost centre {i}",
                directorate=None,
                current_budget_pence=_pounds(rng, 2_000_000, 40_000_000, 1000),
                budget_fy=FIRST_FY,
                income=rng.random() < 0.1,
            )
            for i in range(1, profile.budget_codes + 1)
        ],
    )


def _strategy(w, rng, council, profile, directorates, officers):
    plan = w.add(
        CorporatePlan,
        [
            CorporatePlan(
                council=council,
                title=f"{council.name} Plan 2024 to 2029",
                starts=FIRST_FY,
                ends=PROGRAMME_YEARS[-1],
                mission="Working together for a fairer, greener place.",
            )
        ],
    )[0]
    priorities = w.add(
        Priority,
        [
            Priority(plan=plan, number=i, title=t, lead=rng.choice(officers))
            for i, t in enumerate(PRIORITY_TITLES[: profile.priorities], start=1)
        ],
    )
    w.add(DepartmentalPlan, [DepartmentalPlan(plan=plan, directorate=d) for d in directorates])
    return priorities
