from django.urls import path

from sightline.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.upload, name="upload"),
    path("<id:pk>/", views.preview, name="preview"),
    path("<id:pk>/confirm/", views.confirm, name="confirm"),
    path("<id:pk>/discard/", views.discard, name="discard"),
    path("templates/<slug:kind>/<slug:fmt>/", views.template, name="template"),
]
