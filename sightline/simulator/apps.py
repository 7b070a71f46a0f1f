from django.apps import AppConfig


class SimulatorConfig(AppConfig):
    name = "sightline.simulator"
    label = "simulator"
    verbose_name = "The resident budget simulator"
    default_auto_field = "django.db.models.BigAutoField"
