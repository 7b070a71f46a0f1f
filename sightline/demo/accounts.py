"""Demo councils, directorates and people from the seed documents (seeds 000 to 004)."""

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
from sightline.demo.upsert import upsert

SEED_001 = "Demo data: seed 001, Luton Corporate Plan 2011-2014, section 5"

# Seed 001 section 5: each department with its director.
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

# People named in seeds 000 (Executive report), 001 (corporate plan) and 002.
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

# The logins, one per role; the demo password is printed by `make demo`.
LOGINS = [
    ("programme_office", Role.PROGRAMME_OFFICE, "Demo", "Programme Officer", None),
    ("finance", Role.FINANCE, "Demo", "Finance Lead", None),
    ("director", Role.DIRECTOR, "Demo", "Director", "Chief Executive's Department"),
    ("editor", Role.EDITOR, "Demo", "Project Lead", None),
    ("councillor", Role.COUNCILLOR, "Demo", "Councillor", None),
    ("viewer", Role.VIEWER, "Demo", "Viewer", None),
]


def _council(name: str, code: str) -> Council:
    return upsert(Council, {"short_code": code}, {"name": name}, reason="Demo council")


def load_luton() -> Council:
    council = _council("Luton Borough Council", "lbc")
    for name, director_name, title in LUTON_DIRECTORATES:
        director = upsert(
            Person,
            {"council": council, "name": director_name, "job_title": title},
            reason=SEED_001,
        )
        directorate = upsert(
            Directorate, {"council": council, "name": name}, {"director": director}, reason=SEED_001
        )
        for area in LUTON_SERVICE_AREAS[name]:
            upsert(ServiceArea, {"directorate": directorate, "name": area}, reason=SEED_001)
    for name, title in LUTON_OFFICERS:
        upsert(Person, {"council": council, "name": name, "job_title": title}, reason=SEED_001)
    people = {}
    for name, title in LUTON_COUNCILLORS:
        people[name] = upsert(
            Person,
            {"council": council, "name": name, "job_title": title},
            {"kind": Person.Kind.COUNCILLOR},
            reason=SEED_001,
        )
    upsert(
        Portfolio,
        {"council": council, "name": "Leader of the Council"},
        {"lead_member": people["Cllr Hazel Simmons"]},
        reason=SEED_001,
    )
    upsert(
        Portfolio,
        {"council": council, "name": "Lead Executive Member (Chief Executive's Department)"},
        {"lead_member": people["Cllr Harris"]},
        reason="Demo data: seed 000, lead executive members Cllr Simmons and Cllr Harris",
    )
    _logins(council)
    return council


# Tower Hamlets, to see seed 003's exempt proposal from both sides.
TOWER_HAMLETS_LOGINS = [
    ("th_programme_office", Role.PROGRAMME_OFFICE, "Demo", "Tower Hamlets Officer", None),
    ("th_viewer", Role.VIEWER, "Demo", "Tower Hamlets Viewer", None),
]

# Sefton, to read seed 004's service plan and record its quarterly updates.
SEFTON_LOGINS = [
    ("sefton_programme_office", Role.PROGRAMME_OFFICE, "Demo", "Sefton Officer", None),
    ("sefton_editor", Role.EDITOR, "Demo", "Sefton Editor", None),
    ("sefton_viewer", Role.VIEWER, "Demo", "Sefton Viewer", None),
]


def _logins(council: Council, logins=LOGINS) -> None:
    User = get_user_model()
    for username, role, first, last, directorate_name in logins:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, first_name=first, last_name=last)
            user.email = f"{username}@demo.sightline.invalid"
            user.set_password(settings.DEMO_PASSWORD)
            user.is_staff = role == Role.PROGRAMME_OFFICE
            user.save()
        elif not user.check_password(settings.DEMO_PASSWORD):
            user.set_password(settings.DEMO_PASSWORD)
            user.save(update_fields=["password"])
        directorate = (
            Directorate.objects.get(council=council, name=directorate_name)
            if directorate_name
            else None
        )
        upsert(
            Membership,
            {"user": user},
            {
                "council": council,
                "role": role,
                "directorate": directorate,
                "exempt_access": False,
            },
            reason="Demo login",
        )
        upsert(
            Person,
            {"council": council, "name": f"{first} {last}", "job_title": f"Demo {role} login"},
            {"user": user},
            reason="Demo login",
        )


def load_tower_hamlets() -> Council:
    """Seed 003's council: the Resources directorate and the proposal's named officers."""
    council = _council("London Borough of Tower Hamlets", "lbth")
    reason = "Demo data: seed 003, savings proposal SAV / RES 002 / 21-22"
    directorate = upsert(Directorate, {"council": council, "name": "Resources"}, reason=reason)
    for area in ["Central services", "Business Support"]:
        upsert(ServiceArea, {"directorate": directorate, "name": area}, reason=reason)
    upsert(
        Person,
        {
            "council": council,
            "name": "Steven Tinkler",
            "job_title": "Interim Head of Business Support",
        },
        reason=reason,
    )
    member = upsert(
        Person,
        {
            "council": council,
            "name": "Cllr Candida Ronald",
            "job_title": "Cabinet Member for Resources and the Voluntary Sector",
        },
        {"kind": Person.Kind.COUNCILLOR},
        reason=reason,
    )
    upsert(
        Portfolio,
        {"council": council, "name": "Resources and the Voluntary Sector"},
        {"lead_member": member},
        reason=reason,
    )
    _logins(council, TOWER_HAMLETS_LOGINS)
    return council


def load_sefton() -> Council:
    """Seed 004's council: Corporate Services and its named officers."""
    council = _council("Sefton Council", "sefton")
    reason = "Demo data: seed 004, Corporate Services Departmental Service Plan 2010/11"
    director = upsert(
        Person,
        {"council": council, "name": "Mike Fogg", "job_title": "Director of Corporate Services"},
        reason=reason,
    )
    directorate = upsert(
        Directorate,
        {"council": council, "name": "Corporate Services"},
        {"director": director},
        reason=reason,
    )
    for area in ["Business Support Unit", "Finance & IS", "Legal", "Personnel"]:
        upsert(ServiceArea, {"directorate": directorate, "name": area}, reason=reason)
    upsert(
        Person,
        {
            "council": council,
            "name": "Dr Sue Walton",
            "job_title": "Assistant Director – Business Support",
        },
        reason=reason,
    )
    for name in ["Corporate Services", "Performance & Governance"]:
        upsert(Portfolio, {"council": council, "name": name}, reason=reason)
    _logins(council, SEFTON_LOGINS)
    return council
