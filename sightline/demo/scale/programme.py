"""A generated council's savings programme: proposals and their lines, targets, confirmed benefits
and monthly monitoring with closed months' reports."""

from __future__ import annotations

import datetime
import random
from collections import defaultdict

from sightline.core.fiscal import FinancialYear
from sightline.demo.scale.profiles import (
    ACTIONS,
    DECIDED_ON,
    FIRST_FY,
    HISTORY_START,
    LAST_CLOSED_MONTH,
    PROGRAMME_YEARS,
    SERVICES,
    STAGE_MIX,
    _at,
    _month_back,
    _months,
    _pounds,
)
from sightline.savings.models import (
    BenefitConfirmation,
    BundleTarget,
    DecisionBody,
    DecisionStatus,
    Forecast,
    Period,
    ProgrammeYear,
    Proposal,
    Rag,
    SavingKind,
    SavingLine,
    Stage,
)
from sightline.savings.selectors import monitoring_report


def _line_counts(rng: random.Random, proposals: int, lines: int) -> list[int]:
    """How many lines each proposal has: between 1 and 10, adding up to ``lines`` exactly."""
    base, extra = divmod(lines, proposals)
    counts = [base + (1 if i < extra else 0) for i in range(proposals)]
    for _ in range(proposals * 2):
        i, j = rng.randrange(proposals), rng.randrange(proposals)
        if counts[i] > 1 and counts[j] < 10:
            counts[i] -= 1
            counts[j] += 1
    return counts


def _proposals(w, rng, council, profile, **ctx):
    po_user = ctx["po_user"]
    stages = [s for s, _, weight in STAGE_MIX for _ in range(weight)]
    decisions = {s: d for s, d, _ in STAGE_MIX}
    counts = _line_counts(rng, profile.proposals, profile.lines)
    proposals, plan = [], []
    for index in range(profile.proposals):
        directorate = rng.choice(ctx["directorates"])
        stage = rng.choice(stages)
        decision = rng.choice(decisions[stage])
        bundle = rng.choice(ctx["bundles"]) if rng.random() < 0.9 else None
        started = stage != Stage.IDEA
        exempt = rng.random() < 0.03
        title = f"{rng.choice(ACTIONS)} {rng.choice(SERVICES)}"
        p = Proposal(
            council=council,
            reference=f"{directorate.abbr} {index + 1:04d}",
            title=title[0].upper() + title[1:],
            savings_type=rng.choice(ctx["types"][:5]),
            directorate=directorate,
            service_area=rng.choice(ctx["areas"][directorate.pk]),
            bundle=bundle,
            priority=rng.choice(ctx["priorities"]) if rng.random() < 0.7 else None,
            lead_officer=rng.choice(ctx["officers"]),
            lead_member=rng.choice(ctx["councillors"]),
            portfolio=rng.choice(ctx["portfolios"]),
            sponsor=directorate.director if started else None,
            project_manager=rng.choice(ctx["officers"]) if started else None,
            finance_lead=rng.choice(ctx["officers"]) if started else None,
            accountant=(
                rng.choice(ctx["officers"])
                if stage in {Stage.LIVE, Stage.DELIVERED, Stage.FAILED}
                else None
            ),
            summary=f"{title[0].upper() + title[1:]} to reduce cost while protecting outcomes.",
            implementation_on=(FIRST_FY + rng.randrange(3)).starts_on if started else None,
            stage=stage,
            stage_reason=(
                "Generated: no longer viable." if stage in {Stage.WITHDRAWN, Stage.FAILED} else ""
            ),
            decision_status=decision,
            decision_body=(
                rng.choice([DecisionBody.CABINET, DecisionBody.FULL_COUNCIL])
                if decision in {DecisionStatus.APPROVED, DecisionStatus.REJECTED}
                else ""
            ),
            decision_on=(
                DECIDED_ON
                if decision in {DecisionStatus.APPROVED, DecisionStatus.REJECTED}
                else None
            ),
            decision_reference=(
                "Budget Council, 21 February 2024"
                if decision in {DecisionStatus.APPROVED, DecisionStatus.REJECTED}
                else ""
            ),
            exempt=exempt,
            exempt_paragraphs="3" if exempt else "",
            created_by=po_user,
            modified_by=po_user,
        )
        proposals.append(p)
        plan.append(counts[index])
    proposals = w.add(Proposal, proposals, history=True)
    lines, links = [], set()
    codes = ctx["codes"]
    for p, count in zip(proposals, plan, strict=True):
        years = min(count, rng.randint(1, 5))
        first = rng.randrange(0, 6 - years)
        fys = [PROGRAMME_YEARS[first + i] for i in range(years)]
        income = p.savings_type.name in {"Income generation", "Commercialisation"}
        used: set[tuple] = set()  # a year's saving on one code is one line, as the form says
        for n in range(count):
            fy = fys[n % years]
            code = rng.choice(codes)
            while (fy, income or code.income, code.pk) in used:
                code = rng.choice(codes)
            used.add((fy, income or code.income, code.pk))
            amount = _pounds(rng, 5_000, profile.amount_max_pounds)
            if n == 0 and rng.random() < 0.03:
                amount = -amount // 4  # invest to save
            lines.append(
                SavingLine(
                    proposal=p,
                    fy=fy,
                    amount_pence=amount,
                    kind=SavingKind.INCOME if income or code.income else SavingKind.REDUCTION,
                    recurring=rng.random() < 0.85,
                    budget_code=code,
                    description="",
                )
            )
            links.add((p.pk, code.pk))
    lines = w.add(SavingLine, lines, history=True)
    Through = Proposal.budget_codes.through
    w.add(Through, [Through(proposal_id=p, budgetcode_id=c) for p, c in sorted(links)])
    return proposals, lines


def _planned(proposals, lines) -> dict[tuple[int, FinancialYear], int]:
    planned: dict[tuple[int, FinancialYear], int] = defaultdict(int)
    for line in lines:
        planned[(line.proposal_id, line.fy)] += line.amount_pence
    return planned


def _targets(w, rng, council, bundles, proposals, lines):
    planned = _planned(proposals, lines)
    active = {
        p.pk: p
        for p in proposals
        if p.stage not in {Stage.WITHDRAWN, Stage.FAILED}
        and p.decision_status != DecisionStatus.REJECTED
    }
    by_year: dict[FinancialYear, int] = defaultdict(int)
    by_bundle: dict[tuple[int, FinancialYear], int] = defaultdict(int)
    for (pid, fy), pence in planned.items():
        if pid in active:
            by_year[fy] += pence
            if active[pid].bundle_id:
                by_bundle[(active[pid].bundle_id, fy)] += pence

    def rounded(pence: int, percent: int) -> int:
        """``percent`` of ``pence``, to the nearest £100k."""
        return max(0, (pence * percent // 100 + 5_000_000) // 10_000_000 * 10_000_000)

    w.add(
        ProgrammeYear,
        [
            ProgrammeYear(
                council=council,
                fy=fy,
                target_pence=rounded(by_year[fy], rng.randint(80, 105)),
                team_cost_pence=rounded(by_year[fy], 6),
            )
            for fy in PROGRAMME_YEARS
        ],
    )
    w.add(
        BundleTarget,
        [
            BundleTarget(
                bundle=b, fy=fy, target_pence=rounded(by_bundle[(b.pk, fy)], rng.randint(80, 110))
            )
            for b in bundles
            if not b.enabling
            for fy in PROGRAMME_YEARS
        ],
    )


def _benefits(w, rng, proposals, lines):
    planned = _planned(proposals, lines)
    stage = {p.pk: p.stage for p in proposals}
    rows = []
    for (pid, fy), pence in sorted(planned.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        if fy > FIRST_FY or pence <= 0:
            continue
        if stage[pid] == Stage.DELIVERED or (stage[pid] == Stage.LIVE and rng.random() < 0.6):
            rows.append(
                BenefitConfirmation(
                    proposal_id=pid,
                    fy=fy,
                    amount_pence=pence if rng.random() < 0.8 else pence * 9 // 10,
                    confirmed_on=fy.ends_on + datetime.timedelta(days=45),
                    note="Confirmed at outturn.",
                )
            )
    w.add(BenefitConfirmation, rows)


RAG_START = [Rag.GREEN] * 6 + [Rag.AMBER] * 3 + [Rag.RED]


COMMENTS = {
    Rag.AMBER: [
        "Consultation has delayed implementation by two months.",
        "Procurement slipped; part of the saving moves to next year.",
        "Demand is higher than modelled; mitigation being worked up.",
    ],
    Rag.RED: [
        "The saving will not be achieved this year: replacement proposals are being sought.",
        "Legal challenge has paused the change.",
    ],
    Rag.GREEN: ["Back on track after the restructure completed."],
    Rag.BLUE: ["Delivered: the budget has been reduced."],
}


def _monitoring(w, rng, council, profile, proposals, lines, po_user):
    months = _months(LAST_CLOSED_MONTH, profile.closed_periods)
    if profile.open_period:
        months.append(_month_back(LAST_CLOSED_MONTH, -1))
    if not months:
        return
    closed = set(months[: profile.closed_periods])
    periods = []
    for month in months:
        is_closed = month in closed
        next_month = _month_back(month, -1)
        periods.append(
            Period(
                council=council,
                month=month,
                fy=FinancialYear.of(month),
                status=Period.Status.CLOSED if is_closed else Period.Status.OPEN,
                closed_at=_at(next_month.replace(day=6), 17) if is_closed else None,
                closed_by=po_user if is_closed else None,
            )
        )
    periods = w.add(Period, periods)
    planned = _planned(proposals, lines)
    delivering = [p for p in proposals if p.stage in {Stage.LIVE, Stage.DELIVERED}]
    rag_now: dict[tuple[int, FinancialYear], str] = {}
    forecasts = []
    for period in periods:
        for p in delivering:
            plan = planned.get((p.pk, period.fy), 0)
            if plan <= 0:
                continue
            key = (p.pk, period.fy)
            previous = rag_now.get(key)
            if p.stage == Stage.DELIVERED:
                rag = Rag.BLUE
            elif previous is None:
                rag = rng.choice(RAG_START)
            elif rng.random() < 0.08:
                rag = rng.choice([Rag.GREEN, Rag.AMBER, Rag.RED, Rag.BLUE])
            else:
                rag = previous
            rag_now[key] = rag
            percent = {
                Rag.BLUE: 100,
                Rag.GREEN: rng.randint(95, 100),
                Rag.AMBER: rng.randint(60, 90),
                Rag.RED: rng.randint(0, 50),
            }[rag]
            forecast = plan * percent // 100 // 10_000 * 10_000  # whole £100
            slip = 0
            slipped_to = None
            slipping = rag in {Rag.AMBER, Rag.RED} and period.fy < PROGRAMME_YEARS[-1]
            if slipping and rng.random() < 0.3:
                slip, slipped_to = plan - forecast, period.fy + 1
            needs = rag in {Rag.AMBER, Rag.RED} or (previous is not None and previous != rag)
            f = Forecast(
                proposal=p,
                period=period,
                month=period.month,
                fy=period.fy,
                forecast_pence=forecast,
                rag=rag,
                commentary=rng.choice(COMMENTS[rag]) if needs else "",
                slippage_pence=slip,
                slipped_to=slipped_to,
                replacement="Replacement savings identified in the same bundle." if slip else "",
                created_by=po_user,
                modified_by=po_user,
            )
            f._history_date = _at(period.month.replace(day=20))
            forecasts.append(f)
    w.add(Forecast, forecasts, history=True)
    for period in periods:
        if period.status == Period.Status.CLOSED:
            period.report = monitoring_report(period=period)
    Period.objects.bulk_update(periods, ["report"], batch_size=50)
    for period in periods:
        period._history_date = period.closed_at or HISTORY_START
    w.history(Period, periods)
