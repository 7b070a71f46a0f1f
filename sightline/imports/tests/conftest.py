import pytest

from sightline.accounts.models import Role
from sightline.accounts.tests.factories import DirectorateFactory, member
from sightline.core.tables import ImportOptions
from sightline.imports import services as import_services
from sightline.savings import services


@pytest.fixture(autouse=True)
def kept_files(settings, tmp_path):
    """Uploaded files wait in a folder of the test's own."""
    settings.SIGHTLINE_IMPORTS_DIR = tmp_path / "imports"
    return settings.SIGHTLINE_IMPORTS_DIR


@pytest.fixture
def council(council_a):
    services.savings_types_ensure_defaults(council=council_a)
    for name in ("Adult Social Care", "Children's Services", "Place"):
        DirectorateFactory(council=council_a, name=name)
    return council_a


@pytest.fixture
def brook_office(council_b):
    """The programme office of council B."""
    services.savings_types_ensure_defaults(council=council_b)
    return member(council_b, Role.PROGRAMME_OFFICE, username="bea")


TRACKER = (
    "Savings proposals (£'000)\n"
    "Ref,Directorate,Description,Savings type,2026/27,2027/28\n"
    "ASC01,Adult Social Care,Care packages,Efficiency,(1200),(800)\n"
    "PL01,Place,Green waste charge,Efficiency,(687.567),(100)\n"
    ",Total,,,(1887.567),(900)\n"
)


def upload(
    council, by, text: str = TRACKER, *, kind: str = "tracker", name="savings.csv", **options
):
    return import_services.upload_store(
        council=council,
        by=by,
        kind=kind,
        filename=name,
        data=text.encode() if isinstance(text, str) else text,
        options=ImportOptions(**options),
    )
