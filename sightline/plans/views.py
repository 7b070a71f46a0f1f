"""Pages of service plans. Each view fetches through a selector, asks the named rule (from
``sightline.plans.permissions``) before it offers a form, binds it, calls a service and renders
or redirects; the rules live in services, permissions and rules."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sightline.accounts.permissions import allowed, refusal, require_membership
from sightline.core.forms import add_service_errors, posted_version
from sightline.core.history import history_for
from sightline.plans import rules, selectors, services
from sightline.plans.forms import (
    ActionForm,
    ImpactGridForm,
    ObjectiveForm,
    PlanForm,
    PriorityForm,
    QuarterlyUpdateForm,
)
from sightline.plans.models import ServicePriority

OBJECTIVE_PAGE_SIZE = 50


def _require(request: HttpRequest, name: str, obj=None) -> None:
    """403 in the rule's own words unless the user may do ``name``: asked before a form is
    offered, so nobody fills one in only to learn on submitting that they cannot."""
    if not allowed(request.user, name, obj):
        raise PermissionDenied(refusal(request.user, name, obj))


def _plan_for(request: HttpRequest, pk: int, name: str):
    """The plan, if the user may do ``name`` to it; 404 for another council's, 403 saying
    who can."""
    membership = require_membership(request.user)
    plan = selectors.plan_get(membership=membership, pk=pk)
    _require(request, name, plan)
    return membership, plan


def _plan_url(plan, anchor: str = "") -> str:
    return reverse("plans:plan", args=[plan.pk]) + (f"#{anchor}" if anchor else "")


# --- plans -------------------------------------------------------------------------------------


@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    return render(
        request,
        "plans/list.html",
        {"years": selectors.plans_by_year(membership=membership)},
    )


@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest) -> HttpResponse:
    _require(request, "plans.create_plan")
    form = PlanForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{plan.title} started. Now add its priorities.")
            return redirect("plans:plan", pk=plan.pk)
    return render(request, "plans/plan_form.html", {"form": form, "plan": None})


@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    plan = selectors.plan_get(membership=membership, pk=pk)
    return render(
        request,
        "plans/plan.html",
        {
            "plan": plan,
            "history": history_for(plan, page=request.GET.get("history", 1)),
            "max_priorities": rules.MAX_PRIORITIES,
            **selectors.plan_detail(membership=membership, plan=plan),
        },
    )


@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _, plan = _plan_for(request, pk, "plans.change_plan")
    initial = {
        "directorate": plan.directorate_id,
        "fy": plan.fy,
        "title": plan.title,
        "report_of": plan.report_of,
        "summary": plan.summary,
    }
    form = PlanForm(request.POST or None, initial=initial, user=request.user)
    form.fields["directorate"].disabled = True
    form.fields["fy"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(
                plan=plan,
                by=request.user,
                data=form.cleaned_data,
                expected_version=posted_version(request.POST),
                reason=request.POST.get("reason", ""),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Service plan saved.")
            return redirect("plans:plan", pk=plan.pk)
    return render(request, "plans/plan_form.html", {"form": form, "plan": plan})


# --- priorities --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def priority_add(request: HttpRequest, pk: int) -> HttpResponse:
    membership, plan = _plan_for(request, pk, "plans.change_priorities")
    form = PriorityForm(request.POST or None, council=membership.council)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            priority = services.priority_add(
                plan=plan,
                by=request.user,
                title=d["title"],
                why=d["why"],
                strategic_priority=d["strategic_priority"],
                reason=d["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Priority {priority.number} added.")
            return redirect(_plan_url(plan, f"priority-{priority.number}"))
    count = ServicePriority.objects.filter(plan=plan).count()
    return render(
        request,
        "plans/priority_form.html",
        {
            "form": form,
            "plan": plan,
            "priority": None,
            "full": count >= rules.MAX_PRIORITIES,
            "limit_message": rules.priority_limit_message(plan),
        },
    )


@require_http_methods(["GET", "POST"])
def priority_edit(request: HttpRequest, pk: int, priority_pk: int) -> HttpResponse:
    membership, plan = _plan_for(request, pk, "plans.change_priorities")
    priority = get_object_or_404(ServicePriority.objects.filter(plan=plan), pk=priority_pk)
    initial = {
        "title": priority.title,
        "why": priority.why,
        "strategic_priority": priority.strategic_priority_id,
    }
    form = PriorityForm(request.POST or None, initial=initial, council=membership.council)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.priority_update(
                priority=priority,
                by=request.user,
                data={k: d[k] for k in ("title", "why", "strategic_priority")},
                expected_version=posted_version(request.POST),
                reason=d["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Priority {priority.number} saved.")
            return redirect(_plan_url(plan, f"priority-{priority.number}"))
    return render(
        request,
        "plans/priority_form.html",
        {
            "form": form,
            "plan": plan,
            "priority": priority,
            "history": history_for(priority, page=request.GET.get("history", 1)),
        },
    )


# --- actions -----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def action_add(request: HttpRequest, pk: int) -> HttpResponse:
    _, plan = _plan_for(request, pk, "plans.change_actions")
    initial = {"priority": request.GET.get("priority")} if request.GET.get("priority") else {}
    form = ActionForm(request.POST or None, initial=initial, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            action = services.action_add(
                priority=form.cleaned_data["priority"],
                by=request.user,
                reason=form.cleaned_data["reason"],
                **form.service_data(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Action added.")
            return redirect(_plan_url(plan, f"action-{action.pk}"))
    return render(request, "plans/action_form.html", {"form": form, "plan": plan, "action": None})


@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    action = selectors.action_get(membership=membership, pk=pk)
    plan = action.priority.plan
    _require(request, "plans.change_actions", plan)
    initial = {"priority": action.priority_id, **{n: getattr(action, n) for n in _ACTION_FIELDS}}
    form = ActionForm(request.POST or None, initial=initial, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(
                action=action,
                by=request.user,
                data={"priority": form.cleaned_data["priority"], **form.service_data()},
                expected_version=posted_version(request.POST),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Action saved.")
            return redirect("plans:action", pk=action.pk)
    return render(request, "plans/action_form.html", {"form": form, "plan": plan, "action": action})


_ACTION_FIELDS = ["description", "resourced", "resources", "deadline", "deadline_on", "outcome"]


@require_GET
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    action = selectors.action_get(membership=membership, pk=pk)
    plan = action.priority.plan
    row = selectors.action_detail(membership=membership, action=action)
    return render(
        request,
        "plans/action.html",
        {
            "plan": plan,
            "row": row,
            "action": row.action,
            "history": history_for(row.action, page=request.GET.get("history", 1)),
            "update_histories": [
                (u, history_for(u)) for _, _, u in row.by_quarter if u is not None
            ],
            "as_of": rules.late_as_of(plan.fy, timezone.localdate()),
        },
    )


@require_http_methods(["GET", "POST"])
def update_record(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    plan = selectors.plan_get(membership=membership, pk=pk)
    action = selectors.action_get(membership=membership, pk=action_pk, plan=plan)
    _require(request, "plans.record_update", plan)
    try:
        quarter = int(request.GET.get("quarter", ""))
    except ValueError:
        quarter = selectors.default_quarter(action=action, fy=plan.fy)
    if quarter not in rules.QUARTERS:
        quarter = selectors.default_quarter(action=action, fy=plan.fy)
    existing = selectors.update_for(action=action, fy=plan.fy, quarter=quarter)
    initial = {
        "quarter": quarter,
        "loaded_quarter": quarter,
        "version": existing.version if existing else 0,
        "status": existing.status if existing else None,
        "narrative": existing.narrative if existing else "",
    }
    form = QuarterlyUpdateForm(request.POST or None, initial=initial, fy=plan.fy)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            update = services.quarterly_update_record(
                action=action,
                by=request.user,
                quarter=d["quarter"],
                status=d["status"],
                narrative=d["narrative"],
                expected_version=form.expected_version(),
                reason=d["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{rules.quarter_label(plan.fy, update.quarter)} update position recorded: "
                f"{update.get_status_display().lower()}.",
            )
            return redirect(_plan_url(plan, f"action-{action.pk}"))
    row = selectors.action_detail(membership=membership, action=action)
    return render(
        request,
        "plans/update_form.html",
        {
            "form": form,
            "plan": plan,
            "action": action,
            "row": row,
            "recorded": [(q, u) for q, _, u in row.by_quarter if u is not None],
        },
    )


# --- the corporate objective impact grid -------------------------------------------------------


@require_http_methods(["GET", "POST"])
def impact_grid(request: HttpRequest, pk: int) -> HttpResponse:
    membership, plan = _plan_for(request, pk, "plans.set_impact")
    detail = selectors.plan_detail(membership=membership, plan=plan)
    objectives = [row.objective for row in detail["grid"]]
    current = {row.objective.pk: row.impact.impact for row in detail["grid"] if row.impact}
    form = ImpactGridForm(request.POST or None, objectives=objectives, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.impact_grid_set(
                plan=plan,
                by=request.user,
                impacts=form.impacts(),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Corporate objective impact saved.")
            return redirect(_plan_url(plan, "impact"))
    return render(request, "plans/impact_form.html", {"form": form, "plan": plan})


# --- personal objectives -----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def objectives(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    # The list is for every member; the form only for those who may set an objective.
    can_add = allowed(request.user, "plans.set_objective")
    if request.method == "POST":
        _require(request, "plans.set_objective")
    form = ObjectiveForm(request.POST or None, membership=membership) if can_add else None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            objective = services.objective_create(
                by=request.user,
                person=d["person"],
                action=d["action"],
                title=d["title"],
                starts_on=d["starts_on"],
                review_on=d["review_on"],
                final_review_on=d["final_review_on"],
                reason=d["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Objective set for {objective.person.name}: six-month review on "
                f"{objective.review_on:%-d %B %Y}.",
            )
            return redirect("plans:objectives")
    # One page of objectives, counted in the database.
    paginator = Paginator(
        selectors.objective_list(membership=membership).order_by("person__name", "starts_on", "pk"),
        OBJECTIVE_PAGE_SIZE,
    )
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "plans/objectives.html",
        {
            "objectives": page.object_list,
            "page": page,
            "page_range": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "query": "",
            "form": form,
        },
    )


@require_http_methods(["GET", "POST"])
def objective_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    objective = get_object_or_404(selectors.objective_list(membership=membership), pk=pk)
    _require(request, "plans.change_objective", objective)
    initial = {
        "person": objective.person_id,
        "action": objective.action_id,
        "title": objective.title,
        "starts_on": objective.starts_on,
        "review_on": objective.review_on,
        "final_review_on": objective.final_review_on,
    }
    form = ObjectiveForm(request.POST or None, initial=initial, membership=membership)
    form.fields["person"].disabled = True
    form.fields["person"].queryset = type(objective.person).objects.filter(pk=objective.person_id)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.objective_update(
                objective=objective,
                by=request.user,
                data={
                    "action": d["action"],
                    "title": d["title"],
                    "starts_on": d["starts_on"],
                    "review_on": d["review_on"] or rules.six_months_after(d["starts_on"]),
                    "final_review_on": d["final_review_on"],
                },
                expected_version=posted_version(request.POST),
                reason=d["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Objective saved.")
            return redirect("plans:objectives")
    return render(
        request,
        "plans/objective_form.html",
        {
            "form": form,
            "objective": objective,
            "history": history_for(objective, page=request.GET.get("history", 1)),
        },
    )


@require_POST
def priority_remove(request: HttpRequest, pk: int, priority_pk: int) -> HttpResponse:
    _, plan = _plan_for(request, pk, "plans.change_priorities")
    priority = get_object_or_404(ServicePriority.objects.filter(plan=plan), pk=priority_pk)
    try:
        services.priority_remove(
            priority=priority, by=request.user, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("plans:priority_edit", pk=plan.pk, priority_pk=priority.pk)
    messages.success(request, f"Priority {priority.number} removed.")
    return redirect("plans:plan", pk=plan.pk)
