"""Pages of performance indicators. Each view fetches through a selector, asks the named rule
(from ``sightline.performance.permissions``) before it offers a form, binds it, calls a service
and renders or redirects; the rules live in services, permissions and rules."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sightline.accounts.permissions import allowed, refusal, require_membership
from sightline.core.charts import Series, grouped_bar_chart, sparkline
from sightline.core.forms import add_service_errors
from sightline.core.history import history_for
from sightline.performance import rules, selectors, services
from sightline.performance.forms import ActualForm, IndicatorFilterForm, TargetForm
from sightline.performance.models import Indicator

SPARKLINE_PERIODS = selectors.SPARKLINE_PERIODS


def _require(request: HttpRequest, name: str, obj=None) -> None:
    """403 in the rule's own words unless the user may do ``name``: asked before a form is
    offered, so nobody fills one in only to learn on submitting that they cannot."""
    if not allowed(request.user, name, obj):
        raise PermissionDenied(refusal(request.user, name, obj))


def _hundredths(value: Decimal) -> int:
    """Chart values are integers: an indicator's value in hundredths of its unit."""
    return int((Decimal(value) * 100).to_integral_value())


def _formatter(indicator: Indicator):
    return lambda hundredths: rules.format_value(Decimal(hundredths) / 100, indicator.unit)


def _sparkline(row: selectors.TableRow):
    indicator = row.indicator
    values = [r.value for r in row.rows if r.actual is not None][-SPARKLINE_PERIODS:]
    return sparkline(
        title=f"{indicator.code}: trend of the last {len(values)} actuals",
        points=[_hundredths(v) for v in values],
        higher_is_better=indicator.polarity == Indicator.Polarity.HIGHER,
        format_value=_formatter(indicator),
        width=150,
    )


def _trend_chart(detail: selectors.IndicatorDetail):
    indicator = detail.indicator
    rows = [r for r in detail.rows if r.actual is not None]
    series = [Series("Actual", [_hundredths(r.value) for r in rows])]
    if rows and all(r.target is not None for r in rows):
        series.append(Series("Target", [_hundredths(r.target) for r in rows], colour="#505a5f"))
    return grouped_bar_chart(
        title=f"{indicator.code} {indicator.title}: actual against target",
        categories=[r.label for r in rows],
        series=series,
        format_value=_formatter(indicator),
        height=280,
        description=f"{indicator.get_polarity_display()}.",
    )


# --- list ------------------------------------------------------------------------------------


@require_GET
def indicator_list(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    priorities = list(selectors.priority_list(membership=membership))
    form = IndicatorFilterForm(request.GET or None, priorities=priorities)
    # One page of indicators, read and drawn; the count is of every match.
    page = selectors.indicator_page(
        membership=membership, number=request.GET.get("page"), **form.filters()
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "rows": [(row, _sparkline(row) if row.latest else None) for row in page.object_list],
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "query": query.urlencode(),  # the filters, kept in the page links
        "count": page.paginator.count,
        "awaiting": selectors.actuals_awaiting_approval(membership=membership),
        "filtered": any(form.filters().values()),
    }
    template = "performance/_table.html" if request.htmx else "performance/list.html"
    return render(request, template, context)


# --- one indicator ---------------------------------------------------------------------------


@require_GET
def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    indicator = selectors.indicator_get(membership=membership, pk=pk)
    detail = selectors.indicator_detail(membership=membership, indicator=indicator)
    return render(
        request,
        "performance/indicator.html",
        {
            "indicator": indicator,
            "detail": detail,
            "rows": list(reversed(detail.rows)),
            "chart": _trend_chart(detail) if detail.latest else None,
            "history": history_for(indicator, page=request.GET.get("history", 1)),
            "tolerance_text": rules.format_difference(indicator.amber_tolerance, indicator.unit),
        },
    )


def _suggested_period(indicator: Indicator, detail: selectors.IndicatorDetail):
    """The period after the latest actual, if it has begun; otherwise nothing."""
    if detail.latest is None:
        return None
    following = rules.next_period(detail.latest.period, indicator.frequency)
    return following if following <= timezone.localdate() else None


def _actual_initial(request, indicator: Indicator, detail: selectors.IndicatorDetail) -> dict:
    """``?period=Q1 2013/14`` opens the form to correct that period's actual (with its
    version, so a change made meanwhile by someone else is refused); otherwise the form
    suggests the period after the latest actual."""
    try:
        period = rules.parse_period(request.GET.get("period", ""), indicator.frequency)
    except rules.PeriodError:
        return {"period": _suggested_period(indicator, detail)}
    row = next((r for r in detail.rows if r.period == period and r.actual), None)
    if row is None:
        return {"period": period}
    return {
        "period": period,
        "value": row.actual.value,
        "commentary": row.actual.commentary,
        "version": row.actual.version,
    }


@require_http_methods(["GET", "POST"])
def actual_record(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    indicator = selectors.indicator_get(membership=membership, pk=pk)
    _require(request, "performance.record_actual", indicator)
    detail = selectors.indicator_detail(membership=membership, indicator=indicator)
    initial = _actual_initial(request, indicator, detail)
    form = ActualForm(request.POST or None, indicator=indicator, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actual = services.actual_record(
                indicator=indicator,
                period=data["period"],
                value=data["value"],
                commentary=data["commentary"],
                by=request.user,
                expected_version=data["version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            label = rules.period_label(actual.period, indicator.frequency)
            messages.success(
                request,
                f"Actual for {label} recorded. It awaits approval by a second person before "
                "it is shown beyond the indicator's owner.",
            )
            return redirect(reverse("performance:indicator", args=[pk]) + "#periods")
    return render(
        request,
        "performance/actual_form.html",
        {"indicator": indicator, "form": form, "detail": detail},
    )


@require_POST
def actual_approve(request: HttpRequest, pk: int, actual_pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    indicator = selectors.indicator_get(membership=membership, pk=pk)
    # Asked before fetching the actual: a draft the user may not see is no reason to hide
    # that they may not approve at all.
    _require(request, "performance.approve_actual")
    actual = selectors.actual_get(membership=membership, indicator=indicator, pk=actual_pk)
    label = rules.period_label(actual.period, indicator.frequency)
    try:
        services.actual_approve(actual=actual, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{indicator.code} actual for {label} approved.")
    if request.POST.get("next") == "list":
        return redirect(reverse("performance:list") + "#awaiting-approval")
    return redirect(reverse("performance:indicator", args=[pk]) + "#periods")


@require_http_methods(["GET", "POST"])
def target_set(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    indicator = selectors.indicator_get(membership=membership, pk=pk)
    _require(request, "performance.set_target", indicator)
    form = TargetForm(request.POST or None, indicator=indicator)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            target = services.target_set(
                indicator=indicator,
                period=data["period"],
                value=data["value"],
                by=request.user,
                reason=data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            label = rules.period_label(target.period, indicator.frequency)
            messages.success(request, f"Target for {label} set.")
            return redirect(reverse("performance:indicator", args=[pk]) + "#periods")
    targets = [
        (
            rules.period_label(t.period, indicator.frequency),
            rules.format_value(t.value, indicator.unit),
        )
        for t in indicator.targets.order_by("-period")
    ]
    return render(
        request,
        "performance/target_form.html",
        {"indicator": indicator, "form": form, "targets": targets},
    )
