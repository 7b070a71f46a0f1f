"""The programme office's page for what the council publishes: ``/public-settings/``."""

from django.urls import path

from sightline.public import views

app_name = "public_settings"

urlpatterns = [
    path("", views.settings_edit, name="edit"),
    path("publish/<id:pk>/", views.publish_now, name="publish"),
]
