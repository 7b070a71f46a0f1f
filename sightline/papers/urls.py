from django.urls import path

from sightline.papers import views

app_name = "papers"

urlpatterns = [
    path("executive/<int:pk>/<str:edition>.<str:fmt>", views.executive, name="executive"),
    path("proposals/<int:pk>/form.<str:fmt>", views.proposal, name="proposal"),
    path("periods/<int:pk>/<str:edition>.<str:fmt>", views.period, name="period"),
    path("service-plans/<int:pk>.<str:fmt>", views.plan, name="plan"),
    path("performance.<str:fmt>", views.performance, name="performance"),
    path("risks.<str:fmt>", views.risks, name="risks"),
]
