"""The programme office keeps the corporate plan in admin, scoped to its council."""

from django.contrib import admin

from sightline.accounts.admin import CouncilScopedAdmin
from sightline.strategy.models import (
    CorporatePlan,
    DeliveryPriority,
    DepartmentalPlan,
    EfficiencyProject,
    Priority,
)
from sightline.strategy.services import plan_record_save


class PlanAdmin(CouncilScopedAdmin):
    def save_model(self, request, obj, form, change):
        reason = f"Edited in administration ({', '.join(form.changed_data)})"
        plan_record_save(obj=obj, by=request.user, reason=reason, expected_version=obj.version)


@admin.register(CorporatePlan)
class CorporatePlanAdmin(PlanAdmin):
    list_display = ("title", "starts", "ends")


@admin.register(Priority)
class PriorityAdmin(PlanAdmin):
    list_display = ("number", "title", "plan", "lead")


@admin.register(DepartmentalPlan)
class DepartmentalPlanAdmin(PlanAdmin):
    list_display = ("directorate", "plan")


@admin.register(DeliveryPriority)
class DeliveryPriorityAdmin(PlanAdmin):
    list_display = ("text", "priority", "departmental_plan")


@admin.register(EfficiencyProject)
class EfficiencyProjectAdmin(PlanAdmin):
    list_display = ("title", "priority", "departmental_plan")
