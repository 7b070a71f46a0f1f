"""The savings programme of the demo councils, from seeds 000, 002 and 003.

Figures from the seeds are exact. Where the demo needs something the seeds do not give
(RAG ratings, forecasts, accountants, programme team cost), it is marked illustrative in
the record's notes or commentary.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from sightline.accounts.models import Council, Directorate, Person, Portfolio, ServiceArea
from sightline.core.fiscal import FinancialYear
from sightline.core.money import Unit, format_k, parse_money
from sightline.demo.upsert import upsert
from sightline.savings.models import (
    BenefitConfirmation,
    BudgetCode,
    Bundle,
    BundleTarget,
    DecisionBody,
    DecisionStatus,
    Forecast,
    Lesson,
    Period,
    ProgrammeSettings,
    ProgrammeYear,
    Proposal,
    ProposalRisk,
    SavingKind,
    SavingLine,
    SavingsType,
    StaffingImpact,
    Stage,
)
from sightline.savings.selectors import monitoring_report
from sightline.savings.services import DEFAULT_TYPES

SEED_000 = "Seed 000: Executive report, Chief Executive's Department budget reductions 2013/14"
SEED_002 = "Seed 002: Luton Together phase 2, the transformation strategy 2013-2016"
SEED_003 = "Seed 003: draft savings proposal SAV / RES 002 / 21-22"
ILLUSTRATIVE = "Illustrative demo data, not from the seeds"
NO_SPLIT = "The seed gives no split by year: the whole estimate is placed in 2013/14 (demo rule)."

FY13, FY14, FY15, FY16, FY17 = (FinancialYear(y) for y in range(2013, 2018))

# Seed 002: current targets for 2013-18, and the bundles with their targets and visions.
TARGETS = {FY13: "£18m", FY14: "£18m", FY15: "£14m", FY16: "£14m", FY17: "£13m"}
TEAM_COST = {FY13: "£2.1m", FY14: "£2m", FY15: "£1.6m", FY16: "£1.6m", FY17: "£1.5m"}
BUNDLES = [
    (
        "Children & learning",
        ["£4.87m", "£2.9m", "£2.04m"],
        "To design, deliver and commission services for Luton's children and young people "
        "which will further raise levels of educational attainment, protect the vulnerable and "
        "improve life chances.",
        "Children and Learning Department",
    ),
    (
        "Commercial and transformational services",
        ["£4.26m", "£3.8m", "£2.80m"],
        "To transform business support, commissioning, procurement and category management, "
        "deliver significant cost reductions and income streams and promote high standards of "
        "management practice.",
        "Customer and Corporate Service Department",
    ),
    (
        "Environment & regeneration",
        ["£4.43m", "£5.14m", "£2.26m"],
        "To continue to make a visible difference by delivering key front line services to an "
        "acceptable standard and at optimal cost.",
        "Environment and Regeneration Department",
    ),
    (
        "Housing & community living",
        ["£6.73m", "£3.82m", "£2.80m"],
        "To protect vulnerable people whilst maximising prevention opportunities in order to "
        "minimise growth in demand for support services.",
        "Housing and Community Living Department",
    ),
    (
        "Customer connect",
        None,
        "To increase the shift towards more convenient, cost-effective access channel "
        "alternatives for customers and citizens. This will increasingly involve self-service.",
        "Customer and Corporate Service Department",
    ),
    (
        "Estate rationalisation",
        None,
        "To reduce significantly the council's footprint (both space and carbon) and increase "
        "agile working.",
        "Customer and Corporate Service Department",
    ),
]

ER = ("Environment & regeneration", "Environment and Regeneration Department")
HCL = ("Housing & community living", "Housing and Community Living Department")
CL = ("Children & learning", "Children and Learning Department")
# Seed 002 appendix 4: (reference, title, bundle/directorate, estimate or None, type, kind)
APPENDIX_4 = [
    (
        "ER 01",
        "Street services: concessionary travel off peak only, Dial-a-Ride contributions",
        ER,
        "£330k",
        "Reduction in provision",
        SavingKind.REDUCTION,
    ),
    (
        "ER 02",
        "Fly tipping and graffiti removal within two working days",
        ER,
        "£415k",
        "Reduction in provision",
        SavingKind.REDUCTION,
    ),
    (
        "ER 03",
        "Reduced planned footpath repair, road safety publicity and street furniture",
        ER,
        "£658k",
        "Reduction in provision",
        SavingKind.REDUCTION,
    ),
    (
        "ER 04",
        "Parks to statutory minimum ground maintenance; full-cost event charges",
        ER,
        None,
        "Reduction in provision",
        SavingKind.REDUCTION,
    ),
    (
        "ER 05",
        "Development management at a basic level; minimal forward planning",
        ER,
        "£552k",
        "Reduction in provision",
        SavingKind.REDUCTION,
    ),
    (
        "ER 06",
        "Transport strategy, sustainability and flood management to statutory minimum",
        ER,
        "£436k",
        "Reduction in provision",
        SavingKind.REDUCTION,
    ),
    (
        "ER 07",
        "Reduced capability on sustainable transport measures",
        ER,
        "£75k",
        "Reduction in provision",
        SavingKind.REDUCTION,
    ),
    (
        "ER 08",
        "Trading standards and environmental health prioritised to high risk cases",
        ER,
        "£480k",
        "Reduction in provision",
        SavingKind.REDUCTION,
    ),
    (
        "ER 09",
        "Abandoned vehicles and stray dogs: fewer posts, dog warden income, enforcement review",
        ER,
        "£204k",
        "Service redesign",
        SavingKind.REDUCTION,
    ),
    (
        "ER 10",
        "Community safety and civil protection to statutory minimum",
        ER,
        "£241k",
        "Reduction in provision",
        SavingKind.REDUCTION,
    ),
    (
        "ER 11",
        "Parking charges increase; more CCTV enforcement",
        ER,
        "£150k",
        "Income generation",
        SavingKind.INCOME,
    ),
    (
        "ER 12",
        "Self-funding licensing service",
        ER,
        "£100k",
        "Income generation",
        SavingKind.INCOME,
    ),
    (
        "ER 13",
        "Economic development service kept under review",
        ER,
        "£250k",
        "Efficiency",
        SavingKind.REDUCTION,
    ),
    (
        "HCL 01",
        "Review of commissioned support services for vulnerable adults",
        HCL,
        "£2.22m",
        "Efficiency",
        SavingKind.REDUCTION,
    ),
    (
        "HCL 02",
        "Remodel day care for older people and people with physical disabilities",
        HCL,
        "£1.1m",
        "Service redesign",
        SavingKind.REDUCTION,
    ),
    (
        "HCL 03",
        "Prevention and early intervention in adult social care",
        HCL,
        "£2.6m",
        "Service redesign",
        SavingKind.REDUCTION,
    ),
    (
        "HCL 04",
        "Sustainable older people's meals service",
        HCL,
        "£250k",
        "Service redesign",
        SavingKind.REDUCTION,
    ),
    (
        "HCL 05",
        "Remodel services for people with learning disabilities",
        HCL,
        "£1.6m",
        "Service redesign",
        SavingKind.REDUCTION,
    ),
    (
        "HCL 06",
        "Housing services: self service, partnerships, repairs traded service",
        HCL,
        "£1.1m",
        "Commercialisation",
        SavingKind.REDUCTION,
    ),
    (
        "HCL 07",
        "Transfer community centres to charitable partners",
        HCL,
        "£1.5m",
        "Service redesign",
        SavingKind.REDUCTION,
    ),
    (
        "HCL 08",
        "Organisational restructure of management",
        HCL,
        "£0.7m",
        "Efficiency",
        SavingKind.REDUCTION,
    ),
    (
        "CL 01",
        "Targeted and integrated youth service; review of youth offending",
        CL,
        "£700k",
        "Service redesign",
        SavingKind.REDUCTION,
    ),
    (
        "CL 02",
        "Prevention and early intervention funding",
        CL,
        "£3.679m",
        "Reduction in provision",
        SavingKind.REDUCTION,
    ),
    (
        "CL 03",
        "Prevention and early intervention: internal service remodelling",
        CL,
        "£312k",
        "Service redesign",
        SavingKind.REDUCTION,
    ),
    (
        "CL 04",
        "Schools support on a traded basis",
        CL,
        "£400k",
        "Commercialisation",
        SavingKind.INCOME,
    ),
    (
        "CL 05",
        "Schools support: internal remodelling and extra income",
        CL,
        "£1.066m",
        "Commercialisation",
        SavingKind.INCOME,
    ),
    (
        "CL 06",
        "Fundamental review of fostering; looked-after children commissioning",
        CL,
        "£450k",
        "Efficiency",
        SavingKind.REDUCTION,
    ),
]

# Illustrative delivery state: (reference, stage, decision, Jan RAG, Feb RAG, Feb forecast)
DELIVERY = {
    "CEX 01": (Stage.LIVE, "green", "blue", "£92k"),
    "CEX 02": (Stage.LIVE, "green", "green", "£24.5k"),
    "CEX 03": (Stage.LIVE, "amber", "amber", "£60k"),
    "ER 02": (Stage.LIVE, "green", "amber", "£300k"),
    "ER 03": (Stage.LIVE, "amber", "red", "£200k"),
    "HCL 01": (Stage.LIVE, "green", "green", "£2.22m"),
    "HCL 02": (Stage.LIVE, "amber", "amber", "£800k"),
    "CL 01": (Stage.LIVE, "red", "red", "£350k"),
    "CL 06": (Stage.LIVE, "green", "amber", "£400k"),
}


def _m(text: str) -> int:
    return parse_money(text)


def load_luton(council: Council) -> None:
    for name, cashable, counts in DEFAULT_TYPES:
        upsert(
            SavingsType,
            {"council": council, "name": name},
            {"cashable": cashable, "counts_toward_gap": counts},
            reason="Default savings types",
        )
    upsert(ProgrammeSettings, {"council": council}, reason="Default RAG weights")
    for fy, target in TARGETS.items():
        upsert(
            ProgrammeYear,
            {"council": council, "fy": fy},
            {"target_pence": _m(target), "team_cost_pence": _m(TEAM_COST[fy])},
            reason=f"{SEED_002}: current targets for 2013-18. Team cost: {ILLUSTRATIVE}",
        )
    directorates = {d.name: d for d in Directorate.objects.filter(council=council)}
    bundles = {}
    for name, targets, vision, directorate in BUNDLES:
        director = directorates[directorate].director
        bundle = upsert(
            Bundle,
            {"council": council, "name": name},
            {"vision": vision, "enabling": targets is None, "sponsor": director, "lead": None},
            reason=SEED_002,
        )
        bundles[name] = bundle
        for fy, target in zip((FY13, FY14, FY15), targets or [], strict=False):
            upsert(
                BundleTarget,
                {"bundle": bundle, "fy": fy},
                {"target_pence": _m(target)},
                reason=f"{SEED_002}: bundle targets",
            )
    people = {p.name: p for p in Person.objects.filter(council=council)}
    types = {t.name: t for t in SavingsType.objects.filter(council=council)}
    finance_lead = people["Finance and Airport Client Manager"]
    accountant = people["Demo Finance Lead"]
    manager = people["Demo Project Lead"]

    # Seed 000: the Chief Executive's Department's reductions, approved 4 March 2013.
    cex = directorates["Chief Executive's Department"]
    code = upsert(
        BudgetCode,
        {"council": council, "code": "CEX-0001"},
        {
            "name": "Chief Executive's Department base budget",
            "directorate": cex,
            "current_budget_pence": _m("£3.45m"),
            "budget_fy": FY13,
        },
        reason=f"{SEED_000}, paragraph 5: an overall budget of £3.45 million",
    )
    cex_lines = [
        (
            "CEX 01",
            "The voluntary separation of two employees from 31/3/13",
            "£92k",
            "Reduction in provision",
        ),
        ("CEX 02", "The deletion of part time vacancies", "£24.5k", "Efficiency"),
        ("CEX 03", "Base budget reductions", "£83.5k", "Efficiency"),
    ]
    for reference, title, amount, type_name in cex_lines:
        proposal = _proposal(
            council,
            reference=reference,
            title=title,
            savings_type=types[type_name],
            directorate=cex,
            bundle=bundles["Commercial and transformational services"],
            lead_officer=people["Head of Policy and Performance"],
            lead_member=people["Cllr Hazel Simmons"],
            portfolio=Portfolio.objects.get(council=council, name="Leader of the Council"),
            sponsor=cex.director,
            project_manager=manager,
            finance_lead=finance_lead,
            accountant=accountant,
            summary=f"{SEED_000}, recommendation 1.",
            background=(
                "Over the past two financial years the Chief Executive's Department has saved "
                "in the region of £800k. As part of the Council's £48 million budget reductions "
                "over the next three years, the department must find a further £850k, profiled "
                "2013/14 £200k, 2014/15 £490k, 2015/16 £160k."
            ),
            implementation_on=datetime.date(2013, 4, 1),
            stage=Stage.LIVE,
            decision_status=DecisionStatus.APPROVED,
            decision_body=DecisionBody.EXECUTIVE,
            decision_on=datetime.date(2013, 3, 4),
            decision_reference="Executive 4 March 2013, agenda item 8",
            notes=(
                f"{SEED_000}. Project manager, accountant, stage and forecasts: {ILLUSTRATIVE}."
            ),
            codes=[code],
        )
        _lines(proposal, [(FY13, amount, code)])
    restructure = _proposal(
        council,
        reference="CEX 04",
        title="Fundamental restructure of the Chief Executive's Department",
        savings_type=types["Service redesign"],
        directorate=cex,
        bundle=bundles["Commercial and transformational services"],
        lead_officer=people["Head of Policy and Performance"],
        lead_member=people["Cllr Harris"],
        summary=(
            "The Executive will receive a further report about the other reductions, to be "
            "realised through another fundamental restructure taking effect from 2014/15."
        ),
        notes=f"{SEED_000}, paragraphs 3, 4 and 8: the 2014/15 and 2015/16 parts of the £850k.",
        codes=[code],
    )
    _lines(restructure, [(FY14, "£490k", code), (FY15, "£160k", code)])

    for reference, title, (bundle_name, directorate_name), estimate, type_name, kind in APPENDIX_4:
        state = DELIVERY.get(reference)
        directorate = directorates[directorate_name]
        proposal = _proposal(
            council,
            reference=reference,
            title=title,
            savings_type=types[type_name],
            directorate=directorate,
            bundle=bundles[bundle_name],
            sponsor=directorate.director,
            project_manager=manager if state else None,
            finance_lead=finance_lead if state else None,
            accountant=accountant if state else None,
            summary=f"{SEED_002}, appendix 4 (from the prospectus 2013-2016).",
            stage=state[0] if state else Stage.IDEA,
            decision_status=DecisionStatus.APPROVED if state else DecisionStatus.CONSULTATION,
            decision_body=DecisionBody.FULL_COUNCIL if state else "",
            decision_on=datetime.date(2013, 2, 27) if state else None,
            decision_reference="Budget 2013/14 (illustrative date)" if state else "",
            notes=(
                (NO_SPLIT if estimate else "The seed gives no estimate of the saving.")
                + (f" Stage, decision and forecasts: {ILLUSTRATIVE}." if state else "")
            ),
            codes=[],
        )
        if estimate:
            _lines(proposal, [(FY13, estimate, None)], kind=kind)

    _monitoring(council)
    _lessons(council, bundles)


def _proposal(council, *, reference, codes, **values) -> Proposal:
    values.setdefault("stage", Stage.IDEA)
    values.setdefault("decision_status", DecisionStatus.DRAFT)
    proposal = upsert(
        Proposal, {"council": council, "reference": reference}, values, reason="Demo data"
    )
    if set(proposal.budget_codes.all()) != set(codes):
        proposal.budget_codes.set(codes)
    return proposal


def _lines(proposal: Proposal, rows, *, kind=SavingKind.REDUCTION) -> None:
    wanted = [(fy, _m(amount), code.pk if code else None) for fy, amount, code in rows]
    current = [(line.fy, line.amount_pence, line.budget_code_id) for line in proposal.lines.all()]
    if current == wanted and all(line.kind == kind for line in proposal.lines.all()):
        return
    proposal.lines.all().delete()
    for fy, pence, code_id in wanted:
        line = SavingLine(
            proposal=proposal, fy=fy, amount_pence=pence, kind=kind, budget_code_id=code_id
        )
        line._change_reason = "Demo data"
        line.save()


def _monitoring(council: Council) -> None:
    """Two closed months (January and February 2014) and an open March, all illustrative."""
    proposals = {p.reference: p for p in Proposal.objects.filter(council=council)}
    months = [datetime.date(2014, 1, 1), datetime.date(2014, 2, 1), datetime.date(2014, 3, 1)]
    for index, month in enumerate(months):
        period = upsert(
            Period, {"council": council, "month": month}, {"fy": FY13}, reason=ILLUSTRATIVE
        )
        for reference, (_, jan_rag, feb_rag, feb_amount) in DELIVERY.items():
            proposal = proposals[reference]
            planned = sum(line.amount_pence for line in proposal.lines.all() if line.fy == FY13)
            if index == 0:
                rag, amount = jan_rag, planned
            else:
                rag, amount = feb_rag, _m(feb_amount)
            if index == 2 and rag == "amber":
                continue  # March is still being filled in
            commentary = ""
            if rag in {"amber", "red"} or (index and rag != jan_rag):
                commentary = _commentary(rag, planned, amount)
            slippage = max(planned - amount, 0) if rag in {"amber", "red"} else 0
            upsert(
                Forecast,
                {"proposal": proposal, "period": period, "fy": FY13},
                {
                    "month": period.month,
                    "forecast_pence": amount,
                    "rag": rag,
                    "commentary": commentary,
                    "slippage_pence": slippage,
                    "slipped_to": FY14 if slippage else None,
                    "replacement": (
                        "A replacement saving is being sought within the bundle (illustrative)."
                        if rag == "red"
                        else ""
                    ),
                },
                reason=ILLUSTRATIVE,
            )
        if index < 2 and period.status != Period.Status.CLOSED:
            period.status = Period.Status.CLOSED
            period.closed_at = timezone.make_aware(
                datetime.datetime(month.year, month.month, 28, 17, 0)
            )
            period.report = monitoring_report(period=period)
            period._change_reason = ILLUSTRATIVE
            period.save()
    delivered = proposals["CEX 01"]
    upsert(
        BenefitConfirmation,
        {"proposal": delivered, "fy": FY13},
        {
            "amount_pence": _m("£92k"),
            "confirmed_on": datetime.date(2014, 2, 20),
            "note": f"The two posts left on 31 March 2013. {ILLUSTRATIVE}.",
        },
        reason=ILLUSTRATIVE,
    )


def _commentary(rag: str, planned: int, amount: int) -> str:
    if rag == "blue":
        return "Delivered: finance has confirmed the saving (illustrative)."
    if rag == "green":
        return "Back on track after the January review (illustrative)."
    gap = planned - amount
    if rag == "amber":
        return f"Part-year effect: {format_k(gap)} expected to slip to 2014/15 (illustrative)."
    return f"Consultation delayed implementation; {format_k(gap)} at risk this year (illustrative)."


LESSONS = [
    (
        "More evidence needed on which to base bundle and project targets.",
        "Projects will not be able to move to the initiation phase of the tracker until they "
        "have resources attached, an indicative budget code identified and a finance lead "
        "allocated.",
        "100% projects in the transformation programme have resources allocated to them "
        "(sponsors, project managers and technical investment). 100% of transformation "
        "projects have a justifiable savings target allocated to them.",
    ),
    (
        "Need to get staff more involved in key decisions and the process of delivering projects.",
        "Project management training for staff involved in projects; an internal "
        "communications and culture change programme; the Middle Management Challenge reached "
        "over 800 managers in 2011.",
        "Consultation and general involvement of staff results in higher quality and more "
        "transformational solutions; the Shape the Change survey evidenced increased "
        "workforce awareness and sense of involvement.",
    ),
    (
        "Improve early focus on coding savings, clarify project and bundle interdependencies "
        "and reduce duplication.",
        "Finance to allocate a named accountant to every project before it can move to the "
        "'live' phase of the tracker; a finance lead seconded to pick up potential "
        "duplication.",
        "Ongoing resolution of potential coding and duplication problems. Fewer 'failed savings'.",
    ),
    (
        "Effective, transparent allocation of resources to priorities.",
        "The new competency framework and a closer relationship between the LEx team and "
        "bundle sponsors; CLMT governs resource allocation at a monthly programme performance "
        "review.",
        "Substantial numbers of new project managers allocated to tracker projects. All "
        "priority projects fully resourced.",
    ),
    (
        "Greater clarity required on strategic priorities and vision.",
        "This strategy and its related internal communications programme.",
        "Shape the Change staff survey will continue to track understanding of transformation "
        "strategy.",
    ),
    (
        "Closer working between LEx/Fin/HR/IM to drive efficiency.",
        "Regular contact and progress checks between the teams in order to drive the "
        "programme and allocate resources appropriately.",
        "One tracker to include all finance and IM information, linked to the HR consultation "
        "tracker.",
    ),
]


def _lessons(council: Council, bundles: dict[str, Bundle]) -> None:
    for learning, actions, measure in LESSONS:
        lesson = upsert(
            Lesson,
            {"council": council, "learning": learning},
            {"actions": actions, "measure_of_success": measure},
            reason=f"{SEED_002}, appendix 3: learning log",
        )
        if not lesson.bundles.exists():
            lesson.bundles.set([b for b in bundles.values() if not b.enabling])


def load_tower_hamlets(council: Council) -> None:
    """Seed 003's proposal, complete, exempt until its staff consultation ends."""
    for name, cashable, counts in DEFAULT_TYPES:
        upsert(
            SavingsType,
            {"council": council, "name": name},
            {"cashable": cashable, "counts_toward_gap": counts},
            reason="Default savings types",
        )
    upsert(ProgrammeSettings, {"council": council}, reason="Default RAG weights")
    resources = Directorate.objects.get(council=council, name="Resources")
    people = {p.name: p for p in Person.objects.filter(council=council)}
    code = upsert(
        BudgetCode,
        {"council": council, "code": "RES-BUS-EXEC"},
        {
            "name": "Executive Support (Business Support)",
            "directorate": resources,
            "current_budget_pence": parse_money("1,957", unit=Unit.THOUSANDS),
            "budget_fy": FinancialYear(2020),
        },
        reason=f"{SEED_003}: current budget 2020-21 £1,957k",
    )
    proposal = _proposal(
        council,
        reference="SAV / RES 002 / 21-22",
        title="Reorganisation of Executive Support – Phase 2",
        savings_type=SavingsType.objects.get(council=council, name="Reduction in provision"),
        directorate=resources,
        service_area=ServiceArea.objects.get(directorate=resources, name="Central services"),
        strategic_outcome="13. Not aligned with Strategic outcome",
        lead_officer=people["Steven Tinkler"],
        lead_member=people["Cllr Candida Ronald"],
        portfolio=Portfolio.objects.get(council=council, name="Resources and the Voluntary Sector"),
        summary=(
            "Further reduce Executive Support and ensure consistency across senior management "
            "tiers, removing the flexible Executive Support Officer resource."
        ),
        background=(
            "Phase 1 of the Executive Support element of the wider Reorganisation of "
            "Administrative and Executive Support Services review has been implemented, "
            "providing dedicated support to the Corporate Leadership Team, forward planning for "
            "the Mayor's Advisory Board, Cabinet and Statutory Committees, senior executive "
            "support for the Chief Executive and Corporate Directors, Executive Support to "
            "Divisional Directors at one officer shared by two, three flexible Executive Support "
            "Officers, and Senior Management Support Officers at one to three Service Managers."
        ),
        proposal=(
            "In view of the changing financial landscape due to Covid-19, and with more "
            "meetings held virtually: 1. remove all flexible Executive Support Officer resource "
            "(3 FTE, full cost circa £135k); 2. all Divisional Directors share Executive Support "
            "at a ratio of at least 1 ESO to 2 DDs; 3. no executive support below Divisional "
            "Director tier. Service Managers to embrace the enabled manager concept."
        ),
        implementation_on=datetime.date(2021, 4, 1),
        resources="Implementation would be scheduled for 1st April 2021.",
        exempt=True,
        exempt_paragraphs="1, 4",
        exempt_until=None,
        notes=(
            f"{SEED_003} (Directorate service: Business Support). Exempt under Schedule 12A "
            "paragraphs 1 (individuals) and 4 (labour relations) until the staff consultation "
            "ends; set 'may be published from' when its end date is known."
        ),
        codes=[code],
    )
    _lines(proposal, [(FinancialYear(2021), "£553k", code)])
    staffing = [
        ("Executive Support Team Leader", "1", "0"),
        ("Executive Support Officer", "5", "4"),
        ("Senior Management Support Officer", "5", "0"),
    ]
    current = [(s.role, s.fte, s.vacancies_held) for s in proposal.staffing.all()]
    wanted = [(role, Decimal(fte), Decimal(v)) for role, fte, v in staffing]
    if current != wanted:
        proposal.staffing.all().delete()
        for role, fte, vacancies in wanted:
            StaffingImpact.objects.create(
                proposal=proposal,
                fy=FinancialYear(2021),
                role=role,
                fte=fte,
                vacancies_held=vacancies,
            )
    risks = [
        (
            "Culture of the organisation is unwilling to accept a further reduction in "
            "Executive Support resource and service provision, particularly at management "
            "tiers below Divisional Director.",
            "Full buy-in and support provided by CLT and clear communications of this.",
        ),
        (
            "Concept of Enabled Manager is not accepted by the Council.",
            "Clear communication from CLT.",
        ),
        (
            "Trade Unions reject proposal on the basis that it is a further review of "
            "Executive Support.",
            "Overriding mitigation is a clear Executive Support Service offering, endorsed by "
            "CLT and communicated across the senior management tiers.",
        ),
    ]
    if [(r.description, r.mitigation) for r in proposal.risks.all()] != risks:
        proposal.risks.all().delete()
        for order, (description, mitigation) in enumerate(risks, start=1):
            ProposalRisk.objects.create(
                proposal=proposal, order=order, description=description, mitigation=mitigation
            )
