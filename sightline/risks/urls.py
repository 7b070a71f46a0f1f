from django.urls import path

from sightline.risks import views

app_name = "risks"

urlpatterns = [
    path("", views.risk_list, name="list"),
    path("new/", views.risk_add, name="add"),
    path("heat-map/", views.heat_map, name="heat_map"),
    path("<id:pk>/", views.risk_detail, name="risk"),
    path("<id:pk>/edit/", views.risk_edit, name="edit"),
    path("<id:pk>/close/", views.risk_close, name="close"),
    path("<id:pk>/review/", views.risk_review, name="review"),
    path("<id:pk>/links/", views.risk_links, name="links"),
]
