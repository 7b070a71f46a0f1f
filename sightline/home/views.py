"""The home page: where a signed-in member starts, with what is waiting for them. It reads from
every app, so it sits at the top of the layers with the API and the reports, never in ``core``."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sightline.accounts.permissions import require_membership
from sightline.home.selectors import waiting_for


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    return render(
        request,
        "home/home.html",
        {"waiting": waiting_for(membership=membership, user=request.user)},
    )
