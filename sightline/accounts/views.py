from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sightline.accounts import selectors, services
from sightline.accounts.forms import TokenForm
from sightline.accounts.permissions import require_membership
from sightline.core.history import history_for


@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _, new_token = services.token_create(user=request.user, name=form.cleaned_data["name"])
        form = TokenForm()
    return render(
        request,
        "accounts/account.html",
        {
            "membership": membership,
            "form": form,
            "new_token": new_token,
            "tokens": selectors.token_list(user=request.user),
        },
    )


@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = selectors.token_get(user=request.user, pk=pk)
    services.token_revoke(token=token, by=request.user)
    messages.success(request, f"Token “{token.name}” revoked.")
    return redirect("account")


@require_GET
def council(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    return render(
        request,
        "accounts/council.html",
        {"overview": selectors.council_overview(membership=membership)},
    )


@require_GET
def directorate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    directorate = get_object_or_404(selectors.directorate_list(membership=membership), pk=pk)
    return render(
        request,
        "accounts/directorate.html",
        {"directorate": directorate, "history": history_for(directorate)},
    )
