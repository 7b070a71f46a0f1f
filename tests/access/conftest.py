"""The access matrix's data: built once per test module inside a transaction that is rolled
back when the module ends, so nothing it makes outlives it or reaches other tests."""

import logging

import pytest
from django.db import transaction
from django.test.utils import override_settings

from tests.access.world import build_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    # Thousands of requests: the request log would bury a failure's table.
    request_log = logging.getLogger("sightline.request")
    request_log.disabled = True
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with override_settings(
                PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
            ):
                built = build_world()
            yield built
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            request_log.disabled = False
