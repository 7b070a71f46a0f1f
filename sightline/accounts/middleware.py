from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.utils.functional import SimpleLazyObject

from sightline.accounts.permissions import membership_for

# Paths that answer for themselves: the API returns 401 JSON, health checks are public.
OPEN_PREFIXES = ("/api/", "/healthz", "/static/")


class SightlineLoginRequiredMiddleware(LoginRequiredMiddleware):
    """Login required by default (Django's middleware), except where the path answers itself."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(OPEN_PREFIXES):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class MembershipMiddleware:
    """Puts the user's council membership on ``request.membership`` (None when anonymous)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.membership = SimpleLazyObject(lambda: membership_for(request.user))
        return self.get_response(request)
