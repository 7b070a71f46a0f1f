from django.apps import AppConfig


class ImpactConfig(AppConfig):
    name = "sightline.impact"
    label = "impact"
    verbose_name = "Equality, implications, consultation and staffing"
    default_auto_field = "django.db.models.BigAutoField"
