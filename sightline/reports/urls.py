from django.urls import path

from sightline.reports import downloads, views

app_name = "reports"

urlpatterns = [
    path("line-of-sight/", views.line_of_sight, name="line_of_sight"),
    path("line-of-sight/priorities/<id:pk>/", views.priority, name="priority"),
    path("line-of-sight/<str:kind>/<id:pk>/", views.why, name="why"),
    path("orphans/", views.orphans, name="orphans"),
    path("performance/", views.performance, name="performance"),
    path("negative-impacts/", views.negative_impacts, name="negative_impacts"),
    path("downloads/tracker.xlsx", downloads.tracker_xlsx, name="tracker_xlsx"),
    path("downloads/indicators.xlsx", downloads.indicators_xlsx, name="indicators_xlsx"),
    path("downloads/risk-register.xlsx", downloads.risks_xlsx, name="risks_xlsx"),
    path(
        "monitoring/<id:pk>/report.<str:kind>",
        views.period_document,
        name="monitoring_document",
    ),
]
