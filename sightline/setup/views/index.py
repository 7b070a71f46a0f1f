"""The set-up index: what a council sets itself up with, how much of each it has, and what
is still missing."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sightline.accounts.permissions import require_membership
from sightline.setup import selectors


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    tasks = selectors.setup_overview(membership=membership)
    return render(
        request,
        "setup/index.html",
        {"tasks": tasks, "missing": [t for t in tasks if not t.done and not t.optional]},
    )
