"""Read-only admin views of service plans for the programme office, scoped to their council.

Plans are written only through the service plan pages (and so through ``services``), which
check roles and rules and audit every change; the admin shows records and their history.
"""

from django.contrib import admin

from sightline.accounts.admin_scoping import ReadOnlyCouncilScopedAdmin
from sightline.plans.models import Action, PersonalObjective, QuarterlyUpdate, ServicePlan


@admin.register(ServicePlan)
class ServicePlanAdmin(ReadOnlyCouncilScopedAdmin):
    list_display = ("title", "directorate", "fy")
    list_filter = ("fy",)
    search_fields = ("title",)


@admin.register(Action)
class ActionAdmin(ReadOnlyCouncilScopedAdmin):
    list_display = ("__str__", "priority", "deadline", "resourced")
    search_fields = ("description",)


@admin.register(QuarterlyUpdate)
class QuarterlyUpdateAdmin(ReadOnlyCouncilScopedAdmin):
    list_display = ("action", "fy", "quarter", "status")
    list_filter = ("quarter", "status")


@admin.register(PersonalObjective)
class PersonalObjectiveAdmin(ReadOnlyCouncilScopedAdmin):
    list_display = ("person", "__str__", "starts_on", "review_on", "final_review_on")
