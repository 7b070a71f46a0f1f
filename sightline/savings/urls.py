from django.urls import path

from sightline.savings import views

app_name = "savings"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("bundles/<int:pk>/", views.bundle_detail, name="bundle"),
    path("tracker/", views.tracker, name="tracker"),
    path("proposals/new/", views.proposal_create, name="proposal_create"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal"),
    path("proposals/<int:pk>/edit/", views.proposal_edit, name="proposal_edit"),
    path("proposals/<int:pk>/savings/", views.proposal_lines, name="proposal_lines"),
    path("proposals/<int:pk>/staffing/", views.proposal_staffing, name="proposal_staffing"),
    path("proposals/<int:pk>/stage/", views.proposal_stage, name="proposal_stage"),
    path("proposals/<int:pk>/decision/", views.proposal_decision, name="proposal_decision"),
    path("proposals/<int:pk>/forecast/", views.proposal_forecast, name="proposal_forecast"),
    path("proposals/<int:pk>/benefits/", views.proposal_benefit, name="proposal_benefit"),
    path("proposals/<int:pk>/impacts/", views.proposal_impact, name="proposal_impact"),
    path("checks/", views.checks, name="checks"),
    path("checks/budget-codes/<int:pk>/review/", views.budget_code_review, name="code_review"),
    path("periods/", views.periods, name="periods"),
    path("periods/<int:pk>/", views.period_report, name="period"),
    path("periods/<int:pk>/close/", views.period_close, name="period_close"),
    path("periods/moved/", views.moved, name="moved"),
    path("targets/", views.targets, name="targets"),
    path("lessons/", views.lessons, name="lessons"),
]
