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


class SharedResponseMiddleware:
    """Keeps a response marked as the same for everyone (``response.shared_by_everyone``,
    set by the public pages) free of anything personal, so a shared cache may keep it.

    Listed before the session middleware, it sees the response after that middleware: a
    signed-in member reading a public page would otherwise get ``Cache-Control: public``
    with their session cookie in ``Set-Cookie`` (a proxy keeping that answer would hand the
    session to the next reader), and every reader ``Vary: Cookie`` (one cached copy per
    visitor). The session is still saved on the server; only its cookie is not re-sent."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.personal_cookies = {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME}

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(response, "shared_by_everyone", False):
            for name in self.personal_cookies & set(response.cookies):
                del response.cookies[name]
            if "Vary" in response.headers:
                varies = (v.strip() for v in response["Vary"].split(","))
                kept = [v for v in varies if v and v.lower() != "cookie"]
                if kept:
                    response["Vary"] = ", ".join(kept)
                else:
                    del response["Vary"]
        return response
