from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "sightline.plans"
    label = "plans"
    verbose_name = "Service plans, actions and personal objectives"
    default_auto_field = "django.db.models.BigAutoField"
