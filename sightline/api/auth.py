"""API authentication: a personal token (``Authorization: Bearer sl_…``) or the web session."""

from ninja.security import HttpBearer, SessionAuth

from sightline.accounts.services import token_authenticate


class BearerToken(HttpBearer):
    openapi_description = (
        "A personal token from `sightline create_token USERNAME` or your account page."
    )

    def authenticate(self, request, token):
        user = token_authenticate(token)
        if user is None:
            return None
        request.user = user
        # A token request is not a browser session: CSRF does not apply.
        request._dont_enforce_csrf_checks = True
        return user


class ActiveSession(SessionAuth):
    """The signed-in browser session (CSRF-checked on writes)."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        return user if user is not None and user.is_active else None
