from django.urls import path

from sightline.risks import views

app_name = "risks"

urlpatterns = [
    path("", views.risk_list, name="list"),
    path("new/", views.risk_add, name="add"),
    path("<id:pk>/", views.risk_detail, name="risk"),
    path("<id:pk>/edit/", views.risk_edit, name="edit"),
    path("<id:pk>/close/", views.risk_close, name="close"),
]
