from django.urls import path

from sightline.scrutiny import views

app_name = "scrutiny"

urlpatterns = [
    path("", views.index, name="index"),
    path("deep-dives/new/", views.deep_dive_add, name="deep_dive_add"),
    path("deep-dives/<id:pk>/", views.deep_dive, name="deep_dive"),
    path("questions/<id:pk>/answer/", views.answer, name="answer"),
]
