from django.contrib import admin
from django.urls import include, path

from sightline.api.api import api
from sightline.core import views as core_views
from sightline.home import views as home_views

admin.site.site_header = "Sightline administration"
admin.site.site_title = "Sightline"
admin.site.index_title = "Reference data"

urlpatterns = [
    path("", home_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("", include("sightline.accounts.urls")),
    path("programme/", include("sightline.savings.urls")),
    path("plan/", include("sightline.strategy.urls")),
    path("indicators/", include("sightline.performance.urls")),
    path("service-plans/", include("sightline.plans.urls")),
    path("risks/", include("sightline.risks.urls")),
    path("finance/", include("sightline.finance.urls")),
    path("impact/", include("sightline.impact.urls")),
    path("reports/", include("sightline.reports.urls")),
    path("scrutiny/", include("sightline.scrutiny.urls")),
    path("setup/", include("sightline.setup.urls")),
    path("imports/", include("sightline.imports.urls")),
    path("papers/", include("sightline.papers.urls")),
    path("c/<slug:council>/budget-simulator/", include("sightline.simulator.public_urls")),
    path("c/<slug:council>/", include("sightline.public.urls")),
    path("public-settings/", include("sightline.public.settings_urls")),
    path("simulator/", include("sightline.simulator.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler403 = "sightline.core.views.permission_denied"
handler404 = "sightline.core.views.page_not_found"
handler500 = "sightline.core.views.server_error"
