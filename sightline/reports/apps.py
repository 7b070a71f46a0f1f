from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "sightline.reports"
    label = "reports"
    verbose_name = "Reports and line of sight (reads only)"
    default_auto_field = "django.db.models.BigAutoField"
