from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sightline.accounts import selectors, services
from sightline.accounts.forms import TokenForm
from sightline.accounts.permissions import allowed, require_membership
from sightline.core.history import history_for


@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _, new_token = services.token_create(
            user=request.user,
            name=form.cleaned_data["name"],
            expires_in_days=form.cleaned_data["expires_in_days"],
        )
        form = TokenForm()
    council_tokens = [
        token
        for token in selectors.council_token_list(membership=membership)
        if allowed(request.user, "accounts.revoke_token", token)
    ]
    return render(
        request,
        "accounts/account.html",
        {
            "membership": membership,
            "form": form,
            "new_token": new_token,
            "tokens": selectors.token_list(user=request.user),
            "council_tokens": council_tokens,
            "now": timezone.now(),
        },
    )


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change, which also ends every API token of the user."""

    template_name = "registration/password_change.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        ended = services.tokens_end(user=form.user, reason="Password changed")
        if ended:
            messages.info(
                self.request,
                f"Your password changed, so your {ended} API token{'s' if ended != 1 else ''} "
                "stopped working. Create new ones on your account page.",
            )
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's set-a-new-password page, which also ends every API token of the user."""

    template_name = "registration/password_reset_confirm.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        services.tokens_end(user=form.user, reason="Password changed")
        return response


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
        {
            "directorate": directorate,
            "history": history_for(directorate, page=request.GET.get("history", 1)),
        },
    )
