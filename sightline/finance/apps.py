from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "sightline.finance"
    label = "finance"
    verbose_name = "The medium-term financial plan"
    default_auto_field = "django.db.models.BigAutoField"
