from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "sightline.public"
    label = "public"
    verbose_name = "Public pages and open data"
    default_auto_field = "django.db.models.BigAutoField"
