from django.urls import path

from sightline.simulator import views

app_name = "simulator_public"

urlpatterns = [
    path("", views.public_home, name="home"),
    path("<str:year>/", views.simulate, name="simulate"),
    path("<str:year>/thanks/", views.thanks, name="thanks"),
]
