from django.apps import AppConfig


class ScrutinyConfig(AppConfig):
    name = "sightline.scrutiny"
    label = "scrutiny"
    verbose_name = "Councillors' scrutiny"
    default_auto_field = "django.db.models.BigAutoField"
