from django.apps import AppConfig


class SetupConfig(AppConfig):
    name = "sightline.setup"
    label = "setup"
    verbose_name = "Setting a council up"
    default_auto_field = "django.db.models.BigAutoField"
