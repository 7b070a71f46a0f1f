from django.urls import path, register_converter

from sightline.setup import views
from sightline.setup.kinds import KINDS


class KindConverter:
    """A kind of set-up record in a URL (``directorates``, ``budget-codes``...): any other word
    does not match, so it is a 404."""

    regex = "|".join(sorted(KINDS, key=len, reverse=True))

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(KindConverter, "setupkind")

app_name = "setup"

urlpatterns = [
    path("", views.index, name="index"),
    path("logins/", views.login_list, name="logins"),
    path("logins/new/", views.login_add, name="login_add"),
    path("logins/<id:pk>/", views.login_detail, name="login"),
    path("logins/<id:pk>/edit/", views.login_edit, name="login_edit"),
    path("logins/<id:pk>/deactivate/", views.login_deactivate, name="login_deactivate"),
    path("logins/<id:pk>/invite/", views.login_invite, name="login_invite"),
    path("<setupkind:kind>/", views.record_list, name="list"),
    path("<setupkind:kind>/new/", views.record_add, name="add"),
    path("<setupkind:kind>/<id:pk>/", views.record_detail, name="record"),
    path("<setupkind:kind>/<id:pk>/edit/", views.record_edit, name="edit"),
    path("<setupkind:kind>/<id:pk>/retire/", views.record_retire, name="retire"),
]
