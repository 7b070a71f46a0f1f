import logging
import time

from django.conf import settings

logger = logging.getLogger("sightline.request")


class RequestLogMiddleware:
    """One structured log line per request: method, path, status, duration and user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        if not request.path.startswith("/static/"):
            user = getattr(request, "user", None)
            logger.info(
                "request",
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "ms": round((time.perf_counter() - started) * 1000, 1),
                    "user": user.get_username() if user and user.is_authenticated else None,
                    "htmx": bool(getattr(request, "htmx", False)),
                },
            )
        return response


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set: ``Permissions-Policy`` (the browser
    features no page uses, turned off; ``settings.PERMISSIONS_POLICY``)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = getattr(settings, "PERMISSIONS_POLICY", "")

    def __call__(self, request):
        response = self.get_response(request)
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        return response
