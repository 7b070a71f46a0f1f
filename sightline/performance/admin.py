"""Django admin for defining indicators, scoped to the programme office's council.

Indicators are retired with ``disabled_on``, never deleted; every save goes through
``indicator_save`` so it is checked, versioned and audited like any other change. Targets and
actuals are entered on the indicator pages, where a second person approves each actual.
"""

from django.contrib import admin

from sightline.accounts.admin import CouncilScopedAdmin
from sightline.accounts.permissions import membership_for
from sightline.performance import services
from sightline.performance.models import Indicator


@admin.register(Indicator)
class IndicatorAdmin(CouncilScopedAdmin):
    list_display = ("code", "title", "unit", "polarity", "frequency", "owner", "disabled_on")
    list_filter = ("frequency", "polarity", "illustrative")
    search_fields = ("code", "title")
    filter_horizontal = ("priorities", "departmental_plans")
    exclude = ("council",)

    def save_model(self, request, obj, form, change):
        if membership_for(request.user) is None and request.user.is_superuser:
            obj._history_user = request.user
            obj.save()
            return
        data = {name: form.cleaned_data[name] for name in services.INDICATOR_FIELDS}
        data["priorities"] = list(form.cleaned_data.get("priorities", []))
        data["departmental_plans"] = list(form.cleaned_data.get("departmental_plans", []))
        saved = services.indicator_save(
            by=request.user,
            data=data,
            indicator=Indicator.objects.get(pk=obj.pk) if change else None,
            expected_version=obj.version if change else None,
            reason=f"Edited in administration ({', '.join(form.changed_data)})",
        )
        obj.pk, obj.version = saved.pk, saved.version
        request._indicator_saved_by_service = True

    def save_related(self, request, form, formsets, change):
        if getattr(request, "_indicator_saved_by_service", False):
            # The service has set the priorities and departmental plans already.
            for formset in formsets:
                self.save_formset(request, form, formset, change=change)
            return
        super().save_related(request, form, formsets, change)
