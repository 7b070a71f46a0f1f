"""Luton Borough Council's savings programme, from its Executive report of 4 March 2013 and
Luton Together Phase 2, written by the demo programme office through the savings services.

Figures from the documents are exact. Where the demo needs something the documents do not
give (RAG ratings, forecasts, stages, accountants, programme team cost), it is marked
illustrative in the record's notes or commentary.
"""

from __future__ import annotations

import datetime

from sightline.accounts.models import Council, Directorate, Person, Portfolio
from sightline.demo import monitoring
from sightline.demo.accounts import login
from sightline.demo.proposals import Decision, budget_code, pence, programme_basics, proposal
from sightline.demo.savings_data import (
    APPENDIX_4,
    BUNDLES,
    CEX_BACKGROUND,
    CEX_REDUCTIONS,
    DELIVERY,
    FY13,
    FY14,
    FY15,
    LESSONS,
    TARGETS,
    TEAM_COST,
)
from sightline.demo.sources import EXECUTIVE_REPORT, ILLUSTRATIVE, LUTON_TOGETHER
from sightline.demo.sync import differences
from sightline.savings.models import (
    Bundle,
    DecisionBody,
    DecisionStatus,
    Lesson,
    ProgrammeYear,
    Stage,
)
from sightline.savings.services import bundle_save, lesson_save, programme_year_set

# The report went to the Executive of 4 March 2013 (agenda item 8) recommending approval; the
# documents do not record the Executive's decision, so the approval itself is illustrative.
EXECUTIVE = Decision(
    DecisionStatus.APPROVED,
    body=DecisionBody.EXECUTIVE,
    decided_on=datetime.date(2013, 3, 4),
    reference="Executive 4 March 2013, agenda item 8",
    note=(
        f"{EXECUTIVE_REPORT}, recommendation 1, recommends that the Executive of 4 March 2013 "
        "approve it. That the Executive approved it that day is illustrative: the documents "
        f"give the recommendation, not the decision. {ILLUSTRATIVE}."
    ),
)
LEAD_MEMBERS = (
    "Lead Executive Members: Cllr Simmons and Cllr Harris (the report names both: Cllr Simmons "
    "as each saving's lead member, Cllr Harris as the holder of the portfolio that leads the "
    "Chief Executive's Department)."
)
SPONSOR_ILLUSTRATIVE = (
    "Sponsor: the department's director, illustrative (the documents name no sponsor)."
)
BUDGET = Decision(
    DecisionStatus.APPROVED,
    body=DecisionBody.FULL_COUNCIL,
    decided_on=datetime.date(2013, 2, 27),
    reference="Budget 2013/14 (illustrative date)",
    note=f"Approved with the 2013/14 budget (the body and date are the demo's). {ILLUSTRATIVE}.",
)
CONSULTATION = Decision(
    DecisionStatus.CONSULTATION,
    note=f"Put to consultation with the prospectus 2013-2016: {LUTON_TOGETHER}, appendix 4.",
)


def load_luton(council: Council) -> None:
    office = login("programme_office")
    types = programme_basics(council, by=office)
    for fy, target in TARGETS.items():
        found = ProgrammeYear.objects.filter(council=council, fy=fy).first()
        wanted = {"target_pence": pence(target), "team_cost_pence": pence(TEAM_COST[fy])}
        if found is None or differences(found, wanted):
            programme_year_set(council=council, fy=fy, by=office, **wanted)
    directorates = {d.name: d for d in Directorate.objects.filter(council=council)}
    bundles = _bundles(council, directorates, by=office)
    people = {p.name: p for p in Person.objects.filter(council=council)}
    delivery = {
        "finance_lead": people["Finance and Airport Client Manager"],
        "accountant": people["Demo Finance Lead"],
        "project_manager": people["Demo Project Lead"],
    }

    # The Executive report: the Chief Executive's Department's reductions, approved 4 March 2013.
    cex = directorates["Chief Executive's Department"]
    code = budget_code(
        council,
        "CEX-0001",
        {
            "name": "Chief Executive's Department base budget",
            "directorate": cex,
            "current_budget_pence": pence("£3.45m"),
            "budget_fy": FY13,
        },
        by=office,
    )
    corporate = bundles["Commercial and transformational services"]
    common = {
        "directorate": cex,
        "bundle": corporate,
        "lead_officer": people["Head of Policy and Performance"],
    }
    for reference, title, amount, type_name in CEX_REDUCTIONS:
        proposal(
            council,
            by=office,
            reference=reference,
            fields={
                **common,
                **delivery,
                "title": title,
                "savings_type": types[type_name],
                "lead_member": people["Cllr Hazel Simmons"],
                "portfolio": Portfolio.objects.get(council=council, name="Leader of the Council"),
                "sponsor": cex.director,
                "summary": (
                    f"{EXECUTIVE_REPORT}, recommendation 1: that the Executive approve the "
                    "2013/14 budget reductions for the Chief Executive's Department, £200k in all."
                ),
                "background": CEX_BACKGROUND,
                "implementation_on": datetime.date(2013, 4, 1),
                "notes": (
                    f"From {EXECUTIVE_REPORT}. {LEAD_MEMBERS} {SPONSOR_ILLUSTRATIVE} Project "
                    f"manager, accountant, stage and forecasts: {ILLUSTRATIVE}."
                ),
            },
            codes=[code],
            lines=[(FY13, amount, code)],
            source=EXECUTIVE_REPORT,
            decision=EXECUTIVE,
            stage=Stage.LIVE,
        )
    proposal(
        council,
        by=office,
        reference="CEX 04",
        fields={
            **common,
            "title": "Fundamental restructure of the Chief Executive's Department",
            "savings_type": types["Service redesign"],
            "lead_member": people["Cllr Hazel Simmons"],
            "portfolio": Portfolio.objects.get(council=council, name="Leader of the Council"),
            "summary": (
                "The Executive will receive a further report about the other reductions, to be "
                "realised through another fundamental restructure taking effect from 2014/15."
            ),
            "notes": (
                f"From {EXECUTIVE_REPORT}, paragraphs 3, 4 and 8: the 2014/15 and 2015/16 parts "
                f"of the £850k. {LEAD_MEMBERS}"
            ),
        },
        codes=[code],
        lines=[(FY14, "£490k", code), (FY15, "£160k", code)],
        source=EXECUTIVE_REPORT,
    )

    for reference, title, (bundle_name, directorate_name), profile, type_name, kind in APPENDIX_4:
        delivered = reference in DELIVERY
        directorate = directorates[directorate_name]
        lines, notes = profile or ([], "Luton Together Phase 2 gives no estimate of the saving.")
        notes += f" {SPONSOR_ILLUSTRATIVE}"
        if delivered:
            notes += f" Stage, decision and forecasts: {ILLUSTRATIVE}."
        proposal(
            council,
            by=office,
            reference=reference,
            fields={
                **(delivery if delivered else {}),
                "title": title,
                "savings_type": types[type_name],
                "directorate": directorate,
                "bundle": bundles[bundle_name],
                "sponsor": directorate.director,
                "summary": f"From {LUTON_TOGETHER}, appendix 4 (from the prospectus 2013-2016).",
                "notes": notes,
            },
            codes=[],
            lines=[(fy, amount, None, description) for fy, amount, description in lines],
            kind=kind,
            source=LUTON_TOGETHER,
            decision=BUDGET if delivered else CONSULTATION,
            stage=Stage.LIVE if delivered else Stage.IDEA,
        )

    monitoring.load_luton(council)
    _lessons(council, bundles, by=office)


def _bundles(council: Council, directorates: dict[str, Directorate], *, by) -> dict[str, Bundle]:
    """Luton Together Phase 2's bundles with their targets for 2013/14 to 2015/16 (an enabling
    bundle has none), each sponsored by its department's director: the strategy says each
    bundle has a sponsor but names none, so the sponsors are illustrative."""
    reason = (
        f"Demo data from {LUTON_TOGETHER}, appendix 5. Sponsor: the department's director "
        f"({ILLUSTRATIVE})."
    )
    bundles = {}
    for name, targets, vision, directorate in BUNDLES:
        wanted = {
            "vision": vision,
            "enabling": targets is None,
            "sponsor": directorates[directorate].director,
            "lead": None,
        }
        wanted_targets = {
            fy: pence(t) for fy, t in zip((FY13, FY14, FY15), targets or [], strict=False)
        }
        bundle = Bundle.objects.filter(council=council, name=name).first()
        if bundle is None:
            bundle = Bundle(council=council, name=name, **wanted)
            bundle_save(bundle=bundle, by=by, targets=wanted_targets, reason=reason)
        else:
            changed = differences(bundle, wanted)
            current = {t.fy: t.target_pence for t in bundle.targets.all()}
            targets_changed = {fy: p for fy, p in wanted_targets.items() if current.get(fy) != p}
            if changed or targets_changed:
                for field, value in changed.items():
                    setattr(bundle, field, value)
                bundle_save(bundle=bundle, by=by, targets=targets_changed, reason=reason)
        bundles[name] = bundle
    return bundles


def _lessons(council: Council, bundles: dict[str, Bundle], *, by) -> None:
    """Luton Together Phase 2's learning log, each lesson for the delivery bundles."""
    delivery = [b for b in bundles.values() if not b.enabling]
    for learning, actions, measure in LESSONS:
        wanted = {"actions": actions, "measure_of_success": measure}
        lesson = Lesson.objects.filter(council=council, learning=learning).first()
        if lesson is None:
            lesson = Lesson(council=council, learning=learning, **wanted)
        elif not differences(lesson, wanted) and {b.pk for b in delivery} == set(
            lesson.bundles.values_list("pk", flat=True)
        ):
            continue
        for field, value in wanted.items():
            setattr(lesson, field, value)
        lesson_save(lesson=lesson, by=by, bundles=delivery)
