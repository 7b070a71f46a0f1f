from django.apps import AppConfig


class SavingsConfig(AppConfig):
    name = "sightline.savings"
    label = "savings"
    verbose_name = "Savings programme"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Database triggers keep the programme summary's cache honest; a migration that
        # rebuilds a table (SQLite) drops them, so they are installed again after every migrate.
        from django.db.models.signals import post_migrate

        from sightline.savings.summary_cache import reinstall_triggers

        post_migrate.connect(reinstall_triggers, sender=self, dispatch_uid="summary_triggers")
