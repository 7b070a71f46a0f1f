"""Django admin for the programme office's reference data, scoped to their own council.

Records are retired with ``disabled_on``, never deleted; every save goes through
``reference_save`` so it is audited and versioned like any other change.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Q
from simple_history.admin import SimpleHistoryAdmin

from sightline.accounts.models import (
    ApiToken,
    Council,
    Directorate,
    Membership,
    Person,
    Portfolio,
    Role,
    ServiceArea,
)
from sightline.accounts.permissions import membership_for
from sightline.accounts.services import reference_save

READONLY = ("created_at", "created_by", "modified_at", "modified_by", "version")


def _is_programme_office(request) -> bool:
    membership = membership_for(request.user)
    return bool(membership and membership.role == Role.PROGRAMME_OFFICE)


class CouncilScopedAdmin(SimpleHistoryAdmin):
    """Shows and edits only the signed-in programme office's council; superusers see all."""

    council_path = "council"
    readonly_fields = READONLY

    def has_module_permission(self, request):
        return request.user.is_superuser or _is_programme_office(request)

    has_view_permission = has_add_permission = has_change_permission = (
        lambda self, request, obj=None: self.has_module_permission(request)
    )

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        membership = membership_for(request.user)
        return qs.filter(**{self.council_path: membership.council})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        membership = membership_for(request.user)
        if membership and not request.user.is_superuser:
            model = db_field.related_model
            if model is Council:
                kwargs["queryset"] = Council.objects.filter(pk=membership.council_id)
            elif model is ServiceArea:
                kwargs["queryset"] = ServiceArea.objects.filter(
                    directorate__council=membership.council
                )
            elif model is get_user_model():
                kwargs["queryset"] = model.objects.filter(
                    Q(membership__isnull=True) | Q(membership__council=membership.council)
                )
            elif hasattr(model, "council"):
                kwargs["queryset"] = model.objects.filter(council=membership.council)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if request.user.is_superuser and not _is_programme_office(request):
            obj._history_user = request.user
            obj.save()
            return
        reason = f"Edited in reference data administration ({', '.join(form.changed_data)})"
        reference_save(obj=obj, by=request.user, reason=reason, expected_version=obj.version)


@admin.register(Council)
class CouncilAdmin(SimpleHistoryAdmin):
    list_display = ("name", "short_code")
    readonly_fields = READONLY

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Directorate)
class DirectorateAdmin(CouncilScopedAdmin):
    list_display = ("name", "director", "disabled_on")
    search_fields = ("name",)


@admin.register(ServiceArea)
class ServiceAreaAdmin(CouncilScopedAdmin):
    council_path = "directorate__council"
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
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "name", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("user", "name", "prefix", "token_hash", "created_at", "last_used_at")

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False
