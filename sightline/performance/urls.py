from django.urls import path

from sightline.performance import views

app_name = "performance"

urlpatterns = [
    path("", views.indicator_list, name="list"),
    path("<int:pk>/", views.indicator_detail, name="indicator"),
    path("<int:pk>/actual/", views.actual_record, name="actual"),
    path("<int:pk>/actuals/<int:actual_pk>/approve/", views.actual_approve, name="actual_approve"),
    path("<int:pk>/target/", views.target_set, name="target"),
]
