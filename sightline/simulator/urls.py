from django.urls import path

from sightline.simulator import views

app_name = "simulator"

urlpatterns = [
    path("", views.simulation_list, name="list"),
    path("new/", views.simulation_create, name="create"),
    path("<id:pk>/", views.simulation_detail, name="detail"),
    path("<id:pk>/action/", views.simulation_action, name="action"),
    path("<id:pk>/results.csv", views.simulation_results_csv, name="results_csv"),
]
