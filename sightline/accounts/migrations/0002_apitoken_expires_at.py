"""API tokens expire: every token gains an expiry (existing ones 90 days after they were made)
and a reason it ended."""

from datetime import timedelta

from django.db import migrations, models

import sightline.accounts.models


def expire_existing(apps, schema_editor):
    ApiToken = apps.get_model("accounts", "ApiToken")
    for token in ApiToken.objects.all().only("pk", "created_at"):
        ApiToken.objects.filter(pk=token.pk).update(expires_at=token.created_at + timedelta(days=90))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True, help_text="After this the token is refused (401)."),
        ),
        migrations.RunPython(expire_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(
                default=sightline.accounts.models.default_token_expiry,
                help_text="After this the token is refused (401).",
            ),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="password_stamp",
            field=models.CharField(
                blank=True,
                help_text="The owner's session hash when it was made: a password change ends it.",
                max_length=128,
            ),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="revoked_reason",
            field=models.CharField(
                blank=True,
                help_text="Why it ended: revoked, or the password changed.",
                max_length=100,
            ),
        ),
    ]
