"""The residents' pages: no login, a plain form that works without JavaScript (the server
checks the budget on "Check my budget"), spam-limited by a honeypot, a minimum time on the
form and a number of submissions per connection an hour."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from sightline.core.forms import add_service_errors
from sightline.simulator import rules, selectors, services
from sightline.simulator.forms import BudgetForm, min_seconds, seconds_since, started_token

SPAM = "We could not accept this response. If you are a resident, please try again."


def hourly_limit() -> int:
    return int(getattr(settings, "SIMULATOR_SUBMISSIONS_PER_HOUR", 5))


def _rate_key(request: HttpRequest) -> str:
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    return "simulator:submissions:" + hashlib.sha256(address.encode()).hexdigest()[:32]


def _over_limit(request: HttpRequest) -> bool:
    return (cache.get(_rate_key(request)) or 0) >= hourly_limit()


def _count_submission(request: HttpRequest) -> None:
    key = _rate_key(request)
    if cache.add(key, 1, timeout=3600):
        return
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=3600)


def _context(council, simulation, form, **extra) -> dict:
    return {
        "council": council,
        "slug": selectors.public_slug(council),
        "simulation": simulation,
        "form": form,
        "today": timezone.localdate(),
        "one_percent": rules.tax_raised(simulation.council_tax_pence, 100),
        **extra,
    }


@login_not_required
@require_GET
def public_home(request: HttpRequest, council: str) -> HttpResponse:
    """The council's budget simulators residents may answer, open ones first."""
    found = selectors.public_council(council)
    today = timezone.localdate()
    simulations = list(selectors.public_simulations(found))
    return render(
        request,
        "simulator/public_home.html",
        {
            "council": found,
            "slug": selectors.public_slug(found),
            "open": [s for s in simulations if s.is_open(today)],
            "others": [s for s in simulations if not s.is_open(today)],
            "today": today,
        },
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def simulate(request: HttpRequest, council: str, year: str) -> HttpResponse:
    """The simulator: keep or remove each saving, move each service, choose the council tax
    rise; "Check my budget" shows the balance, "Send my budget" saves it."""
    found = selectors.public_council(council)
    simulation = selectors.public_simulation(found, year)
    is_open = simulation.is_open(timezone.localdate())
    if request.method == "GET" or not is_open:
        form = BudgetForm(simulation=simulation)
        answer = None
        status = 200
        if request.method == "POST":
            status = 403  # closed: nothing is taken
        return render(
            request,
            "simulator/simulate.html",
            _context(
                found,
                simulation,
                form,
                is_open=is_open,
                balance=services.answer_balance(simulation, services.Answer()),
                answer=answer,
            ),
            status=status,
        )
    data = request.POST.copy()
    if seconds_since(data.get("started", "")) is None:
        data["started"] = started_token()  # a fresh clock for the next try
    form = BudgetForm(data, simulation=simulation)
    sending = request.POST.get("action") == "send"
    status = 200
    balance = services.answer_balance(simulation, services.Answer())
    checked = False
    if form.is_valid():
        answer = form.answer()
        balance = services.answer_balance(simulation, answer)
        checked = True
        if sending:
            if form.is_spam():
                form.add_error(None, SPAM)
                status = 400
            elif form.too_quick(request.POST.get("started", "")):
                form.add_error(
                    None,
                    f"Please take at least {min_seconds()} seconds to check your choices, then "
                    "press \u201cSend my budget\u201d again.",
                )
                status = 400
            elif _over_limit(request):
                form.add_error(
                    None,
                    f"We have had {hourly_limit()} responses from your connection in the last "
                    "hour, the most we take. Please try again in an hour.",
                )
                status = 429
            else:
                try:
                    services.submission_create(simulation=simulation, answer=answer)
                except ValidationError as error:
                    add_service_errors(form, error)
                    status = 400
                else:
                    _count_submission(request)
                    return redirect(
                        "simulator_public:thanks", council=council, year=simulation.year_slug
                    )
    return render(
        request,
        "simulator/simulate.html",
        _context(found, simulation, form, is_open=is_open, balance=balance, checked=checked),
        status=status,
    )


@login_not_required
@require_GET
def thanks(request: HttpRequest, council: str, year: str) -> HttpResponse:
    found = selectors.public_council(council)
    simulation = selectors.public_simulation(found, year)
    return render(
        request,
        "simulator/thanks.html",
        {"council": found, "slug": selectors.public_slug(found), "simulation": simulation},
    )
