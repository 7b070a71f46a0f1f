"""Access-matrix rows for the set-up pages (``/setup/``) and their API operations.

Every member of a council reads what it is set up with (the lists and each record's page, as
the council page already shows its directorates and people); adding, changing and retiring
are for those the kind's rule allows: the programme office (``accounts.change_reference_data``,
``savings.change_savings_type``, ``savings.change_bundle``), and finance too for budget codes
(``savings.change_budget_code``). Logins are read and kept by the programme office alone
(``accounts.manage_logins``, ``accounts.change_login``, ``accounts.deactivate_login``).
"""

from __future__ import annotations

from sightline.accounts.models import Membership, Role
from sightline.accounts.tests.factories import member
from tests.access.expectations import (
    A_MEMBERS,
    AS_POST,
    BY_COUNCIL,
    BY_DIRECTORATE,
    EVERY_MEMBER,
    FINANCE,
    PROGRAMME_OFFICE,
    PROGRAMME_OFFICE_B,
    Row,
    api,
    each,
    page,
    s,
)

PO_ANY = s(PROGRAMME_OFFICE, PROGRAMME_OFFICE_B)  # a programme office, in its own council
PO_OWN = each(own=s(PROGRAMME_OFFICE))  # council A's record: its programme office
CODE_KEEPERS = s(PROGRAMME_OFFICE, PROGRAMME_OFFICE_B, FINANCE)
CODE_KEEPERS_OWN = each(own=s(PROGRAMME_OFFICE, FINANCE), other=s(PROGRAMME_OFFICE, FINANCE))
READ_OWN = each(own=A_MEMBERS)
READ_BY_DIRECTORATE = each(own=A_MEMBERS, other=A_MEMBERS)

# kind in the URL -> (record key in world.py, object kinds tried, who may add, who may change)
KINDS = {
    "directorates": ("directorate", BY_COUNCIL, PO_ANY, PO_OWN),
    "service-areas": ("service_area", BY_COUNCIL, PO_ANY, PO_OWN),
    "people": ("person", BY_COUNCIL, PO_ANY, PO_OWN),
    "portfolios": ("portfolio", BY_COUNCIL, PO_ANY, PO_OWN),
    "savings-types": ("savings_type", BY_COUNCIL, PO_ANY, PO_OWN),
    "bundles": ("bundle", BY_COUNCIL, PO_ANY, PO_OWN),
    "budget-codes": ("budget_code", BY_DIRECTORATE, CODE_KEEPERS, CODE_KEEPERS_OWN),
}


def _kind_rows(slug: str) -> list[Row]:
    key, kinds, add, change = KINDS[slug]
    read = READ_BY_DIRECTORATE if kinds == BY_DIRECTORATE else READ_OWN
    record = {"kinds": kinds, "params": {"pk": key}, "fixed": {"kind": slug}, "variant": slug}
    return [
        page("setup/<kind>/", "setup:list", get=EVERY_MEMBER, fixed={"kind": slug}, variant=slug),
        page(
            "setup/<kind>/new/",
            "setup:add",
            get=AS_POST,
            post=add,
            fixed={"kind": slug},
            variant=slug,
        ),
        page("setup/<kind>/<pk>/", "setup:record", get=read, **record),
        page("setup/<kind>/<pk>/edit/", "setup:edit", get=AS_POST, post=change, **record),
        page("setup/<kind>/<pk>/retire/", "setup:retire", get=AS_POST, post=change, **record),
    ]


LOGIN = {"kinds": BY_COUNCIL, "params": {"pk": "login"}}

PAGES = [
    page("setup/", "setup:index", get=EVERY_MEMBER),
    *[row for slug in KINDS for row in _kind_rows(slug)],
    # Logins: the programme office alone, even to read (names, e-mail addresses, roles).
    page("setup/logins/", "setup:logins", get=PO_ANY),
    page("setup/logins/new/", "setup:login_add", get=AS_POST, post=PO_ANY),
    page("setup/logins/<pk>/", "setup:login", get=PO_OWN, **LOGIN),
    page("setup/logins/<pk>/edit/", "setup:login_edit", get=AS_POST, post=PO_OWN, **LOGIN),
    page(
        "setup/logins/<pk>/deactivate/",
        "setup:login_deactivate",
        get=AS_POST,
        post=PO_OWN,
        **LOGIN,
    ),
    page("setup/logins/<pk>/invite/", "setup:login_invite", get=None, post=PO_OWN, **LOGIN),
]

# --- the API ----------------------------------------------------------------------------------

A = "/api/v1"


def _patch(key: str, change: dict):
    return lambda ctx: {"version": ctx.obj(key).version, **change}


API = [
    api("GET", f"{A}/savings-types", EVERY_MEMBER),
    api("POST", f"{A}/savings-types", PO_ANY, body={"name": "Matrix savings type"}),
    api(
        "GET",
        f"{A}/savings-types/{{type_id}}",
        READ_OWN,
        kinds=BY_COUNCIL,
        params={"type_id": "savings_type"},
    ),
    api(
        "PATCH",
        f"{A}/savings-types/{{type_id}}",
        PO_OWN,
        kinds=BY_COUNCIL,
        params={"type_id": "savings_type"},
        body=_patch("savings_type", {"recurring": False}),
    ),
    api("GET", f"{A}/bundles", EVERY_MEMBER),
    api(
        "POST",
        f"{A}/bundles",
        PO_ANY,
        body={
            "name": "Matrix bundle",
            "targets": [{"financial_year": "2013/14", "amount": "1000.00"}],
        },
    ),
    api(
        "GET",
        f"{A}/bundles/{{bundle_id}}",
        READ_OWN,
        kinds=BY_COUNCIL,
        params={"bundle_id": "bundle"},
    ),
    api(
        "PATCH",
        f"{A}/bundles/{{bundle_id}}",
        PO_OWN,
        kinds=BY_COUNCIL,
        params={"bundle_id": "bundle"},
        body=_patch("bundle", {"vision": "Access matrix"}),
    ),
    api("GET", f"{A}/budget-codes", EVERY_MEMBER),
    api(
        "POST",
        f"{A}/budget-codes",
        CODE_KEEPERS,
        body={
            "code": "MX-NEW",
            "budgets": [{"financial_year": "2013/14", "amount": "1000000.00"}],
        },
    ),
    api(
        "GET",
        f"{A}/budget-codes/{{code_id}}",
        READ_BY_DIRECTORATE,
        kinds=BY_DIRECTORATE,
        params={"code_id": "budget_code"},
    ),
    api(
        "PATCH",
        f"{A}/budget-codes/{{code_id}}",
        CODE_KEEPERS_OWN,
        kinds=BY_DIRECTORATE,
        params={"code_id": "budget_code"},
        body=_patch("budget_code", {"name": "Access matrix"}),
    ),
]

ROWS: list[Row] = PAGES + API


def build(o, users) -> None:
    """A login of each council that is none of the personas (a viewer's), for the login
    pages: deactivating or changing it touches nobody the matrix signs in as."""
    code = "b" if o.council.short_code.endswith("b") else "a"
    user = member(o.council, Role.VIEWER, username=f"matrix_login_{code}")
    o.login = Membership.objects.get(user=user)
