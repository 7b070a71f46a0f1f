from django.urls import path

from sightline.impact import views

app_name = "impact"

urlpatterns = [
    path("", views.index, name="index"),
    path("cumulative/", views.cumulative, name="cumulative"),
    path("cumulative/csv/", views.cumulative_csv, name="cumulative_csv"),
    path("cumulative/xlsx/", views.cumulative_xlsx, name="cumulative_xlsx"),
    path(
        "collective-consultation/",
        views.collective_consultation,
        name="collective_consultation",
    ),
    path("resident-consultations/", views.resident_consultations, name="resident_consultations"),
    path("settings/", views.council_settings, name="settings"),
    path("proposals/<id:pk>/", views.proposal_impact, name="proposal"),
    path("proposals/<id:pk>/screening/", views.screening, name="screening"),
    path("proposals/<id:pk>/screening/edit/", views.screening_edit, name="screening_edit"),
    path("proposals/<id:pk>/assessment/", views.assessment, name="assessment"),
    path("proposals/<id:pk>/assessment/edit/", views.assessment_edit, name="assessment_edit"),
    path(
        "proposals/<id:pk>/assessment/sign-off/",
        views.assessment_sign_off,
        name="assessment_sign_off",
    ),
    path("proposals/<id:pk>/implications/", views.implications, name="implications"),
    path(
        "proposals/<id:pk>/implications/edit/",
        views.implications_edit,
        name="implications_edit",
    ),
    path(
        "proposals/<id:pk>/implications/final/",
        views.implications_final,
        name="implications_final",
    ),
    path("implications/<id:pk>/clear/", views.implication_clear, name="implication_clear"),
    path("proposals/<id:pk>/consultations/", views.consultations, name="consultations"),
    path(
        "proposals/<id:pk>/consultations/new/",
        views.consultation_add,
        name="consultation_add",
    ),
    path("proposals/<id:pk>/posts/", views.posts, name="posts"),
    path("proposals/<id:pk>/posts/edit/", views.posts_edit, name="posts_edit"),
]
