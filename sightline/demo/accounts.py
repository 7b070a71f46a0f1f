"""The demo councils, their logins, directorates and people, from the council documents.

The server's operator creates each council and its programme office login (as
``accounts.services`` lets only the operator do); that programme office then keeps the
council's reference data and gives the other logins, as it would in the app.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model

from sightline.accounts.models import (
    Council,
    Directorate,
    Membership,
    Person,
    Portfolio,
    Role,
    ServiceArea,
)
from sightline.accounts.services import (
    OPERATOR,
    council_create,
    login_admin_access_set,
    login_create,
    reference_save,
)
from sightline.demo.sources import (
    CORPORATE_PLAN,
    EXECUTIVE_REPORT,
    SEFTON_SERVICE_PLAN,
    TOWER_HAMLETS_PROPOSAL,
    cite,
)
from sightline.demo.sync import keep

PLAN_DEPARTMENTS = cite(CORPORATE_PLAN, "section 5: the departments and their directors")

# The Corporate Plan 2011-2014, section 5: each department with its director.
LUTON_DIRECTORATES = [
    ("Chief Executive's Department", "Trevor Holden", "Chief Executive"),
    ("Children and Learning Department", "Martin Pratt", "Corporate Director"),
    ("Customer and Corporate Service Department", "Steve Heappey", "Corporate Director"),
    ("Environment and Regeneration Department", "Colin Chick", "Corporate Director"),
    ("Housing and Community Living Department", "Pam Garraway", "Interim Corporate Director"),
    ("Public Health", "Gerry Taylor", "Director of Public Health"),
]

LUTON_SERVICE_AREAS = {
    "Chief Executive's Department": ["Policy and Performance", "Democratic Services"],
    "Children and Learning Department": ["Children's social care", "Schools support"],
    "Customer and Corporate Service Department": ["Finance", "Customer services"],
    "Environment and Regeneration Department": ["Street services", "Planning and development"],
    "Housing and Community Living Department": ["Adult social care", "Housing services"],
    "Public Health": ["Health improvement"],
}

# People named in the Executive report, the Corporate Plan and Luton Together Phase 2.
LUTON_OFFICERS = [
    ("Nicola Perry", "Report author, Policy and Performance"),
    ("Brenda Vale", "Legal clearance"),
    ("Sandra Legate", "Equality and Diversity Policy Manager"),
    ("Chimeme Egbutah", "Advanced Health Improvement Specialist"),
    ("Finance and Airport Client Manager", "Finance and Airport Client Manager"),
    ("Strategy & Sustainability Manager", "Strategy & Sustainability Manager"),
    ("Head of Policy and Performance", "Head of Policy and Performance"),
    ("Luton Excellence programme director", "Programme director, Luton Excellence (LEx)"),
]
LUTON_COUNCILLORS = [
    ("Cllr Hazel Simmons", "Leader of the Council"),
    ("Cllr Harris", "Lead Executive Member"),
]

# The logins, one per role; the demo password is printed by `make demo`. The first is the
# council's programme office, created by the server's operator.
LOGINS = [
    ("programme_office", Role.PROGRAMME_OFFICE, "Demo", "Programme Officer", None),
    ("finance", Role.FINANCE, "Demo", "Finance Lead", None),
    ("director", Role.DIRECTOR, "Demo", "Director", "Chief Executive's Department"),
    ("editor", Role.EDITOR, "Demo", "Project Lead", None),
    ("councillor", Role.COUNCILLOR, "Demo", "Councillor", None),
    ("viewer", Role.VIEWER, "Demo", "Viewer", None),
]

# Tower Hamlets, to see its exempt draft savings proposal from both sides.
TOWER_HAMLETS_LOGINS = [
    ("th_programme_office", Role.PROGRAMME_OFFICE, "Demo", "Tower Hamlets Officer", None),
    ("th_viewer", Role.VIEWER, "Demo", "Tower Hamlets Viewer", None),
]

# Sefton, to read its Corporate Services service plan and record its quarterly updates.
SEFTON_LOGINS = [
    ("sefton_programme_office", Role.PROGRAMME_OFFICE, "Demo", "Sefton Officer", None),
    ("sefton_editor", Role.EDITOR, "Demo", "Sefton Editor", None),
    ("sefton_viewer", Role.VIEWER, "Demo", "Sefton Viewer", None),
]


def login(username: str):
    """A demo login by its name, with its membership and person (so each rule asked of it
    reads them once)."""
    return (
        get_user_model()
        .objects.select_related("membership__council", "membership__directorate", "person")
        .get(username=username)
    )


def _reference(model, lookup: dict, values: dict | None = None, *, by, reason: str):
    """Reference data (a directorate, service area, person or portfolio), kept by the
    programme office through ``reference_save``."""
    return keep(
        model,
        lookup,
        values,
        save=lambda obj, version: reference_save(
            obj=obj, by=by, reason=reason, expected_version=version
        ),
    )


def _person(council: Council, name: str, title: str, *, by, reason: str, **values) -> Person:
    return _reference(
        Person, {"council": council, "name": name, "job_title": title}, values, by=by, reason=reason
    )


def _council(name: str, short_code: str, first_login) -> tuple[Council, object]:
    """The council, created by the server's operator with its programme office login (which
    the operator opens the administration to); that login, to act as from here on."""
    council = Council.objects.filter(short_code=short_code).first()
    if council is None:
        council = council_create(name=name, short_code=short_code, by=OPERATOR)
    _login(council, first_login, by=OPERATOR)
    return council, login(first_login[0])


def _login(council: Council, spec, *, by) -> None:
    """A demo login with the demo password, given by ``by``, and the person who holds it
    (named "Demo <role> login" in lists of people); a programme office login may open the
    administration of reference data. A login that exists keeps its password and membership:
    no service changes those, so reloading leaves them as they are."""
    username, role, first, last, directorate_name = spec
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        directorate = (
            Directorate.objects.get(council=council, name=directorate_name)
            if directorate_name
            else None
        )
        membership = login_create(
            council=council,
            username=username,
            role=role,
            by=by,
            first_name=first,
            last_name=last,
            email=f"{username}@demo.sightline.invalid",
            directorate=directorate,
            password=settings.DEMO_PASSWORD,
        )
        user = membership.user
    if role == Role.PROGRAMME_OFFICE:
        login_admin_access_set(
            membership=Membership.objects.select_related("user", "council").get(user=user),
            admin_access=True,
            by=by,
        )
    person = Person.objects.get(user=user)
    title = f"Demo {role.value} login"
    if person.job_title != title:
        person.job_title = title
        office = by if by is not OPERATOR else login(username)
        reference_save(obj=person, by=office, reason="Demo login", expected_version=person.version)


def _logins(council: Council, logins, *, by) -> None:
    for spec in logins[1:]:
        _login(council, spec, by=by)


def load_luton() -> Council:
    """Luton's departments and directors, officers and lead members (the Corporate Plan
    2011-2014 and the Executive report of 4 March 2013), and its demo logins."""
    council, office = _council("Luton Borough Council", "lbc", LOGINS[0])
    for name, director_name, title in LUTON_DIRECTORATES:
        director = _person(council, director_name, title, by=office, reason=PLAN_DEPARTMENTS)
        directorate = _reference(
            Directorate,
            {"council": council, "name": name},
            {"director": director},
            by=office,
            reason=PLAN_DEPARTMENTS,
        )
        for area in LUTON_SERVICE_AREAS[name]:
            _reference(
                ServiceArea,
                {"directorate": directorate, "name": area},
                by=office,
                reason=PLAN_DEPARTMENTS,
            )
    named = cite(CORPORATE_PLAN, "and the council's Executive report of 4 March 2013")
    for name, title in LUTON_OFFICERS:
        _person(council, name, title, by=office, reason=named)
    people = {
        name: _person(council, name, title, by=office, reason=named, kind=Person.Kind.COUNCILLOR)
        for name, title in LUTON_COUNCILLORS
    }
    _reference(
        Portfolio,
        {"council": council, "name": "Leader of the Council"},
        {"lead_member": people["Cllr Hazel Simmons"]},
        by=office,
        reason=named,
    )
    _reference(
        Portfolio,
        {"council": council, "name": "Lead Executive Member (Chief Executive's Department)"},
        {
            "lead_member": people["Cllr Harris"],
            "directorate": Directorate.objects.get(
                council=council, name="Chief Executive's Department"
            ),
        },
        by=office,
        reason=cite(EXECUTIVE_REPORT, "lead executive members Cllr Simmons and Cllr Harris"),
    )
    _logins(council, LOGINS, by=office)
    return council


def load_tower_hamlets() -> Council:
    """The council of the draft savings proposal SAV / RES 002 / 21-22: its Resources
    directorate and the proposal's named officers."""
    council, office = _council("London Borough of Tower Hamlets", "lbth", TOWER_HAMLETS_LOGINS[0])
    reason = cite(TOWER_HAMLETS_PROPOSAL)
    directorate = _reference(
        Directorate, {"council": council, "name": "Resources"}, by=office, reason=reason
    )
    for area in ["Central services", "Business Support"]:
        _reference(
            ServiceArea, {"directorate": directorate, "name": area}, by=office, reason=reason
        )
    _person(council, "Steven Tinkler", "Interim Head of Business Support", by=office, reason=reason)
    member = _person(
        council,
        "Cllr Candida Ronald",
        "Cabinet Member for Resources and the Voluntary Sector",
        by=office,
        reason=reason,
        kind=Person.Kind.COUNCILLOR,
    )
    _reference(
        Portfolio,
        {"council": council, "name": "Resources and the Voluntary Sector"},
        {"lead_member": member},
        by=office,
        reason=reason,
    )
    _logins(council, TOWER_HAMLETS_LOGINS, by=office)
    return council


def load_sefton() -> Council:
    """The council of the Corporate Services Departmental Service Plan 2010/11: Corporate
    Services and its named officers."""
    council, office = _council("Sefton Council", "sefton", SEFTON_LOGINS[0])
    reason = cite(SEFTON_SERVICE_PLAN)
    director = _person(
        council, "Mike Fogg", "Director of Corporate Services", by=office, reason=reason
    )
    directorate = _reference(
        Directorate,
        {"council": council, "name": "Corporate Services"},
        {"director": director},
        by=office,
        reason=reason,
    )
    for area in ["Business Support Unit", "Finance & IS", "Legal", "Personnel"]:
        _reference(
            ServiceArea, {"directorate": directorate, "name": area}, by=office, reason=reason
        )
    _person(
        council, "Dr Sue Walton", "Assistant Director – Business Support", by=office, reason=reason
    )
    for name in ["Corporate Services", "Performance & Governance"]:
        _reference(Portfolio, {"council": council, "name": name}, by=office, reason=reason)
    _logins(council, SEFTON_LOGINS, by=office)
    return council
