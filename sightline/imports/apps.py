from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "sightline.imports"
    label = "imports"
    verbose_name = "Importing a council's tables"
    default_auto_field = "django.db.models.BigAutoField"
