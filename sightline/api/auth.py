"""API authentication: a personal token (``Authorization: Bearer sl_…``) or the web session.

Bad tokens are counted per address like wrong passwords (sightline/accounts/lockout.py):
after ``AXES_FAILURE_LIMIT`` of them within the cool-off every token request from that
address is answered 429 until it has passed."""

from ninja.security import HttpBearer, SessionAuth

from sightline.accounts.lockout import token_failed, token_locked_out
from sightline.accounts.services import token_authenticate


class TokenLockedOut(Exception):
    """Too many bad tokens from this address: answered 429 (sightline.api.api)."""


class BearerToken(HttpBearer):
    openapi_description = (
        "A personal token from `sightline create_token USERNAME` or your account page. "
        "Tokens expire (90 days unless chosen otherwise) and end when their owner's password "
        "changes. Repeated invalid tokens from one address are refused with 429 for a while."
    )

    def authenticate(self, request, token):
        if token_locked_out(request):
            raise TokenLockedOut
        user = token_authenticate(token)
        if user is None:
            if token_failed(request):
                raise TokenLockedOut
            return None
        request.user = user
        # A token request is not a browser session: CSRF does not apply.
        request._dont_enforce_csrf_checks = True
        return user


class ActiveSession(SessionAuth):
    """The signed-in browser session (CSRF-checked on writes).

    A request with no signed-in session is not authenticated by it (answered 401 with
    ``WWW-Authenticate`` when no token authenticates it either): the CSRF check, answered 403,
    is for a session's writes only."""

    def _get_key(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return super()._get_key(request)

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        return user if user is not None and user.is_active else None
