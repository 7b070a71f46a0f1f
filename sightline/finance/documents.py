"""The medium-term financial plan as a document (WeasyPrint): the gap against the programme
with its chart, the scenarios compared, the funding and pressures with their assumptions, the
budget tables and the cycle. Built from the selectors, so it shows what its reader may see,
the same figures as the pages."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from sightline.finance import selectors
from sightline.finance.charts import gap_chart
from sightline.finance.models import Section
from sightline.finance.rules import MEASURE_LABELS, MEASURES


def plan_context(*, membership, scenario) -> dict:
    plan = selectors.plan_get(membership=membership)
    context = {
        "council": membership.council,
        "plan": plan,
        "scenario": scenario,
        "measures": [(m, MEASURE_LABELS[m]) for m in MEASURES],
        "revenue": selectors.revenue_table(membership=membership),
        "capital": selectors.capital_table(membership=membership),
        "plan_notes": list(selectors.note_list(membership=membership, section=Section.PLAN)),
        "funding_notes": list(selectors.note_list(membership=membership, section=Section.FUNDING)),
        "printed_on": timezone.localdate(),
    }
    if plan is not None:
        context["compared"] = selectors.compare(membership=membership, plan=plan)
        context["years"] = selectors.plan_years(plan)
        chosen = next((c for c in context["compared"] if c.scenario == scenario), None)
        if chosen is not None:
            context.update(
                {
                    "gap": chosen,
                    "table": chosen.assumptions,
                    "sensitivity": selectors.sensitivity(table=chosen.assumptions),
                    "chart": gap_chart(chosen, width=960, height=250),
                }
            )
    fy = selectors.default_cycle_year(membership=membership)
    if fy is not None:
        context["position"] = selectors.cycle_position(membership=membership, fy=fy)
    return context


def plan_pdf(*, membership, scenario) -> bytes:
    from weasyprint import HTML

    context = plan_context(membership=membership, scenario=scenario)
    plan = context["plan"]
    context["title"] = f"{membership.council.name}: {plan.title if plan else 'financial plan'}"
    return HTML(string=render_to_string("finance/plan_print.html", context)).write_pdf()
