from django.urls import path

from sightline.strategy import views

app_name = "strategy"

urlpatterns = [
    path("", views.plan, name="plan"),
    path("departments/<id:pk>/", views.departmental_plan, name="departmental_plan"),
]
