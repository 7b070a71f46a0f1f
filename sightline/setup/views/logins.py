"""The council's logins, kept by its programme office: the list with each login's role,
directorate, exempt access and status; giving a login by e-mail invitation; changing a
login's role; deactivating one (never deleting it). Only those ``accounts.manage_logins``
allows read them; another council's login is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sightline.accounts import services
from sightline.accounts.permissions import check, require_membership
from sightline.core.forms import add_service_errors
from sightline.core.history import history_for
from sightline.setup import selectors
from sightline.setup.forms import InviteForm, LoginChangeForm, RetireForm


def _login(request: HttpRequest, pk: int):
    """The council's login ``pk`` (another council's is a 404), once the reader may keep
    logins."""
    membership = require_membership(request.user)
    login = get_object_or_404(selectors.login_list(membership=membership), pk=pk)
    check(request.user, "accounts.manage_logins", membership.council)
    return membership, login


@require_GET
def login_list(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    check(request.user, "accounts.manage_logins", membership.council)
    return render(
        request, "setup/logins.html", {"logins": list(selectors.login_list(membership=membership))}
    )


@require_http_methods(["GET", "POST"])
def login_add(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    check(request.user, "accounts.manage_logins", membership.council)
    form = InviteForm(request.POST or None, council=membership.council)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            login = services.login_invite(
                council=membership.council,
                by=request.user,
                username=d["username"],
                role=d["role"],
                first_name=d["first_name"],
                last_name=d["last_name"],
                email=d["email"],
                directorate=d["directorate"],
                exempt_access=d["exempt_access"],
                person=d["person"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Login {login.user.get_username()} given. An invitation to set a password "
                f"was sent to {login.user.email}.",
            )
            return redirect("setup:login", pk=login.pk)
    return render(request, "setup/login_form.html", {"form": form, "login": None})


@require_GET
def login_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _, login = _login(request, pk)
    return render(
        request,
        "setup/login.html",
        {"login": login, "history": history_for(login, page=request.GET.get("history", 1))},
    )


@require_http_methods(["GET", "POST"])
def login_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership, login = _login(request, pk)
    check(request.user, "accounts.change_login", login)
    form = LoginChangeForm(request.POST or None, council=membership.council, membership=login)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.login_change(
                membership=login,
                by=request.user,
                role=d["role"],
                directorate=d["directorate"],
                exempt_access=d["exempt_access"],
                expected_version=d["version"],
                reason=d["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Login {login.user.get_username()} saved.")
            return redirect("setup:login", pk=login.pk)
    return render(request, "setup/login_form.html", {"form": form, "login": login})


@require_http_methods(["GET", "POST"])
def login_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    """Deactivate a login, or reactivate a deactivated one."""
    _, login = _login(request, pk)
    check(request.user, "accounts.deactivate_login", login)
    active = login.user.is_active
    action = "deactivated" if active else "reactivated"
    form = RetireForm(
        request.POST or None, initial={"version": login.version}, noun="login", action=action
    )
    if request.method == "POST" and form.is_valid():
        service = services.login_deactivate if active else services.login_reactivate
        try:
            service(
                membership=login,
                by=request.user,
                expected_version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Login {login.user.get_username()} {action}.")
            return redirect("setup:login", pk=login.pk)
    return render(
        request, "setup/login_deactivate.html", {"form": form, "login": login, "active": active}
    )


@require_POST
def login_invite(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the login's invitation again, with a new link to set a password."""
    _, login = _login(request, pk)
    try:
        services.invitation_send(membership=login, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, f"An invitation to set a password was sent to {login.user.email}."
        )
    return redirect("setup:login", pk=login.pk)
