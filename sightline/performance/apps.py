from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "sightline.performance"
    label = "performance"
    verbose_name = "Performance indicators"
    default_auto_field = "django.db.models.BigAutoField"
