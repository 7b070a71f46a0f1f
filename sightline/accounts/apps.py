from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sightline.accounts"
    label = "accounts"
    verbose_name = "Councils, people and roles"
    default_auto_field = "django.db.models.BigAutoField"
