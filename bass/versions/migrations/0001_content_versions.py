import secrets

from django.apps.registry import Apps
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def programme_epoch(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    """The programme's version starts at a random number: this database's epoch."""
    ContentVersion = apps.get_model("versions", "ContentVersion")
    ContentVersion.objects.get_or_create(scope=0, defaults={"version": secrets.randbelow(2**40)})


class Migration(migrations.Migration):
    initial = True

    dependencies: list[tuple[str, str]] = []

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                ("scope", models.BigIntegerField(primary_key=True, serialize=False)),
                ("version", models.BigIntegerField(default=0)),
            ],
            options={"db_table": "bass_content_version"},
        ),
        migrations.RunPython(programme_epoch, migrations.RunPython.noop),
    ]
