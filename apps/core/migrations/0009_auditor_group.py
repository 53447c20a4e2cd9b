"""The 审计员 (auditor) role: may read the audit trail in the admin and nothing else. Members also need
"工作人员" (is_staff) to enter the admin. Superusers see the trail too; nobody can change or delete it."""

from django.db import migrations

AUDITOR = "审计员"


def group_create(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="core", model="auditevent")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="view_auditevent", defaults={"name": "Can view 审计记录"}
    )
    group, _ = Group.objects.get_or_create(name=AUDITOR)
    group.permissions.add(permission)


def group_delete(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=AUDITOR).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_auditevent_append_only"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(group_create, group_delete)]
