"""The access matrix's expectations: who may succeed at every URL and API operation.

One row per URL pattern (pages, the Django admin) and per API operation. Each row says how to
build the URL (which record fills each parameter), which object kinds to try, and, for GET
and each write method, the personas who may SUCCEED. Everyone else must be refused, and the
harness knows how (see ``harness.expected``):

- the anonymous visitor: 302 to the login page (pages), 401 (API);
- a member of another council than the record's: 404;
- the exempt proposal, for someone not entitled to exempt information: 404;
- a persona listed in ``hidden`` (the record is private to others, e.g. a personal
  objective): 403 or 404;
- anyone else: 403 (pages: the 403 page; API: 403 JSON);
- a method the endpoint does not accept: 405;
- the admin: any refusal (302 to the admin login or away, 403, 404), never a 200.

The sets are written out on purpose, not computed from ``sightline/*/permissions.py``: the
matrix must be able to catch a wrong rule. They follow the TARGET policy (the named rules in
``sightline/*/permissions.py``, the style guide, and each view's intent); where the policy was
unclear the stricter reading is taken and a comment says so.

Personas (see ``world.py``): ``programme_office``, ``finance``, ``director_own`` (director of
directorate X), ``editor_lead`` (editor who leads X's proposal and owns X's risk, indicator
and objective), ``councillor``, ``councillor_exempt`` (``exempt_access=True``), ``viewer``,
all of council A; ``programme_office_b`` of council B; ``anonymous``.

Object kinds: ``own`` (council A, directorate X), ``other`` (council A, directorate Y),
``exempt`` (council A's exempt proposal in Y), ``council_b``. A row's sets name the kinds of
council A; for ``council_b`` the harness expects council A's members to get 404 and council
B's programme office to get what council A's programme office gets on ``own``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

# --- personas, kinds and the sets the rows are written with -----------------------------------

ANONYMOUS = "anonymous"
PROGRAMME_OFFICE = "programme_office"
FINANCE = "finance"
DIRECTOR = "director_own"
EDITOR = "editor_lead"
COUNCILLOR = "councillor"
COUNCILLOR_EXEMPT = "councillor_exempt"
VIEWER = "viewer"
PROGRAMME_OFFICE_B = "programme_office_b"

PERSONAS = (
    ANONYMOUS,
    PROGRAMME_OFFICE,
    FINANCE,
    DIRECTOR,
    EDITOR,
    COUNCILLOR,
    COUNCILLOR_EXEMPT,
    VIEWER,
    PROGRAMME_OFFICE_B,
)

OWN, OTHER, EXEMPT, COUNCIL_B = "own", "other", "exempt", "council_b"
BY_DIRECTORATE = (OWN, OTHER, COUNCIL_B)  # records with a directorate
BY_COUNCIL = (OWN, COUNCIL_B)  # records of a whole council
PROPOSAL_KINDS = (OWN, OTHER, EXEMPT, COUNCIL_B)

A_MEMBERS = frozenset(
    {PROGRAMME_OFFICE, FINANCE, DIRECTOR, EDITOR, COUNCILLOR, COUNCILLOR_EXEMPT, VIEWER}
)
EVERY_MEMBER = A_MEMBERS | {PROGRAMME_OFFICE_B}
EVERYONE = EVERY_MEMBER | {ANONYMOUS}
NOBODY = frozenset()
# Who reads exempt (Schedule 12A) information: Membership.sees_exempt.
SEES_EXEMPT = frozenset({PROGRAMME_OFFICE, FINANCE, DIRECTOR, COUNCILLOR_EXEMPT})
# A form page's GET: allowed to exactly those who may submit the form.
AS_POST = "as POST"

Access = frozenset | Mapping[str, frozenset] | str | None
Body = Mapping[str, Any] | Callable[[Any], Mapping[str, Any]]


def s(*personas: str) -> frozenset:
    """A set of personas, e.g. ``s(PROGRAMME_OFFICE, DIRECTOR)``."""
    unknown = set(personas) - set(PERSONAS)
    if unknown:
        raise ValueError(f"Unknown personas {unknown}")
    return frozenset(personas)


def each(own: frozenset, other: frozenset | None = None, exempt: frozenset | None = None):
    """Allowed personas by object kind (council B's are derived from ``own``)."""
    sets = {OWN: own}
    if other is not None:
        sets[OTHER] = other
    if exempt is not None:
        sets[EXEMPT] = exempt
    return sets


@dataclass(frozen=True)
class Row:
    """One URL pattern (``surface`` page or admin) or one API operation (``api``)."""

    surface: str
    route: str  # as the resolver shows it; for the API, the OpenAPI path
    name: str | None  # the URL name (namespaced); for the API, the method
    access: Mapping[str, Access]  # HTTP method -> who may succeed (None: not accepted)
    kinds: tuple[str, ...] = ()  # object kinds tried; () when the URL names no record
    params: Mapping[str, str] = field(default_factory=dict)  # parameter -> record key
    fixed: Mapping[str, str] = field(default_factory=dict)  # parameter -> literal value
    query: Mapping[str, str] = field(default_factory=dict)  # the query string
    path: str | None = None  # a path template when the pattern has no name
    bodies: Mapping[str, Body] = field(default_factory=dict)  # method -> what is sent
    hidden: Access = NOBODY  # may be refused with 403 or 404: the record is private to them
    open: bool = False  # answers without a login
    success: frozenset | None = None  # outcomes that count as success, if not the usual
    method_check: bool = True  # also ask with a method it does not take, expecting 405
    refused_with: frozenset = frozenset({"403"})  # how the row refuses a signed-in member
    variant: str = ""  # tells apart rows of one pattern
    note: str = ""

    @property
    def label(self) -> str:
        if self.surface == "api":
            return f"{self.name} {self.route}"
        return f"{self.route} ({self.name or 'unnamed'})"


def page(
    route: str,
    name: str | None,
    *,
    get: Access,
    post: Access = None,
    kinds: tuple[str, ...] = (),
    post_body: Body | None = None,
    **extra,
) -> Row:
    access = {"GET": get, "POST": post}
    bodies = {"POST": post_body} if post_body is not None else {}
    return Row("page", route, name, access, kinds=kinds, bodies=bodies, **extra)


def api(method: str, path: str, allowed: Access, *, body: Body | None = None, **extra) -> Row:
    bodies = {method: body} if body is not None else {}
    return Row("api", path, method, {method: allowed}, bodies=bodies, **extra)


# --- bodies: just enough to reach the permission check ----------------------------------------

REASON = "Access matrix"
STAGE_BODY = {"to": "withdrawn", "reason": REASON}


def proposal_create_body(ctx) -> dict:
    return {
        "reference": "SAV MATRIX 1",
        "title": "Access matrix proposal",
        "savings_type": ctx.ns.savings_type.pk,
        "directorate": ctx.ns.directorate_x.pk,  # the director's own directorate
    }


def proposal_patch_body(ctx) -> dict:
    # A change of finance lead only: finance may make it (savings.assign_finance).
    return {"version": ctx.obj("proposal").version, "finance_lead": ctx.ns.finance_person.pk}


def lines_body(ctx) -> dict:
    return {
        "version": ctx.obj("proposal").version,
        "lines": [{"financial_year": "2013/14", "amount": "1000.00"}],
    }


FORECAST_BODY = {
    "period": "2013-06",  # the open monitoring period
    "financial_year": "2013/14",
    "forecast": "1000.00",
    "rag": "green",
}
ACTUAL_BODY = {"period": "Q1 2013/14", "value": "50"}
UPDATE_BODY = {"quarter": 1, "status": "in_progress", "narrative": REASON}


def risk_create_body(ctx) -> dict:
    return {
        "title": "Access matrix risk",
        "directorate_id": ctx.ns.directorate_x.pk,  # the director's own directorate
        "initial_score": 9,
        "residual_score": 6,
    }


# --- rule sets used by several rows -----------------------------------------------------------

# Reading a proposal: every member; the exempt one only those entitled.
READ_PROPOSAL = each(own=A_MEMBERS, other=A_MEMBERS, exempt=SEES_EXEMPT)
# savings.change_proposal (and move_stage, submit_proposal, record_impact, and the decision
# page, which submits or decides): programme office, the directorate's director, the leads.
CHANGE_PROPOSAL = each(
    own=s(PROGRAMME_OFFICE, DIRECTOR, EDITOR),
    other=s(PROGRAMME_OFFICE),
    exempt=s(PROGRAMME_OFFICE),
)
# savings.assign_finance and record_forecast: finance, or whoever changes the proposal.
FINANCE_OR_CHANGE = each(
    own=s(PROGRAMME_OFFICE, FINANCE, DIRECTOR, EDITOR),
    other=s(PROGRAMME_OFFICE, FINANCE),
    exempt=s(PROGRAMME_OFFICE, FINANCE),
)
# savings.confirm_benefit.
CONFIRM_BENEFIT = each(
    own=s(PROGRAMME_OFFICE, FINANCE),
    other=s(PROGRAMME_OFFICE, FINANCE),
    exempt=s(PROGRAMME_OFFICE, FINANCE),
)
# Reading a record of the council that has a directorate.
READ_BY_DIRECTORATE = each(own=A_MEMBERS, other=A_MEMBERS)
# A service plan's editors: the programme office and the director of its directorate.
PLAN_EDITORS = each(own=s(PROGRAMME_OFFICE, DIRECTOR), other=s(PROGRAMME_OFFICE))
# A risk's managers: the programme office, the director of its directorate, its owner.
RISK_MANAGERS = each(own=s(PROGRAMME_OFFICE, DIRECTOR, EDITOR), other=s(PROGRAMME_OFFICE))
# Record an indicator's actual: the programme office, its owner, the director of its plan.
RECORD_ACTUAL = each(own=s(PROGRAMME_OFFICE, DIRECTOR, EDITOR), other=s(PROGRAMME_OFFICE))
# Approve an actual: "programme office, directors and finance, never the one who recorded
# it" (the API's and the service's own words; nobody in the matrix recorded these drafts).
APPROVE_ACTUAL = each(
    own=s(PROGRAMME_OFFICE, FINANCE, DIRECTOR), other=s(PROGRAMME_OFFICE, FINANCE, DIRECTOR)
)
# Actuals awaiting approval are shown only to the approver roles and the indicator's owner.
DRAFT_HIDDEN = each(
    own=s(COUNCILLOR, COUNCILLOR_EXEMPT, VIEWER),
    other=s(EDITOR, COUNCILLOR, COUNCILLOR_EXEMPT, VIEWER),
)
# Personal objectives are seen by the person, the director of the plan's directorate and the
# programme office; to anyone else they do not exist.
OBJECTIVE_KEEPERS = each(own=s(PROGRAMME_OFFICE, DIRECTOR, EDITOR), other=s(PROGRAMME_OFFICE))
OBJECTIVE_HIDDEN = each(
    own=A_MEMBERS - OBJECTIVE_KEEPERS[OWN], other=A_MEMBERS - OBJECTIVE_KEEPERS[OTHER]
)

# --- pages ------------------------------------------------------------------------------------

PAGES = [
    # core and accounts
    page("", "home", get=EVERY_MEMBER),
    page("healthz", "healthz", get=EVERYONE, open=True),
    page("login/", "login", get=EVERYONE, post=EVERYONE, open=True),
    page(
        "logout/",
        "logout",
        get=None,
        post=EVERYONE,
        open=True,
        success=frozenset({"ok", "redirect", "login"}),
        note="POST only; logging out ends on the login page (LOGOUT_REDIRECT_URL).",
    ),
    page("account/password/", "password_change", get=AS_POST, post=EVERY_MEMBER),
    page("account/password/done/", "password_change_done", get=EVERY_MEMBER),
    page("password-reset/", "password_reset", get=EVERYONE, post=EVERYONE, open=True),
    page("password-reset/sent/", "password_reset_done", get=EVERYONE, open=True),
    page(
        "password-reset/<uidb64>/<token>/",
        "password_reset_confirm",
        get=EVERYONE,
        post=EVERYONE,
        open=True,
        fixed={"uidb64": "MQ", "token": "no-such-token"},
        note="An invalid link: the page says so to anyone.",
    ),
    page("password-reset/complete/", "password_reset_complete", get=EVERYONE, open=True),
    # Every member keeps their own API tokens (the page's form creates one).
    page("account/", "account", get=EVERY_MEMBER, post=EVERY_MEMBER),
    page(
        "account/tokens/<int:pk>/revoke/",
        "token_revoke",
        get=None,
        # accounts.revoke_token: the token's owner, or their council's programme office.
        # Kinds here: "own" is the editor's token, "other" the viewer's.
        post=each(own=s(EDITOR, PROGRAMME_OFFICE), other=s(VIEWER, PROGRAMME_OFFICE)),
        kinds=BY_DIRECTORATE,
        params={"pk": "api_token"},
        hidden=each(
            own=A_MEMBERS - {EDITOR, PROGRAMME_OFFICE},
            other=A_MEMBERS - {VIEWER, PROGRAMME_OFFICE},
        ),
    ),
    page("council/", "council", get=EVERY_MEMBER),
    page(
        "council/directorates/<int:pk>/",
        "directorate",
        get=READ_BY_DIRECTORATE,
        kinds=BY_DIRECTORATE,
        params={"pk": "directorate"},
    ),
    # savings programme
    page("programme/", "savings:dashboard", get=EVERY_MEMBER),
    page(
        "programme/bundles/<int:pk>/",
        "savings:bundle",
        get=A_MEMBERS,
        kinds=BY_COUNCIL,
        params={"pk": "bundle"},
    ),
    page("programme/tracker/", "savings:tracker", get=EVERY_MEMBER),
    page(
        "programme/proposals/new/",
        "savings:proposal_create",
        get=AS_POST,
        # savings.create_proposal: programme office, directors, editors.
        post=s(PROGRAMME_OFFICE, DIRECTOR, EDITOR, PROGRAMME_OFFICE_B),
    ),
    page(
        "programme/proposals/<int:pk>/",
        "savings:proposal",
        get=READ_PROPOSAL,
        kinds=PROPOSAL_KINDS,
        params={"pk": "proposal"},
    ),
    page(
        "programme/proposals/<int:pk>/edit/",
        "savings:proposal_edit",
        get=AS_POST,
        post=FINANCE_OR_CHANGE,
        kinds=PROPOSAL_KINDS,
        params={"pk": "proposal"},
        note="Finance may use the form to set the finance lead and accountant only "
        "(savings.assign_finance); the service refuses them any other field.",
    ),
    page(
        "programme/proposals/<int:pk>/savings/",
        "savings:proposal_lines",
        get=AS_POST,
        post=CHANGE_PROPOSAL,
        kinds=PROPOSAL_KINDS,
        params={"pk": "proposal"},
    ),
    page(
        "programme/proposals/<int:pk>/staffing/",
        "savings:proposal_staffing",
        get=AS_POST,
        post=CHANGE_PROPOSAL,
        kinds=PROPOSAL_KINDS,
        params={"pk": "proposal"},
    ),
    page(
        "programme/proposals/<int:pk>/stage/",
        "savings:proposal_stage",
        get=None,
        post=CHANGE_PROPOSAL,  # savings.move_stage, for a live proposal
        kinds=PROPOSAL_KINDS,
        params={"pk": "proposal"},
        post_body=STAGE_BODY,
    ),
    page(
        "programme/proposals/<int:pk>/decision/",
        "savings:proposal_decision",
        get=AS_POST,
        # Submitting (savings.submit_proposal) or deciding (savings.decide_proposal, a
        # subset): together, savings.change_proposal's people.
        post=CHANGE_PROPOSAL,
        kinds=PROPOSAL_KINDS,
        params={"pk": "proposal"},
    ),
    page(
        "programme/proposals/<int:pk>/forecast/",
        "savings:proposal_forecast",
        get=AS_POST,
        post=FINANCE_OR_CHANGE,  # savings.record_forecast
        kinds=PROPOSAL_KINDS,
        params={"pk": "proposal"},
    ),
    page(
        "programme/proposals/<int:pk>/benefits/",
        "savings:proposal_benefit",
        get=AS_POST,
        post=CONFIRM_BENEFIT,
        kinds=PROPOSAL_KINDS,
        params={"pk": "proposal"},
    ),
    page(
        "programme/proposals/<int:pk>/impacts/",
        "savings:proposal_impact",
        get=AS_POST,
        post=CHANGE_PROPOSAL,  # savings.record_impact
        kinds=PROPOSAL_KINDS,
        params={"pk": "proposal"},
    ),
    page("programme/checks/", "savings:checks", get=EVERY_MEMBER),
    page(
        "programme/checks/budget-codes/<int:pk>/review/",
        "savings:code_review",
        get=None,
        post=each(own=s(FINANCE), other=s(FINANCE)),  # savings.review_budget_code
        kinds=BY_DIRECTORATE,
        params={"pk": "budget_code"},
        post_body={"note": REASON},
    ),
    # The periods page lists the months to every member; its form opens one.
    page(
        "programme/periods/",
        "savings:periods",
        get=EVERY_MEMBER,
        post=s(PROGRAMME_OFFICE, PROGRAMME_OFFICE_B),  # savings.open_period
    ),
    page(
        "programme/periods/<int:pk>/",
        "savings:period",
        get=A_MEMBERS,
        kinds=BY_COUNCIL,
        params={"pk": "period"},
        variant="open period",
    ),
    page(
        "programme/periods/<int:pk>/",
        "savings:period",
        get=A_MEMBERS,
        kinds=BY_COUNCIL,
        params={"pk": "period_closed"},
        variant="closed period",
    ),
    page(
        "programme/periods/<int:pk>/close/",
        "savings:period_close",
        # The confirmation page (what is outstanding, what closing does) and its form.
        get=AS_POST,
        post=s(PROGRAMME_OFFICE),  # savings.close_period, of an open period
        kinds=BY_COUNCIL,
        params={"pk": "period"},
    ),
    page("programme/periods/moved/", "savings:moved", get=EVERY_MEMBER),
    page(
        "programme/targets/",
        "savings:targets",
        get=EVERY_MEMBER,
        post=s(PROGRAMME_OFFICE, PROGRAMME_OFFICE_B),  # savings.set_targets
    ),
    page(
        "programme/lessons/",
        "savings:lessons",
        get=EVERY_MEMBER,
        # savings.change_lessons: the programme office or a director (any directorate).
        post=s(PROGRAMME_OFFICE, PROGRAMME_OFFICE_B, DIRECTOR),
    ),
    # the corporate plan
    page("plan/", "strategy:plan", get=EVERY_MEMBER),
    page(
        "plan/departments/<int:pk>/",
        "strategy:departmental_plan",
        get=READ_BY_DIRECTORATE,
        kinds=BY_DIRECTORATE,
        params={"pk": "departmental_plan"},
    ),
    # performance indicators ("own": measures X's plan, owned by the editor)
    page("indicators/", "performance:list", get=EVERY_MEMBER),
    page(
        "indicators/<int:pk>/",
        "performance:indicator",
        get=READ_BY_DIRECTORATE,
        kinds=BY_DIRECTORATE,
        params={"pk": "indicator"},
    ),
    page(
        "indicators/<int:pk>/actual/",
        "performance:actual",
        get=AS_POST,
        post=RECORD_ACTUAL,
        kinds=BY_DIRECTORATE,
        params={"pk": "indicator"},
    ),
    page(
        "indicators/<int:pk>/actuals/<int:actual_pk>/approve/",
        "performance:actual_approve",
        get=None,
        post=APPROVE_ACTUAL,
        kinds=BY_DIRECTORATE,
        params={"pk": "indicator", "actual_pk": "actual"},
        hidden=DRAFT_HIDDEN,
    ),
    page(
        "indicators/<int:pk>/target/",
        "performance:target",
        get=AS_POST,
        # Targets: the programme office or the director of a directorate whose plan it
        # measures.
        post=each(own=s(PROGRAMME_OFFICE, DIRECTOR), other=s(PROGRAMME_OFFICE)),
        kinds=BY_DIRECTORATE,
        params={"pk": "indicator"},
    ),
    # service plans
    page("service-plans/", "plans:list", get=EVERY_MEMBER),
    page(
        "service-plans/new/",
        "plans:plan_create",
        get=AS_POST,
        post=s(PROGRAMME_OFFICE, PROGRAMME_OFFICE_B, DIRECTOR),
    ),
    page(
        "service-plans/<int:pk>/",
        "plans:plan",
        get=READ_BY_DIRECTORATE,
        kinds=BY_DIRECTORATE,
        params={"pk": "service_plan"},
    ),
    page(
        "service-plans/<int:pk>/edit/",
        "plans:plan_edit",
        get=AS_POST,
        post=PLAN_EDITORS,
        kinds=BY_DIRECTORATE,
        params={"pk": "service_plan"},
    ),
    page(
        "service-plans/<int:pk>/priorities/new/",
        "plans:priority_add",
        get=AS_POST,
        post=PLAN_EDITORS,
        kinds=BY_DIRECTORATE,
        params={"pk": "service_plan"},
    ),
    page(
        "service-plans/<int:pk>/priorities/<int:priority_pk>/edit/",
        "plans:priority_edit",
        get=AS_POST,
        post=PLAN_EDITORS,
        kinds=BY_DIRECTORATE,
        params={"pk": "service_plan", "priority_pk": "service_priority"},
    ),
    page(
        "service-plans/<int:pk>/priorities/<int:priority_pk>/remove/",
        "plans:priority_remove",
        get=None,
        post=PLAN_EDITORS,
        kinds=BY_DIRECTORATE,
        params={"pk": "service_plan", "priority_pk": "service_priority"},
        post_body={"reason": REASON},
    ),
    page(
        "service-plans/<int:pk>/actions/new/",
        "plans:action_add",
        get=AS_POST,
        post=PLAN_EDITORS,
        kinds=BY_DIRECTORATE,
        params={"pk": "service_plan"},
    ),
    page(
        "service-plans/<int:pk>/actions/<int:action_pk>/update/",
        "plans:update_record",
        get=AS_POST,
        # Update positions: the plan's editors and every editor of the council.
        post=each(own=s(PROGRAMME_OFFICE, DIRECTOR, EDITOR), other=s(PROGRAMME_OFFICE, EDITOR)),
        kinds=BY_DIRECTORATE,
        params={"pk": "service_plan", "action_pk": "action"},
    ),
    page(
        "service-plans/<int:pk>/impact/",
        "plans:impact",
        get=AS_POST,
        post=PLAN_EDITORS,
        kinds=BY_DIRECTORATE,
        params={"pk": "service_plan"},
    ),
    page(
        "service-plans/actions/<int:pk>/",
        "plans:action",
        get=READ_BY_DIRECTORATE,
        kinds=BY_DIRECTORATE,
        params={"pk": "action"},
    ),
    page(
        "service-plans/actions/<int:pk>/edit/",
        "plans:action_edit",
        get=AS_POST,
        post=PLAN_EDITORS,
        kinds=BY_DIRECTORATE,
        params={"pk": "action"},
    ),
    page(
        "service-plans/objectives/",
        "plans:objectives",
        get=EVERY_MEMBER,
        # Stricter reading: personal objectives (PPAs) are officers'. The viewer only reads
        # and councillors have no appraisal, so only the write roles may set one.
        post=s(PROGRAMME_OFFICE, PROGRAMME_OFFICE_B, FINANCE, DIRECTOR, EDITOR),
    ),
    page(
        "service-plans/objectives/<int:pk>/",
        "plans:objective",
        get=AS_POST,
        post=OBJECTIVE_KEEPERS,
        kinds=BY_DIRECTORATE,
        params={"pk": "personal_objective"},
        hidden=OBJECTIVE_HIDDEN,
    ),
    # the risk register ("own": X's risk, owned by the editor)
    page("risks/", "risks:list", get=EVERY_MEMBER),
    page(
        "risks/new/",
        "risks:add",
        get=AS_POST,
        post=s(PROGRAMME_OFFICE, PROGRAMME_OFFICE_B, DIRECTOR),
    ),
    page(
        "risks/<int:pk>/",
        "risks:risk",
        get=READ_BY_DIRECTORATE,
        kinds=BY_DIRECTORATE,
        params={"pk": "risk"},
    ),
    page(
        "risks/<int:pk>/edit/",
        "risks:edit",
        get=AS_POST,
        post=RISK_MANAGERS,
        kinds=BY_DIRECTORATE,
        params={"pk": "risk"},
    ),
    page(
        "risks/<int:pk>/close/",
        "risks:close",
        get=AS_POST,
        post=RISK_MANAGERS,
        kinds=BY_DIRECTORATE,
        params={"pk": "risk"},
    ),
    # reports (reads only)
    page("reports/line-of-sight/", "reports:line_of_sight", get=EVERY_MEMBER),
    page(
        "reports/line-of-sight/priorities/<int:pk>/",
        "reports:priority",
        get=A_MEMBERS,
        kinds=BY_COUNCIL,
        params={"pk": "strategic_priority"},
    ),
    page(
        "reports/line-of-sight/<str:kind>/<int:pk>/",
        "reports:why",
        get=READ_PROPOSAL,
        kinds=PROPOSAL_KINDS,
        params={"pk": "proposal"},
        fixed={"kind": "proposal"},
        variant="proposal",
    ),
    page(
        "reports/line-of-sight/<str:kind>/<int:pk>/",
        "reports:why",
        get=READ_BY_DIRECTORATE,
        kinds=BY_DIRECTORATE,
        params={"pk": "action"},
        fixed={"kind": "action"},
        variant="action",
    ),
    page(
        "reports/line-of-sight/<str:kind>/<int:pk>/",
        "reports:why",
        # Stricter reading: the chain above a personal objective names it and its person,
        # so it is shown only to those who may see the objective.
        get=OBJECTIVE_KEEPERS,
        kinds=BY_DIRECTORATE,
        params={"pk": "personal_objective"},
        fixed={"kind": "objective"},
        hidden=OBJECTIVE_HIDDEN,
        variant="objective",
    ),
    page("reports/orphans/", "reports:orphans", get=EVERY_MEMBER),
    page("reports/performance/", "reports:performance", get=EVERY_MEMBER),
    page("reports/negative-impacts/", "reports:negative_impacts", get=EVERY_MEMBER),
    page(
        "reports/monitoring/<int:pk>/report.<str:kind>",
        "reports:monitoring_document",
        get=A_MEMBERS,
        kinds=BY_COUNCIL,
        params={"pk": "period_closed"},
        fixed={"kind": "xlsx"},
    ),
    # the API's own pages
    # Django Ninja serves these to any method and writes nothing: no 405 is asked for.
    page("api/v1/openapi.json", "api:openapi-json", get=EVERYONE, open=True, method_check=False),
    page("api/v1/docs", "api:openapi-view", get=EVERYONE, open=True, method_check=False),
    page(
        "api/v1/",
        "api:api-root",
        get=NOBODY,
        open=True,
        refused_with=frozenset({"404"}),
        method_check=False,
        note="Django Ninja's root only names the docs' address: a 404 for everyone.",
    ),
]

# --- the JSON API -----------------------------------------------------------------------------

A = "/api/v1"
API = [
    api("GET", f"{A}/me", EVERY_MEMBER),
    api("GET", f"{A}/programme/summary", EVERY_MEMBER),
    api("GET", f"{A}/proposals", EVERY_MEMBER),
    api(
        "POST",
        f"{A}/proposals",
        s(PROGRAMME_OFFICE, PROGRAMME_OFFICE_B, DIRECTOR, EDITOR),  # savings.create_proposal
        body=proposal_create_body,
    ),
    api(
        "GET",
        f"{A}/proposals/{{proposal_id}}",
        READ_PROPOSAL,
        kinds=PROPOSAL_KINDS,
        params={"proposal_id": "proposal"},
    ),
    api(
        "PATCH",
        f"{A}/proposals/{{proposal_id}}",
        FINANCE_OR_CHANGE,  # a change of finance lead: savings.assign_finance
        kinds=PROPOSAL_KINDS,
        params={"proposal_id": "proposal"},
        body=proposal_patch_body,
    ),
    api(
        "PUT",
        f"{A}/proposals/{{proposal_id}}/lines",
        CHANGE_PROPOSAL,
        kinds=PROPOSAL_KINDS,
        params={"proposal_id": "proposal"},
        body=lines_body,
    ),
    api(
        "POST",
        f"{A}/proposals/{{proposal_id}}/stage",
        CHANGE_PROPOSAL,  # savings.move_stage
        kinds=PROPOSAL_KINDS,
        params={"proposal_id": "proposal"},
        body=STAGE_BODY,
    ),
    api(
        "POST",
        f"{A}/proposals/{{proposal_id}}/decision",
        CHANGE_PROPOSAL,  # submitting a draft: savings.submit_proposal
        kinds=PROPOSAL_KINDS,
        params={"proposal_id": "proposal"},
        body={"to": "submitted"},
    ),
    api(
        "PUT",
        f"{A}/proposals/{{proposal_id}}/forecasts",
        FINANCE_OR_CHANGE,  # savings.record_forecast
        kinds=PROPOSAL_KINDS,
        params={"proposal_id": "proposal"},
        body=FORECAST_BODY,
    ),
    api("GET", f"{A}/corporate-plans", EVERY_MEMBER),
    api(
        "GET",
        f"{A}/corporate-plans/{{plan_id}}",
        A_MEMBERS,
        kinds=BY_COUNCIL,
        params={"plan_id": "corporate_plan"},
    ),
    api(
        "GET",
        f"{A}/priorities/{{priority_id}}/line-of-sight",
        A_MEMBERS,
        kinds=BY_COUNCIL,
        params={"priority_id": "strategic_priority"},
    ),
    api("GET", f"{A}/indicators", EVERY_MEMBER),
    api(
        "GET",
        f"{A}/indicators/{{indicator_id}}",
        READ_BY_DIRECTORATE,
        kinds=BY_DIRECTORATE,
        params={"indicator_id": "indicator"},
    ),
    api(
        "POST",
        f"{A}/indicators/{{indicator_id}}/actuals",
        RECORD_ACTUAL,
        kinds=BY_DIRECTORATE,
        params={"indicator_id": "indicator"},
        body=ACTUAL_BODY,
    ),
    api(
        "POST",
        f"{A}/indicators/{{indicator_id}}/actuals/{{actual_id}}/approve",
        APPROVE_ACTUAL,
        kinds=BY_DIRECTORATE,
        params={"indicator_id": "indicator", "actual_id": "actual"},
        hidden=DRAFT_HIDDEN,
    ),
    api("GET", f"{A}/service-plans", EVERY_MEMBER),
    api(
        "GET",
        f"{A}/service-plans/{{plan_id}}",
        READ_BY_DIRECTORATE,
        kinds=BY_DIRECTORATE,
        params={"plan_id": "service_plan"},
    ),
    api(
        "GET",
        f"{A}/actions/{{action_id}}",
        READ_BY_DIRECTORATE,
        kinds=BY_DIRECTORATE,
        params={"action_id": "action"},
    ),
    api(
        "PUT",
        f"{A}/actions/{{action_id}}/updates",
        each(own=s(PROGRAMME_OFFICE, DIRECTOR, EDITOR), other=s(PROGRAMME_OFFICE, EDITOR)),
        kinds=BY_DIRECTORATE,
        params={"action_id": "action"},
        body=UPDATE_BODY,
    ),
    api("GET", f"{A}/risks", EVERY_MEMBER),
    api(
        "POST",
        f"{A}/risks",
        s(PROGRAMME_OFFICE, PROGRAMME_OFFICE_B, DIRECTOR),
        body=risk_create_body,
    ),
    api(
        "GET",
        f"{A}/risks/{{risk_id}}",
        READ_BY_DIRECTORATE,
        kinds=BY_DIRECTORATE,
        params={"risk_id": "risk"},
    ),
    api(
        "PATCH",
        f"{A}/risks/{{risk_id}}",
        RISK_MANAGERS,
        kinds=BY_DIRECTORATE,
        params={"risk_id": "risk"},
        body={"title": "Access matrix risk, changed"},
    ),
]

# --- the Django admin -------------------------------------------------------------------------
# Only the programme office (and superusers, not in the matrix) get in, each to their own
# council's reference data. Nothing is ever deleted there.

STAFF = s(PROGRAMME_OFFICE, PROGRAMME_OFFICE_B)  # signed in to the admin, own council
PO_OWN = each(own=s(PROGRAMME_OFFICE))  # council A's record: its programme office


def admin(route: str, name: str | None, *, get: Access, post: Access = None, **extra) -> Row:
    return Row("admin", "admin/" + route, name, {"GET": get, "POST": post}, **extra)


# The admin's app index pattern lists the apps with models in the admin (sorted here: the
# admin's own order follows import order). A new app in the admin changes it.
APP_LIST = "^(?P<app_label>accounts|auth|performance|plans|strategy)/$"

ADMIN_SITE = [
    admin("", "admin:index", get=STAFF),
    # The admin's login sends someone already signed in to the admin on to its index.
    admin(
        "login/",
        "admin:login",
        get=EVERYONE,
        post=EVERYONE,
        open=True,
        success=frozenset({"ok", "redirect"}),
    ),
    # POST only. Logging out ends on the login page (LOGOUT_REDIRECT_URL); the admin sends
    # anyone not signed in to it back to its index.
    admin("logout/", "admin:logout", get=None, post=STAFF, success=frozenset({"ok", "login"})),
    admin("password_change/", "admin:password_change", get=STAFF, post=STAFF),
    admin("password_change/done/", "admin:password_change_done", get=STAFF),
    admin(
        "autocomplete/",
        "admin:autocomplete",
        get=STAFF,  # a programme office searching its own council's people
        query={"app_label": "accounts", "model_name": "directorate", "field_name": "director"},
    ),
    admin("jsi18n/", "admin:jsi18n", get=STAFF),
    admin(
        "r/<path:content_type_id>/<path:object_id>/",
        "admin:view_on_site",
        get=NOBODY,  # no model has get_absolute_url: never a page, only 404 or a redirect
        kinds=BY_COUNCIL,
        params={"content_type_id": "directorate:content_type", "object_id": "directorate"},
    ),
    admin(
        APP_LIST,
        "admin:app_list",
        get=NOBODY,  # auth: users and groups are for superusers
        fixed={"app_label": "auth"},
        variant="auth",
    ),
    *[
        admin(
            APP_LIST,
            "admin:app_list",
            get=STAFF,
            fixed={"app_label": app},
            variant=app,
        )
        for app in ("accounts", "strategy", "performance", "plans")
    ],
    admin(
        "(?P<url>.*)$",
        None,
        get=NOBODY,
        path="/admin/no-such-page/",
    ),
]

# Every model in the admin, by how it is administered. A model registered in the admin and
# missing here has no rows, and the coverage test names its URLs.
SUPERUSER_ONLY = "superuser only"  # nobody in the matrix
COUNCIL_SCOPED = "council scoped"  # the programme office adds and changes its own council's
READ_ONLY = "read only"  # the programme office reads its own council's

ADMIN_MODELS = {
    # (app_label, model_name): (how, record key in world.py, kinds)
    ("auth", "group"): (SUPERUSER_ONLY, "group", (OWN,)),
    ("auth", "user"): (SUPERUSER_ONLY, "user", BY_COUNCIL),
    ("accounts", "council"): (SUPERUSER_ONLY, "council", BY_COUNCIL),
    ("accounts", "apitoken"): (SUPERUSER_ONLY, "api_token", BY_COUNCIL),
    ("accounts", "directorate"): (COUNCIL_SCOPED, "directorate", BY_COUNCIL),
    ("accounts", "servicearea"): (COUNCIL_SCOPED, "service_area", BY_COUNCIL),
    ("accounts", "person"): (COUNCIL_SCOPED, "person", BY_COUNCIL),
    ("accounts", "portfolio"): (COUNCIL_SCOPED, "portfolio", BY_COUNCIL),
    ("accounts", "membership"): (COUNCIL_SCOPED, "membership", BY_COUNCIL),
    ("strategy", "corporateplan"): (COUNCIL_SCOPED, "corporate_plan", BY_COUNCIL),
    ("strategy", "priority"): (COUNCIL_SCOPED, "strategic_priority", BY_COUNCIL),
    ("strategy", "departmentalplan"): (COUNCIL_SCOPED, "departmental_plan", BY_COUNCIL),
    ("strategy", "deliverypriority"): (COUNCIL_SCOPED, "delivery_priority", BY_COUNCIL),
    ("strategy", "efficiencyproject"): (COUNCIL_SCOPED, "efficiency_project", BY_COUNCIL),
    ("performance", "indicator"): (COUNCIL_SCOPED, "indicator", BY_COUNCIL),
    ("plans", "serviceplan"): (READ_ONLY, "service_plan", BY_COUNCIL),
    ("plans", "action"): (READ_ONLY, "action", BY_COUNCIL),
    ("plans", "quarterlyupdate"): (READ_ONLY, "quarterly_update", BY_COUNCIL),
    ("plans", "personalobjective"): (READ_ONLY, "personal_objective", BY_COUNCIL),
}
# Models kept with django-simple-history, whose admin has a page per historical version.
NO_SIMPLE_HISTORY = {("auth", "group"), ("auth", "user")}


def admin_model_rows(app: str, model: str) -> list[Row]:
    how, key, kinds = ADMIN_MODELS[(app, model)]
    name = f"admin:{app}_{model}"
    base = f"{app}/{model}/"
    obj = {"kinds": kinds, "params": {"object_id": key}}
    # The list and the add form: the staff of any council, each for their own council.
    see_list = STAFF if how != SUPERUSER_ONLY else NOBODY
    add = STAFF if how == COUNCIL_SCOPED else NOBODY
    # One record of council A: its programme office only (council B's is derived).
    see = PO_OWN if how != SUPERUSER_ONLY else NOBODY
    change = PO_OWN if how == COUNCIL_SCOPED else NOBODY
    rows = [
        # POST to the list without an action chosen only shows the list again.
        admin(base, f"{name}_changelist", get=see_list, post=see_list),
        admin(base + "add/", f"{name}_add", get=add, post=add),
        admin(base + "<path:object_id>/history/", f"{name}_history", get=see, **obj),
        admin(base + "<path:object_id>/delete/", f"{name}_delete", get=NOBODY, post=NOBODY, **obj),
        admin(base + "<path:object_id>/change/", f"{name}_change", get=see, post=change, **obj),
        # The bare record address only redirects to its change page: never a page itself.
        admin(
            base + "<path:object_id>/",
            None,
            get=NOBODY,
            path=f"/admin/{base}{{object_id}}/",
            **obj,
        ),
    ]
    if (app, model) not in NO_SIMPLE_HISTORY:
        rows.append(
            admin(
                base + "^([^/]+)/history/([^/]+)/$",
                f"{name}_simple_history",
                get=see,  # a past version, read
                # Reverting is switched off (SIMPLE_HISTORY_REVERT_DISABLED): history is kept,
                # never replayed over the record.
                post=NOBODY,
                kinds=kinds,
                params={"object_id": key, "version_id": f"{key}:history"},
                path=f"/admin/{base}{{object_id}}/history/{{version_id}}/",
            )
        )
    if (app, model) == ("auth", "user"):
        rows.append(
            admin(
                "auth/user/<id>/password/",
                "admin:auth_user_password_change",
                get=NOBODY,
                post=NOBODY,
                kinds=kinds,
                params={"id": key},
            )
        )
    return rows


ADMIN = ADMIN_SITE + [row for app, model in ADMIN_MODELS for row in admin_model_rows(app, model)]


def _area_rows() -> list[Row]:
    """The rows kept in ``tests/access/rows/`` (one module per area, each its ``ROWS``)."""
    from tests.access.rows import finance, impact, imports, monitoring, setup
    from tests.access.rows import papers as papers_rows
    from tests.access.rows import public as public_rows
    from tests.access.rows import scrutiny as scrutiny_rows
    from tests.access.rows import simulator as simulator_rows

    return [
        *setup.ROWS,
        *imports.ROWS,
        *monitoring.ROWS,
        *finance.ROWS,
        *impact.ROWS,
        *public_rows.ROWS,
        *papers_rows.ROWS,
        *simulator_rows.ROWS,
        *scrutiny_rows.ROWS,
    ]


ROWS: list[Row] = PAGES + API + ADMIN + _area_rows()
