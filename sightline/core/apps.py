from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sightline.core"
    label = "core"
    verbose_name = "Core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # <id:pk> in every app's URLs: a record id that fits the database.
        from django.urls import register_converter

        from sightline.core.converters import IdConverter

        register_converter(IdConverter, "id")
