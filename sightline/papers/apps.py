from django.apps import AppConfig


class PapersConfig(AppConfig):
    name = "sightline.papers"
    label = "papers"
    verbose_name = "Committee papers"
    default_auto_field = "django.db.models.BigAutoField"
