from django.urls import path

from sightline.savings import views

app_name = "savings"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("bundles/<id:pk>/", views.bundle_detail, name="bundle"),
    path("tracker/", views.tracker, name="tracker"),
    path("proposals/new/", views.proposal_create, name="proposal_create"),
    path("proposals/<id:pk>/", views.proposal_detail, name="proposal"),
    path("proposals/<id:pk>/edit/", views.proposal_edit, name="proposal_edit"),
    path("proposals/<id:pk>/savings/", views.proposal_lines, name="proposal_lines"),
    path("proposals/<id:pk>/staffing/", views.proposal_staffing, name="proposal_staffing"),
    path("proposals/<id:pk>/stage/", views.proposal_stage, name="proposal_stage"),
    path("proposals/<id:pk>/decision/", views.proposal_decision, name="proposal_decision"),
    path("proposals/<id:pk>/forecast/", views.proposal_forecast, name="proposal_forecast"),
    path("proposals/<id:pk>/benefits/", views.proposal_benefit, name="proposal_benefit"),
    path("proposals/<id:pk>/impacts/", views.proposal_impact, name="proposal_impact"),
    path("checks/", views.checks, name="checks"),
    path("checks/budget-codes/<id:pk>/review/", views.budget_code_review, name="code_review"),
    path("periods/", views.periods, name="periods"),
    path("periods/<id:pk>/", views.period_report, name="period"),
    path("periods/<id:pk>/close/", views.period_close, name="period_close"),
    path("periods/<id:pk>/forecasts/", views.round_grid, name="round_grid"),
    path("periods/<id:pk>/outstanding/", views.round_outstanding, name="round_outstanding"),
    path("periods/moved/", views.moved, name="moved"),
    path("targets/", views.targets, name="targets"),
    path("lessons/", views.lessons, name="lessons"),
]
