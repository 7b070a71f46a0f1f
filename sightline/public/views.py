"""The public pages (``/c/<council>/``, no login) and the programme office's settings page.

Public pages are rendered without the request's context (no user, no session, no CSRF
token), so they are the same for everyone and cacheable: ``Cache-Control: public,
max-age=300`` and an ``ETag`` of their content, answered with 304 when it still matches."""

from __future__ import annotations

import hashlib
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from sightline.accounts.permissions import check, require_membership
from sightline.core.fiscal import FinancialYear, FinancialYearError
from sightline.core.forms import add_service_errors
from sightline.core.history import history_for
from sightline.public import opendata, selectors, services
from sightline.public.forms import PublicSettingsForm
from sightline.savings import services as savings_services
from sightline.savings.selectors import proposal_get

MAX_AGE = 300
SAVINGS_PAGE_SIZE = 100  # a year's published savings shown a page


def cacheable(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Public for ``MAX_AGE`` seconds, with an ETag of the content (304 if it matches), and
    nothing personal (no cookie, no ``Vary: Cookie``) whoever asked."""
    etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    conditional = get_conditional_response(request, etag=etag, response=response)
    if conditional is not response:
        conditional["ETag"] = etag
        patch_cache_control(conditional, public=True, max_age=MAX_AGE)
    # No session cookie and no "Vary: Cookie" (sightline.core.middleware.SharedResponseMiddleware).
    conditional.shared_by_everyone = True
    return conditional


def public_view(view):
    """A public page: no login, GET (and HEAD) only, the council's published settings looked up (404
    when it does not publish), and the answer made cacheable."""

    @login_not_required
    @require_safe
    @wraps(view)
    def wrapped(request: HttpRequest, council: str, **kwargs) -> HttpResponse:
        found, settings = selectors.public_council(council)
        return cacheable(request, view(request, found, settings, **kwargs))

    return wrapped


def _page(template: str, council, settings, years=None, **context) -> HttpResponse:
    """The page, with what every public page shows; ``years``: the savings' years, if the
    view has read them already."""
    if years is None:
        years = selectors.savings_years(council)
    context.update(
        council=council,
        settings=settings,
        slug=selectors.public_slug(council),
        years=[(fy, opendata.year_slug(fy)) for fy in years],
        latest_slug=opendata.year_slug(years[-1]) if years else "",
    )
    return HttpResponse(render_to_string(f"public/{template}", context))


def _year(text: str) -> FinancialYear:
    try:
        return FinancialYear.parse(text)
    except FinancialYearError:
        raise Http404("No such year.") from None


@public_view
def home(request, council, settings) -> HttpResponse:
    years = selectors.savings_years(council)
    return _page(
        "home.html",
        council,
        settings,
        years=years,
        summaries=selectors.years_totals(council, settings, list(reversed(years))),
        gap=selectors.budget_gap(council),
        current="home",
    )


@public_view
def savings(request, council, settings, year: str) -> HttpResponse:
    fy = _year(year)
    years = selectors.savings_years(council)
    if fy not in years:
        raise Http404("No savings published for that year.")
    year = selectors.year_savings(council, settings, fy)
    # The savings a page at a time (the totals above them are of every one; the CSV and JSON
    # downloads hold them all).
    paginator = Paginator(year.rows, SAVINGS_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return _page(
        "savings.html",
        council,
        settings,
        years=years,
        year=year,
        year_slug=opendata.year_slug(fy),
        current="savings",
        rows=page.object_list,
        page=page,
        page_range=paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        query="",
    )


@public_view
def plan(request, council, settings) -> HttpResponse:
    corporate_plan, priorities = selectors.corporate_plan(council)
    return _page(
        "plan.html",
        council,
        settings,
        plan=corporate_plan,
        priorities=priorities,
        current="plan",
    )


@public_view
def indicators(request, council, settings) -> HttpResponse:
    return _page(
        "indicators.html",
        council,
        settings,
        indicators=selectors.public_indicators(council),
        current="indicators",
    )


@public_view
def risks(request, council, settings) -> HttpResponse:
    bands = selectors.risk_summary(council, settings)
    if bands is None:
        raise Http404("The council does not publish a risk summary.")
    return _page("risks.html", council, settings, bands=bands, current="risks")


@public_view
def data(request, council, settings) -> HttpResponse:
    return _page(
        "data.html",
        council,
        settings,
        tables=opendata.available(council, settings),
        licence=opendata.LICENCE,
        current="data",
    )


@public_view
def dictionary(request, council, settings) -> HttpResponse:
    return _page(
        "dictionary.html",
        council,
        settings,
        tables=opendata.TABLES,
        licence=opendata.LICENCE,
        current="data",
    )


def _download(body: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body.encode("utf-8"), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@public_view
def download_csv(request, council, settings, name: str) -> HttpResponse:
    found = opendata.dataset(council, settings, name)
    return _download(
        opendata.as_csv(found),
        "text/csv; charset=utf-8",
        f"{selectors.public_slug(council)}-{name}.csv",
    )


@public_view
def download_json(request, council, settings, name: str) -> HttpResponse:
    found = opendata.dataset(council, settings, name)
    return _download(
        opendata.as_json(found),
        "application/json",
        f"{selectors.public_slug(council)}-{name}.json",
    )


# --- the programme office's settings ------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def settings_edit(request: HttpRequest) -> HttpResponse:
    """What the council publishes, and its exempt proposals still to be published."""
    membership = check(request.user, "public.change_settings", None)
    current = selectors.settings_for(membership.council)
    form = PublicSettingsForm(
        request.POST or None,
        instance_values=current,
        indicators=selectors.indicators_in_use(membership=membership),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.public_settings_save(
                council=membership.council,
                by=request.user,
                expected_version=_posted_version(request),
                reason=form.cleaned_data["reason"],
                published=form.cleaned_data["published"],
                exempt_totals=form.cleaned_data["exempt_totals"],
                publish_risk_summary=form.cleaned_data["publish_risk_summary"],
                indicators=form.cleaned_data["public_indicators"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Public settings saved.")
            return redirect("public_settings:edit")
    return render(
        request,
        "public/settings.html",
        {
            "form": form,
            "current": current,
            "slug": selectors.public_slug(membership.council),
            "unpublished": selectors.exempt_unpublished(membership=membership),
            "history": history_for(current, page=request.GET.get("history", 1))
            if current.pk
            else [],
        },
    )


def _posted_version(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("version") or 0) or None
    except ValueError:
        return None


@require_POST
def publish_now(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish an exempt proposal now (the programme office), with the reason in history."""
    # Found first (404 for another council's, or an exempt one the member may not read),
    # then the rule (403 with its words).
    proposal = proposal_get(membership=require_membership(request.user), pk=pk)
    check(request.user, "savings.mark_exempt", proposal)
    try:
        savings_services.proposal_publish(
            proposal=proposal,
            by=request.user,
            reason=request.POST.get("reason", "").strip() or "Published now",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{proposal.reference} is published from today.")
    return redirect("public_settings:edit")
