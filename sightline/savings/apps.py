from django.apps import AppConfig


class SavingsConfig(AppConfig):
    name = "sightline.savings"
    label = "savings"
    verbose_name = "Savings programme"
    default_auto_field = "django.db.models.BigAutoField"
