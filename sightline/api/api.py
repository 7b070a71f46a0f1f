"""Sightline's JSON API, version 1. OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI, Schema
from ninja import errors as ninja_errors
from ninja.parser import Parser

from sightline.accounts.lockout import token_lockout_response
from sightline.accounts.permissions import require_membership
from sightline.api.auth import ActiveSession, BearerToken, TokenLockedOut
from sightline.api.schemas import ErrorOut, document_refusals


class ObjectParser(Parser):
    """Every body the API takes is a JSON object: any other JSON (a list, a number) is
    refused as unreadable (400), not read as an object with no fields."""

    def parse_body(self, request):
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise ValueError("The body must be a JSON object.")
        return data


class SightlineAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """The OpenAPI document, each operation naming the refusals it can answer."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return document_refusals(schema)


api = SightlineAPI(
    title="Sightline API",
    version="1",
    description=(
        "Read and write a council's savings programme and golden thread. Every request is "
        "scoped to the caller's council and role; exempt (Schedule 12A) records reach only "
        "those entitled. Money is given in pounds as strings with two decimals."
    ),
    auth=[BearerToken(), ActiveSession()],
    parser=ObjectParser(),
    urls_namespace="api",
)


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Forbidden"}, status=403)


@api.exception_handler(TokenLockedOut)
def token_locked_out(request, exc):
    """Too many invalid tokens from the caller's address: 429 with Retry-After."""
    return token_lockout_response(request)


@api.exception_handler(ninja_errors.AuthenticationError)
def unauthorised(request, exc):
    """No valid token and no signed-in session: 401, saying how to authenticate."""
    response = api.create_response(request, {"detail": "Authentication required."}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="Sightline API"'
    return response


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Not found"}, status=404)


@api.exception_handler(ninja_errors.ValidationError)
def request_invalid(request, exc):
    """A request the schema refuses (a missing field, a number out of range): the same body
    as any other refusal, each message under the field it names."""
    if any(error.get("loc", ("",))[0] == "path" for error in exc.errors):
        # A record id that is no record's (negative, zero, too large for the database).
        return api.create_response(request, {"detail": "Not found"}, status=404)
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        # loc is ("path" | "query" | "body", ["payload",] field, ...): name the field.
        parts = [str(part) for part in error.get("loc", ())[1:] if part != "payload"]
        errors.setdefault(".".join(parts) or "__all__", []).append(
            str(error.get("msg", "is not valid"))
        )
    detail = "; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items())
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


@api.exception_handler(ValidationError)
def invalid(request, exc):
    if hasattr(exc, "message_dict"):
        errors = {k: [str(m) for m in v] for k, v in exc.message_dict.items()}
        detail = "; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items())
    else:
        errors = {"__all__": [str(m) for m in exc.messages]}
        detail = " ".join(errors["__all__"])
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


class CouncilOut(Schema):
    name: str
    short_code: str


class MeOut(Schema):
    username: str
    name: str
    council: CouncilOut
    role: str
    role_label: str
    sees_exempt: bool


@api.get("/me", response={200: MeOut, 403: ErrorOut}, tags=["account"])
def me(request):
    """The signed-in user, their council and role."""
    membership = require_membership(request.user)
    return {
        "username": request.user.get_username(),
        "name": request.user.get_full_name(),
        "council": membership.council,
        "role": membership.role,
        "role_label": membership.get_role_display(),
        "sees_exempt": membership.sees_exempt,
    }


from sightline.api.savings import router as savings_router  # noqa: E402

api.add_router("/", savings_router)
from sightline.api.performance import router as performance_router  # noqa: E402
from sightline.api.plans import router as plans_router  # noqa: E402
from sightline.api.strategy import router as strategy_router  # noqa: E402

api.add_router("/", strategy_router)
api.add_router("/", performance_router)
api.add_router("/", plans_router)
from sightline.api.risks import router as risks_router  # noqa: E402

api.add_router("/", risks_router)
from sightline.api.setup import router as setup_router  # noqa: E402

api.add_router("/", setup_router)
from sightline.api.finance import router as finance_router  # noqa: E402
from sightline.api.impact import router as impact_router  # noqa: E402

api.add_router("/", finance_router)
api.add_router("/", impact_router)
from sightline.api.public import router as public_router  # noqa: E402

api.add_router("/", public_router)
from sightline.api.scrutiny import router as scrutiny_router  # noqa: E402

api.add_router("/", scrutiny_router)
