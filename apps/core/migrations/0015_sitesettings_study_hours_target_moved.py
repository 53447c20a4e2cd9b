"""The members' yearly study target is 红岭课堂's setting: classes/0005 carried the value into
classes.ClassesSettings (and runs before this one)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0014_failed_message_proxy"),
    ]

    operations = [
        migrations.RemoveField(model_name="sitesettings", name="study_hours_target"),
    ]
