"""Django admin for the programme office's reference data, scoped to their own council.

Every admin a programme office opens is a :class:`CouncilScopedAdmin` (see ``admin_scoping``):
it shows and offers only their council's records. Records are retired with ``disabled_on``,
never deleted; every save goes through ``reference_save`` so it is audited and versioned like
any other change. Councils, API tokens, logins and groups are for the server operators alone.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from simple_history.admin import SimpleHistoryAdmin

from sightline.accounts.admin_scoping import (
    READONLY,
    CouncilScopedAdmin,
    OperatorsOnlyAdmin,
    ReadOnlyCouncilScopedAdmin,
)
from sightline.accounts.models import (
    ApiToken,
    Council,
    Directorate,
    Membership,
    Person,
    Portfolio,
    ServiceArea,
)

__all__ = ["READONLY", "CouncilScopedAdmin", "OperatorsOnlyAdmin", "ReadOnlyCouncilScopedAdmin"]


@admin.register(Council)
class CouncilAdmin(OperatorsOnlyAdmin, SimpleHistoryAdmin):
    list_display = ("name", "short_code")
    readonly_fields = READONLY

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Directorate)
class DirectorateAdmin(CouncilScopedAdmin):
    list_display = ("name", "director", "disabled_on")
    search_fields = ("name",)


@admin.register(ServiceArea)
class ServiceAreaAdmin(CouncilScopedAdmin):
    list_display = ("name", "directorate", "disabled_on")
    list_filter = ("directorate",)
    search_fields = ("name",)


@admin.register(Person)
class PersonAdmin(CouncilScopedAdmin):
    list_display = ("name", "job_title", "kind", "disabled_on")
    list_filter = ("kind",)
    search_fields = ("name", "job_title")
    exclude = ("user",)


@admin.register(Portfolio)
class PortfolioAdmin(CouncilScopedAdmin):
    list_display = ("name", "lead_member", "disabled_on")


@admin.register(Membership)
class MembershipAdmin(CouncilScopedAdmin):
    list_display = ("user", "role", "directorate", "exempt_access")
    list_filter = ("role",)


@admin.register(ApiToken)
class ApiTokenAdmin(OperatorsOnlyAdmin, SimpleHistoryAdmin):
    list_display = ("user", "name", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("user", "name", "prefix", "token_hash", "created_at", "last_used_at")

    def has_add_permission(self, request):
        return False


class OperatorsUserAdmin(OperatorsOnlyAdmin, UserAdmin):
    """Logins span every council: Django's own admin of them is for the server operators."""


class OperatorsGroupAdmin(OperatorsOnlyAdmin, GroupAdmin):
    """Groups span every council: for the server operators only."""


for _model, _model_admin in ((get_user_model(), OperatorsUserAdmin), (Group, OperatorsGroupAdmin)):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, _model_admin)
