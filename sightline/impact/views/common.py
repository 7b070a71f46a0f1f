"""What the impact pages share: asking a rule before offering a form, and the version a form
was opened at."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from sightline.accounts.permissions import allowed, refusal


def require(request: HttpRequest, name: str, obj=None) -> None:
    """Refuse (403, in the rule's own words) a form its user may not submit."""
    if not allowed(request.user, name, obj):
        raise PermissionDenied(refusal(request.user, name, obj))


def posted_version(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("version") or 0) or None
    except ValueError:
        return None
