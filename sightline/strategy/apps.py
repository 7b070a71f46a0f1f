from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "sightline.strategy"
    label = "strategy"
    verbose_name = "Corporate plan and the golden thread"
    default_auto_field = "django.db.models.BigAutoField"
