"""The public pages of one council: ``/c/<council>/``, no login."""

from django.urls import path

from sightline.public import views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("savings/<str:year>/", views.savings, name="savings"),
    path("plan/", views.plan, name="plan"),
    path("indicators/", views.indicators, name="indicators"),
    path("risks/", views.risks, name="risks"),
    path("data/", views.data, name="data"),
    path("data/dictionary/", views.dictionary, name="dictionary"),
    path("data/<slug:name>.csv", views.download_csv, name="download_csv"),
    path("data/<slug:name>.json", views.download_json, name="download_json"),
]
