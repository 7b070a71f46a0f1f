"""A generated council's performance indicators with their targets and actuals, and its risk
register."""

from __future__ import annotations

import datetime
from decimal import Decimal

from sightline.demo.scale.profiles import (
    INDICATOR_SUBJECTS,
    LAST_CLOSED_MONTH,
    _at,
    _month_back,
    _months,
)
from sightline.performance.models import Actual, Indicator, Target
from sightline.risks.models import Risk
from sightline.strategy.models import DepartmentalPlan

UNITS = [
    (Indicator.Unit.PERCENT, 40, 95),
    (Indicator.Unit.NUMBER, 100, 5000),
    (Indicator.Unit.DAYS, 5, 60),
    (Indicator.Unit.RATE, 5, 80),
]


def _indicators(w, rng, council, profile, officers, priorities, po_user):
    if not profile.indicators:
        return
    prefix = council.short_code.upper()[:6]
    indicators, shapes = [], []
    for i in range(1, profile.indicators + 1):
        unit, low, high = rng.choice(UNITS)
        subject = rng.choice(INDICATOR_SUBJECTS)
        indicators.append(
            Indicator(
                council=council,
                code=f"{prefix} {i:03d}",
                title=f"{subject} ({i})",
                definition=f"{subject}, measured monthly.",
                unit=unit,
                polarity=rng.choice(list(Indicator.Polarity)),
                frequency=Indicator.Frequency.MONTHLY,
                owner=rng.choice(officers),
                amber_tolerance=Decimal(rng.randint(1, 5)),
            )
        )
        shapes.append((rng.uniform(low, high), rng.uniform(-0.004, 0.006), high))
    indicators = w.add(Indicator, indicators)
    plans = {
        dp.directorate_id: dp
        for dp in DepartmentalPlan.objects.filter(plan__council=council).order_by("pk")
    }
    plan_list = list(plans.values())
    ToPriority = Indicator.priorities.through
    ToPlan = Indicator.departmental_plans.through
    links, plan_links = [], []
    for ind in indicators:
        for priority in rng.sample(priorities, k=min(len(priorities), rng.randint(1, 2))):
            links.append(ToPriority(indicator_id=ind.pk, priority_id=priority.pk))
        plan_links.append(ToPlan(indicator_id=ind.pk, departmentalplan_id=rng.choice(plan_list).pk))
    w.add(ToPriority, links)
    w.add(ToPlan, plan_links)
    months = _months(LAST_CLOSED_MONTH, profile.actual_months)
    targets, actuals = [], []
    for ind, (base, trend, _high) in zip(indicators, shapes, strict=True):
        for n, month in enumerate(months):
            level = base * (1 + trend * n)
            if ind.unit == Indicator.Unit.PERCENT:
                level = min(level, 99.5)
            target = Decimal(str(round(level * 1.02, 1)))
            value = Decimal(str(round(level * rng.uniform(0.93, 1.07), 2)))
            targets.append(Target(indicator=ind, period=month, value=target))
            actuals.append(
                Actual(
                    indicator=ind,
                    period=month,
                    value=value,
                    status=Actual.Status.APPROVED,
                    approved_by=po_user,
                    approved_at=_at(_month_back(month, -1).replace(day=15)),
                )
            )
    w.add(Target, targets)
    w.add(Actual, actuals)


# Typical council risk themes: (title, cause and consequence, existing controls, further
# actions). "{s}" is the service the risk is about.
RISK_THEMES = [
    (
        "Overspend against budget in {s}",
        "Demand and prices rise faster than the budget for {s}, so the service overspends and "
        "the council must find savings elsewhere in year.",
        [
            "Monthly budget monitoring with the finance business partner.",
            "Demand forecasts reviewed each quarter.",
            "Spending controls on non-essential purchases.",
            "Action plans required for any predicted overspend.",
        ],
        ["Recovery plan to the next budget board.", "Review of eligibility criteria."],
    ),
    (
        "Rising demand for {s}",
        "More residents need {s} than the service is resourced for, so waiting times grow and "
        "statutory duties may be missed.",
        [
            "Demand modelling refreshed each quarter.",
            "Prevention and early help offer in place.",
            "Waiting lists prioritised by need.",
        ],
        ["Invest-to-save business case for demand management.", "Review of the front door."],
    ),
    (
        "Failure of a key supplier or provider of {s}",
        "A contractor or provider of {s} fails or withdraws, leaving residents without a service "
        "and the council paying more for emergency cover.",
        [
            "Financial credibility checks at tender and annually.",
            "Contract monitoring meetings each month.",
            "Contingency plans agreed with alternative providers.",
            "Bond clause within the contract.",
        ],
        ["Market sustainability review.", "Step-in arrangements tested with the provider."],
    ),
    (
        "Loss of key staff and recruitment difficulties in {s}",
        "Vacancies and turnover in {s} leave the service reliant on agency staff, at higher cost "
        "and with less continuity for residents.",
        [
            "Workforce plan reviewed each quarter.",
            "Market supplements for hard-to-fill posts.",
            "Succession planning for key roles.",
        ],
        ["Grow-our-own apprenticeship scheme.", "Retention survey and action plan."],
    ),
    (
        "Cyber attack or IT failure disrupting {s}",
        "A cyber attack or the failure of a key system stops {s} working and may expose "
        "personal data.",
        [
            "Backups held off site and restores tested.",
            "Penetration testing of major applications.",
            "Staff cyber security training, completed annually.",
            "IT disaster recovery plan.",
        ],
        ["Move the service's system to the cloud platform.", "Phishing simulation exercise."],
    ),
    (
        "Data breach involving {s} records",
        "Personal data held by {s} is lost or disclosed in error, harming residents and leading "
        "to action by the Information Commissioner.",
        [
            "Data protection training for all staff.",
            "Secure email and role-based access to records.",
            "Breach reporting procedure with the data protection officer.",
        ],
        ["Audit of access rights.", "Records retention review."],
    ),
    (
        "Savings not delivered in {s}",
        "The savings planned for {s} slip or fail, widening the gap in the medium term "
        "financial plan.",
        [
            "Savings tracked monthly by the programme office.",
            "Gateway reviews before each stage.",
            "Replacement savings identified for any slippage.",
        ],
        ["Deep dive at the next programme board.", "Lead member briefing on options."],
    ),
    (
        "Serious health and safety incident in {s}",
        "A member of staff or the public is seriously hurt in the course of {s}, with harm to "
        "them, prosecution and loss of reputation.",
        [
            "Risk assessments reviewed annually and after any incident.",
            "Health and safety training on induction.",
            "Incident reporting and investigation procedure.",
        ],
        ["Health and safety audit of the service.", "Refresher training for managers."],
    ),
    (
        "Legal challenge to changes in {s}",
        "A decision to change {s} is challenged by judicial review, delaying the change and "
        "its savings.",
        [
            "Equality impact assessment for every change.",
            "Legal advice before decisions are taken.",
            "Consultation in line with the council's standards.",
        ],
        ["Consultation plan agreed with legal services.", "Decision report reviewed by legal."],
    ),
    (
        "Failure to meet statutory duties in {s}",
        "{S} does not meet a statutory duty or timescale, exposing the council to complaints, "
        "ombudsman findings and intervention.",
        [
            "Performance indicators reported monthly.",
            "Quality assurance of case files.",
            "Scheme of delegation and procedures up to date.",
        ],
        ["Peer review of the service.", "Improvement plan to scrutiny."],
    ),
    (
        "Loss of income from {s}",
        "Fees, charges or grant income for {s} fall short of the budget, leaving a gap to close.",
        [
            "Income monitored monthly against profile.",
            "Fees and charges reviewed annually.",
            "Grant conditions tracked by finance.",
        ],
        ["Commercial review of charges.", "Diversify funding sources."],
    ),
    (
        "Inflation in contract costs for {s}",
        "Price rises in the contracts for {s} run ahead of the budget's inflation allowance.",
        [
            "Inflation allowance in the medium term financial plan.",
            "Price review clauses negotiated in contracts.",
            "Procurement pipeline reviewed quarterly.",
        ],
        ["Re-procurement options appraisal.", "Benchmark costs with neighbouring councils."],
    ),
    (
        "Business continuity: {s} unable to operate in an emergency",
        "Severe weather, a pandemic or the loss of a building stops {s} for days, harming the "
        "residents who rely on it.",
        [
            "Business continuity plan, tested annually.",
            "Member of the local resilience forum.",
            "Remote working for key staff.",
        ],
        ["Exercise the business continuity plan.", "Identify alternative premises."],
    ),
    (
        "Poor inspection outcome for {s}",
        "An inspection judges {s} inadequate, leading to intervention and damage to the "
        "council's reputation.",
        [
            "Self-assessment refreshed each year.",
            "Improvement board chaired by the director.",
            "Mock inspection carried out.",
        ],
        ["Act on the mock inspection's findings.", "Practice improvement programme."],
    ),
    (
        "Fraud or financial irregularity in {s}",
        "Fraud in {s} loses the council money and public confidence.",
        [
            "Segregation of duties in payments.",
            "Internal audit programme.",
            "Counter-fraud training and whistleblowing policy.",
        ],
        ["Data matching exercise.", "Audit of the service's payments."],
    ),
    (
        "Partnership arrangements for {s} breaking down",
        "A partner withdraws from the shared arrangements for {s} or pooled budgets are not "
        "agreed, so services and funding are lost.",
        [
            "Partnership agreements with exit clauses.",
            "Joint governance board meets quarterly.",
            "Register of agreements kept up to date.",
        ],
        ["Renew the partnership agreement.", "Joint risk workshop with partners."],
    ),
    (
        "Climate change and severe weather affecting {s}",
        "Flooding, heat and storms disrupt {s} and raise its costs.",
        [
            "Climate adaptation plan.",
            "Severe weather procedures.",
            "Carbon reduction targets in the service plan.",
        ],
        ["Climate risk assessment of the service's assets.", "Heatwave plan refreshed."],
    ),
]


# The services risks are about, with the directorate that usually runs them.
RISK_SERVICES = [
    ("home to school transport", "CS"),
    ("residential care placements", "ASC"),
    ("library services", "CD"),
    ("household waste collection", "PL"),
    ("highways maintenance", "PL"),
    ("children's residential placements", "CS"),
    ("leisure centres", "EG"),
    ("parking enforcement", "PL"),
    ("council tax collection", "RES"),
    ("the customer contact centre", "CD"),
    ("day opportunities", "ASC"),
    ("supported housing", "ASC"),
    ("the office estate", "RES"),
    ("public health contracts", "PH"),
    ("domiciliary care", "ASC"),
    ("fostering and adoption", "CS"),
    ("special educational needs", "CS"),
    ("planning and building control", "PL"),
    ("payroll and HR", "RES"),
    ("ICT infrastructure", "RES"),
    ("substance misuse services", "PH"),
    ("regeneration schemes", "EG"),
    ("elections", "CEX"),
    ("legal services", "CEX"),
]


CLOSED_REASONS = [
    "The risk has passed: the contract was re-let.",
    "Merged into a wider corporate risk.",
    "The service was decommissioned.",
    "Controls have brought the risk within appetite; monitored by the service.",
]


REVIEWS_FROM = datetime.date(2026, 4, 1)


def _risks(w, rng, council, profile, directorates, officers, priorities, po_user):
    """The council's risk register: likelihood x impact before and after the controls, the
    residual never above the initial; about half linked to a priority, about 5% closed."""
    if not profile.risks:
        return
    by_abbr = {d.abbr: d for d in directorates}
    subjects = [(t, s) for t in range(len(RISK_THEMES)) for s in range(len(RISK_SERVICES))]
    picked = rng.sample(subjects, k=min(profile.risks, len(subjects)))
    picked += [rng.choice(subjects) for _ in range(profile.risks - len(picked))]
    risks = []
    for number, (t, s) in enumerate(picked, start=1):
        title, cause, controls, actions = RISK_THEMES[t]
        service, abbr = RISK_SERVICES[s]
        directorate = by_abbr.get(abbr) or rng.choice(directorates)
        likelihood, impact = rng.randint(2, 5), rng.randint(2, 5)
        # The controls mostly make a risk less likely; they soften its impact less.
        residual_likelihood = rng.randint(max(1, likelihood - 2), likelihood)
        residual_impact = rng.randint(max(1, impact - 1), impact)
        closed = rng.random() < 0.05
        closed_on = datetime.date(2024, 4, 1) + datetime.timedelta(days=rng.randrange(720))
        review_on = REVIEWS_FROM + datetime.timedelta(days=rng.randrange(120))
        action_by = _month_back(REVIEWS_FROM, -rng.randint(2, 9))
        risks.append(
            Risk(
                council=council,
                number=number,
                title=title.format(s=service),
                description=cause.format(s=service, S=service[0].upper() + service[1:]),
                directorate=directorate,
                owner=directorate.director if rng.random() < 0.3 else rng.choice(officers),
                priority=rng.choice(priorities) if priorities and rng.random() < 0.5 else None,
                initial_likelihood=likelihood,
                initial_impact=impact,
                initial_score=likelihood * impact,
                controls=" ".join(rng.sample(controls, k=rng.randint(2, len(controls)))),
                residual_likelihood=residual_likelihood,
                residual_impact=residual_impact,
                residual_score=residual_likelihood * residual_impact,
                further_actions="" if closed else f"{rng.choice(actions)} By {action_by:%B %Y}.",
                review_on=None if closed else review_on,
                closed_on=closed_on if closed else None,
                closed_reason=rng.choice(CLOSED_REASONS) if closed else "",
                created_by=po_user,
                modified_by=po_user,
            )
        )
    w.add(Risk, risks)
