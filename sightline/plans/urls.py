from django.urls import path

from sightline.plans import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("new/", views.plan_create, name="plan_create"),
    path("<int:pk>/", views.plan_detail, name="plan"),
    path("<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/priorities/new/", views.priority_add, name="priority_add"),
    path("<int:pk>/priorities/<int:priority_pk>/edit/", views.priority_edit, name="priority_edit"),
    path(
        "<int:pk>/priorities/<int:priority_pk>/remove/",
        views.priority_remove,
        name="priority_remove",
    ),
    path("<int:pk>/actions/new/", views.action_add, name="action_add"),
    path("<int:pk>/actions/<int:action_pk>/update/", views.update_record, name="update_record"),
    path("<int:pk>/impact/", views.impact_grid, name="impact"),
    path("actions/<int:pk>/", views.action_detail, name="action"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("objectives/", views.objectives, name="objectives"),
    path("objectives/<int:pk>/", views.objective_edit, name="objective"),
]
