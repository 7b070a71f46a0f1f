"""Signing in locked after repeated wrong passwords (django-axes), and the same for API tokens.

Axes counts failed attempts per username *and* address (docs/adr/0004-login-lockout.md says
why): after ``AXES_FAILURE_LIMIT`` failures within ``AXES_COOLOFF_TIME`` (the setting
``SIGHTLINE_LOCKOUT_MINUTES``) that username is refused from that address until the cool-off
has passed since the last failure, even with the right password. Bad API tokens are counted
the same way under one name no login can have, so repeated guesses from one address get 429.
"""

from __future__ import annotations

from datetime import datetime

from axes.backends import AxesStandaloneBackend
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

# Django usernames hold only letters, digits and @.+-_, so no login can be called this: bad
# API tokens are counted under it, per address.
TOKEN_CREDENTIALS = {"username": "(API token)"}


class LockoutBackend(AxesStandaloneBackend):
    """Axes' backend, which refuses a locked-out username before any password is checked.

    A call without a request (the test client's ``login``, the shell) is not a sign-in from
    the web and is neither counted nor refused; every web sign-in passes its request (Django's
    ``AuthenticationForm`` does)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request: HttpRequest) -> str | None:
    """The address an attempt came from: the connection's, or, only when Sightline is told it
    runs behind a proxy (``SIGHTLINE_BEHIND_PROXY``), the last address that proxy added to
    X-Forwarded-For (earlier entries are whatever the client chose to send)."""
    if settings.SIGHTLINE_BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR")


def unlocks_at(request: HttpRequest, credentials: dict | None) -> datetime | None:
    """When the lockout on these credentials from this address ends: the cool-off after the
    last counted failure."""
    cool_off = get_cool_off(request)
    if cool_off is None:
        return None
    AxesProxyHandler.update_request(request)
    handler = AxesProxyHandler.get_implementation()
    latest = None
    for attempts in handler.get_user_attempts(request, credentials):
        for attempt in attempts:
            if latest is None or attempt.attempt_time > latest:
                latest = attempt.attempt_time
    return (latest or timezone.now()) + cool_off


def token_locked_out(request: HttpRequest) -> bool:
    """Too many bad API tokens have come from this request's address lately."""
    if not settings.AXES_ENABLED:
        return False
    return not AxesProxyHandler.is_allowed(request, TOKEN_CREDENTIALS)


def token_failed(request: HttpRequest) -> bool:
    """Count a bad API token from this request's address; true when that locks it out."""
    if not settings.AXES_ENABLED:
        return False
    AxesProxyHandler.user_login_failed(
        sender=LockoutBackend, credentials=TOKEN_CREDENTIALS, request=request
    )
    return bool(getattr(request, "axes_locked_out", False))


def _retry_after(until: datetime | None) -> int:
    if until is None:
        return 0
    return max(1, int((until - timezone.now()).total_seconds()) + 1)


def token_lockout_response(request: HttpRequest) -> JsonResponse:
    """429 in the API's error shape, with Retry-After in seconds."""
    until = unlocks_at(request, TOKEN_CREDENTIALS)
    local = timezone.localtime(until) if until else None
    message = (
        "Too many requests with an invalid API token from your address. "
        + (f"Try again after {local:%H:%M} on {local:%-d %B %Y}." if local else "")
    ).strip()
    response = JsonResponse({"detail": message, "errors": {"Authorization": [message]}}, status=429)
    if until is not None:
        response["Retry-After"] = str(_retry_after(until))
    return response


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """What a locked-out attempt gets (``AXES_LOCKOUT_CALLABLE``): the API's JSON error, or a
    page saying when to try again."""
    if request.path.startswith("/api/"):
        return token_lockout_response(request)
    until = unlocks_at(request, credentials)
    response = render(
        request,
        "registration/locked_out.html",
        {
            "until": timezone.localtime(until) if until else None,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "minutes": settings.SIGHTLINE_LOCKOUT_MINUTES,
        },
        status=429,
    )
    if until is not None:
        response["Retry-After"] = str(_retry_after(until))
    return response
