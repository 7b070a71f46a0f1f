"""Forecasts carry their period's month, so each proposal's latest forecast for a year is one
index lookup (proposal, fy, month) instead of a join and a sort."""

from django.db import migrations, models

HELP = "The period's month, kept here so the latest forecast is found by an index."


def fill_months(apps, schema_editor):
    Period = apps.get_model("savings", "Period")
    months = dict(Period.objects.values_list("pk", "month"))
    for name in ("Forecast", "HistoricalForecast"):
        model = apps.get_model("savings", name)
        for period_id, month in months.items():
            model.objects.filter(period_id=period_id).update(month=month)


class Migration(migrations.Migration):
    dependencies = [("savings", "0002_historicalproposal_priority_and_more")]

    operations = [
        migrations.AddField(
            model_name="forecast",
            name="month",
            field=models.DateField(editable=False, null=True, help_text=HELP),
        ),
        migrations.AddField(
            model_name="historicalforecast",
            name="month",
            field=models.DateField(editable=False, null=True, help_text=HELP),
        ),
        migrations.RunPython(fill_months, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="forecast",
            name="month",
            field=models.DateField(editable=False, help_text=HELP),
        ),
        migrations.AlterField(
            model_name="historicalforecast",
            name="month",
            field=models.DateField(editable=False, help_text=HELP),
        ),
        migrations.AlterModelOptions(
            name="forecast",
            options={"ordering": ["month", "fy"]},
        ),
        migrations.AddIndex(
            model_name="forecast",
            index=models.Index(fields=["proposal", "fy", "month"], name="forecast_latest"),
        ),
    ]
