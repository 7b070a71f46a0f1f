"""The programme office's pages: generate a simulation from the programme and the plan,
publish and close it, send its results to the proposals; every member reads the results."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sightline.accounts.permissions import allowed, check, refusal, require_membership
from sightline.core.exports import UTF8_BOM, csv_row, spreadsheet_text
from sightline.core.fiscal import FinancialYear, FinancialYearError
from sightline.core.forms import add_service_errors
from sightline.finance.models import BudgetLine
from sightline.savings.models import Proposal
from sightline.simulator import rules, selectors, services
from sightline.simulator.forms import SimulationForm, YearForm
from sightline.simulator.models import DEMOGRAPHICS


@require_GET
def simulation_list(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    today = timezone.localdate()
    simulations = list(selectors.simulation_list(membership=membership))
    return render(
        request,
        "simulator/list.html",
        {
            "council": membership.council,
            "rows": [(s, s.status(today), s.submissions.count()) for s in simulations],
            "slug": selectors.public_slug(membership.council),
        },
    )


def _year(request: HttpRequest, years: list[FinancialYear]) -> FinancialYear | None:
    text = request.GET.get("fy") or request.POST.get("fy") or ""
    try:
        fy = FinancialYear.parse(text) if text else None
    except FinancialYearError:
        fy = None
    if fy in years:
        return fy
    current = FinancialYear.current()
    later = [y for y in years if y >= current]
    return later[0] if later else (years[-1] if years else None)


@require_http_methods(["GET", "POST"])
def simulation_create(request: HttpRequest) -> HttpResponse:
    """Generate a simulation for a year from the programme and the plan."""
    membership = require_membership(request.user)
    council = membership.council
    if not allowed(request.user, "simulator.create_simulation", council):
        raise PermissionDenied(refusal(request.user, "simulator.create_simulation", council))
    found = selectors.defaults(membership=membership, fy=None)
    fy = _year(request, found.years)
    if fy is None:
        messages.error(request, "The council has no financial plan yet: add one first.")
        return redirect("simulator:list")
    found = selectors.defaults(membership=membership, fy=fy)
    offers = selectors.offerable(membership=membership, fy=fy)
    service_offers = selectors.service_lines(council=council, fy=fy)
    kwargs = {"offers": offers, "service_offers": service_offers}
    if request.method == "POST":
        form = SimulationForm(request.POST, **kwargs)
        if form.is_valid():
            data = form.cleaned_data
            proposals = list(Proposal.objects.filter(council=council, pk__in=data["proposals"]))
            lines = BudgetLine.objects.filter(council=council, pk__in=data["services"])
            try:
                simulation = services.simulation_create(
                    council=council,
                    by=request.user,
                    fy=fy,
                    title=data["title"],
                    introduction=data["introduction"],
                    gap_pence=data["gap"],
                    gap_source=found.gap_source,
                    council_tax_pence=data["council_tax"],
                    tax_max_hundredths=data["tax_max"],
                    opens_on=data["opens_on"],
                    closes_on=data["closes_on"],
                    proposals=sorted(proposals, key=lambda p: p.reference),
                    services=[
                        services.ServicePick(line, data["min_percent"], data["max_percent"])
                        for line in lines
                    ],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Generated \u201c{simulation.title}\u201d")
                return redirect("simulator:detail", pk=simulation.pk)
    else:
        form = SimulationForm(
            initial={
                "title": f"Your budget {fy}: help us balance it",
                "gap": found.gap_pence,
                "council_tax": found.council_tax_pence,
                "tax_max": 499,
                "min_percent": -10,
                "max_percent": 10,
                "proposals": [o.proposal.pk for o in offers if o.default],
                "services": [s.line.pk for s in service_offers if s.budget_pence is not None],
            },
            **kwargs,
        )
    return render(
        request,
        "simulator/create.html",
        {
            "council": council,
            "form": form,
            "fy": fy,
            "year_form": YearForm(initial={"fy": str(fy)}, years=found.years),
            "defaults": found,
        },
    )


@require_GET
def simulation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The simulation as generated, where it stands, and its results so far."""
    membership = require_membership(request.user)
    simulation = selectors.simulation_get(membership=membership, pk=pk)
    check(request.user, "simulator.read_results", simulation)
    today = timezone.localdate()
    return render(
        request,
        "simulator/detail.html",
        {
            "council": membership.council,
            "simulation": simulation,
            "status": simulation.status(today),
            "results": selectors.results(simulation),
            "slug": selectors.public_slug(membership.council),
            "tax_max": rules.format_percent(simulation.tax_max_hundredths),
        },
    )


ACTIONS = {
    "publish": (services.simulation_publish, "Published: residents can answer it while it is open"),
    "close": (services.simulation_close, "Closed, and the results sent to each proposal"),
    "send": (
        services.simulation_send_results,
        "Results sent to each proposal's consultation record",
    ),
}


@require_POST
def simulation_action(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish, close, or send the results to the proposals' consultation records."""
    membership = require_membership(request.user)
    simulation = selectors.simulation_get(membership=membership, pk=pk)
    action = ACTIONS.get(request.POST.get("action", ""))
    if not allowed(request.user, "simulator.manage_simulation", simulation):
        raise PermissionDenied(refusal(request.user, "simulator.manage_simulation", simulation))
    if action is None:
        messages.error(request, "Choose to publish, close or send the results.")
        return redirect("simulator:detail", pk=simulation.pk)
    service, done = action
    try:
        service(simulation=simulation, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("simulator:detail", pk=simulation.pk)


@require_GET
def simulation_results_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """Every submission, a row each: the choices, comments and demographics, formula-inert."""
    membership = require_membership(request.user)
    simulation = selectors.simulation_get(membership=membership, pk=pk)
    check(request.user, "simulator.read_results", simulation)
    options = list(simulation.options.all())
    service_rows = list(simulation.services.all())
    out = io.StringIO()
    out.write(UTF8_BOM)
    writer = csv.writer(out)
    writer.writerow(
        csv_row(  # option references and service names are what the council typed
            [
                "Submission",
                "Submitted at",
                "Illustrative",
                "Closes the gap",
                "Raised or saved (£)",
                "Council tax rise (%)",
                *[f"{o.reference}: keep" for o in options],
                *[f"{o.reference}: comment" for o in options],
                *[f"{s.name}: change (%)" for s in service_rows],
                "Comment",
                "Ward or postcode district",
                *[label for label, _ in DEMOGRAPHICS.values()],
            ]
        )
    )
    for submission in simulation.submissions.prefetch_related("options", "services"):
        chosen = {c.option_id: c for c in submission.options.all()}
        moved = {c.service_id: c.percent for c in submission.services.all()}
        writer.writerow(
            [
                submission.pk,
                timezone.localtime(submission.submitted_at).isoformat(timespec="minutes"),
                "yes" if submission.illustrative else "no",
                "yes" if submission.closes_gap else "no",
                _pounds(submission.total_pence),
                rules.format_percent(submission.tax_hundredths),
                *[
                    "keep" if chosen[o.pk].keep else "remove" if o.pk in chosen else ""
                    for o in options
                ],
                *[
                    spreadsheet_text(chosen[o.pk].comment) if o.pk in chosen else ""
                    for o in options
                ],
                *[moved.get(s.pk, "") for s in service_rows],
                spreadsheet_text(submission.comment),
                spreadsheet_text(submission.area),
                *[getattr(submission, f"get_{name}_display")() for name in DEMOGRAPHICS],
            ]
        )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="budget-simulator-{simulation.pk}-results.csv"'
    )
    return response


def _pounds(pence: int) -> str:
    sign = "-" if pence < 0 else ""
    whole, part = divmod(abs(pence), 100)
    return f"{sign}{whole}.{part:02d}"
