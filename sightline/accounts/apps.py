from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sightline.accounts"
    label = "accounts"
    verbose_name = "Councils, people and roles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Every app declares who may do what in its own permissions.py; importing them here
        # registers each named rule with django-rules before the first request.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("permissions")
