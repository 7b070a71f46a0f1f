from django.urls import path

from sightline.finance import views

app_name = "finance"

urlpatterns = [
    path("", views.plan, name="plan"),
    path("plan/edit/", views.plan_edit, name="plan_edit"),
    path("plan.pdf", views.plan_pdf, name="pdf"),
    path("years/", views.year_close, name="year_close"),
    path("budget/", views.budget, name="budget"),
    path("budget/lines/new/", views.line_add, name="line_add"),
    path("budget/lines/<id:pk>/", views.line_edit, name="line_edit"),
    path("notes/new/", views.note_add, name="note_add"),
    path("notes/<id:pk>/", views.note_edit, name="note_edit"),
    path("scenarios/", views.scenario_list, name="scenarios"),
    path("scenarios/new/", views.scenario_add, name="scenario_add"),
    path("scenarios/<id:pk>/", views.scenario_detail, name="scenario"),
    path("scenarios/<id:pk>/edit/", views.scenario_edit, name="scenario_edit"),
    path("scenarios/<id:pk>/assumption/", views.assumption, name="assumption"),
    path("cycle/", views.cycle, name="cycle"),
    path("cycle/new/", views.milestone_add, name="milestone_add"),
    path("cycle/repeat/", views.cycle_repeat, name="cycle_repeat"),
    path("cycle/<id:pk>/", views.milestone_edit, name="milestone_edit"),
]
