from django.urls import path

from sightline.performance import views

app_name = "performance"

urlpatterns = [
    path("", views.indicator_list, name="list"),
    path("<id:pk>/", views.indicator_detail, name="indicator"),
    path("<id:pk>/actual/", views.actual_record, name="actual"),
    path("<id:pk>/actuals/<id:actual_pk>/approve/", views.actual_approve, name="actual_approve"),
    path("<id:pk>/target/", views.target_set, name="target"),
]
