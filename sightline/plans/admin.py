"""Read-only admin views of service plans for the programme office, scoped to their council.

Plans are written only through the service plan pages (and so through ``services``), which
check roles and rules and audit every change; the admin shows records and their history.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sightline.accounts.models import Role
from sightline.accounts.permissions import membership_for
from sightline.plans.models import Action, PersonalObjective, QuarterlyUpdate, ServicePlan


class ReadOnlyCouncilAdmin(SimpleHistoryAdmin):
    council_path = "council"

    def _allowed(self, request) -> bool:
        if request.user.is_superuser:
            return True
        membership = membership_for(request.user)
        return bool(membership and membership.role == Role.PROGRAMME_OFFICE)

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(**{self.council_path: membership_for(request.user).council})


@admin.register(ServicePlan)
class ServicePlanAdmin(ReadOnlyCouncilAdmin):
    list_display = ("title", "directorate", "fy")
    list_filter = ("fy",)
    search_fields = ("title",)


@admin.register(Action)
class ActionAdmin(ReadOnlyCouncilAdmin):
    council_path = "priority__plan__council"
    list_display = ("__str__", "priority", "deadline", "resourced")
    search_fields = ("description",)


@admin.register(QuarterlyUpdate)
class QuarterlyUpdateAdmin(ReadOnlyCouncilAdmin):
    council_path = "action__priority__plan__council"
    list_display = ("action", "fy", "quarter", "status")
    list_filter = ("quarter", "status")


@admin.register(PersonalObjective)
class PersonalObjectiveAdmin(ReadOnlyCouncilAdmin):
    council_path = "person__council"
    list_display = ("person", "__str__", "starts_on", "review_on", "final_review_on")
