"""The set-up pages: a council setting itself up without a developer."""

from sightline.setup.views.index import index
from sightline.setup.views.logins import (
    login_add,
    login_deactivate,
    login_detail,
    login_edit,
    login_invite,
    login_list,
)
from sightline.setup.views.records import (
    record_add,
    record_detail,
    record_edit,
    record_list,
    record_retire,
)

__all__ = [
    "index",
    "login_add",
    "login_deactivate",
    "login_detail",
    "login_edit",
    "login_invite",
    "login_list",
    "record_add",
    "record_detail",
    "record_edit",
    "record_list",
    "record_retire",
]
