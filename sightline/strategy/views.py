from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from sightline.accounts.permissions import require_membership
from sightline.core.history import history_for
from sightline.strategy import selectors


@require_GET
def plan(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    plans = list(selectors.corporate_plan_list(membership=membership))
    chosen = plans[0] if plans else None
    if request.GET.get("plan"):
        chosen = next((p for p in plans if str(p.pk) == request.GET["plan"]), chosen)
    return render(
        request,
        "strategy/plan.html",
        {
            "plans": plans,
            "plan": chosen,
            "priorities": (
                selectors.priorities_with_counts(plan=chosen, membership=membership)
                if chosen
                else []
            ),
            "departmental_plans": (
                selectors.departmental_plan_list(membership=membership).filter(plan=chosen)
                if chosen
                else []
            ),
            "history": history_for(chosen, page=request.GET.get("history", 1)) if chosen else [],
        },
    )


@require_GET
def departmental_plan(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    item = get_object_or_404(selectors.departmental_plan_list(membership=membership), pk=pk)
    return render(
        request,
        "strategy/departmental_plan.html",
        {
            "dplan": item,
            **selectors.departmental_plan_detail(plan=item, membership=membership),
        },
    )
