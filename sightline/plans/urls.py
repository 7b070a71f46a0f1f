from django.urls import path

from sightline.plans import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("new/", views.plan_create, name="plan_create"),
    path("<id:pk>/", views.plan_detail, name="plan"),
    path("<id:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("<id:pk>/priorities/new/", views.priority_add, name="priority_add"),
    path("<id:pk>/priorities/<id:priority_pk>/edit/", views.priority_edit, name="priority_edit"),
    path(
        "<id:pk>/priorities/<id:priority_pk>/remove/",
        views.priority_remove,
        name="priority_remove",
    ),
    path("<id:pk>/actions/new/", views.action_add, name="action_add"),
    path("<id:pk>/actions/<id:action_pk>/update/", views.update_record, name="update_record"),
    path("<id:pk>/impact/", views.impact_grid, name="impact"),
    path("actions/<id:pk>/", views.action_detail, name="action"),
    path("actions/<id:pk>/edit/", views.action_edit, name="action_edit"),
    path("objectives/", views.objectives, name="objectives"),
    path("objectives/<id:pk>/", views.objective_edit, name="objective"),
]
