"""The records the contract run works on: the demo councils and a programme office token."""

import pytest
from django.contrib.auth import get_user_model

from sightline.accounts.services import token_create


@pytest.fixture(scope="module")
def office_token(demo_data, django_db_blocker):
    """A token of Luton's programme office (the demo's ``programme_office``), made inside
    the module's rolled-back demo data."""
    with django_db_blocker.unblock():
        user = get_user_model().objects.get(username="programme_office")
        _, raw = token_create(user=user, name="Contract run")
    return raw
