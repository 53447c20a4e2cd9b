"""The two publishing roles as groups: 编辑 writes and submits, 审核 also publishes, schedules and archives.

Neither may delete: content is archived (hidden), not deleted. Superusers can do everything.
"""

from django.db import migrations

EDITOR = "编辑"
REVIEWER = "审核"
EDITOR_PERMISSIONS = [
    ("news", "article", "add_article", "Can add 资讯"),
    ("news", "article", "change_article", "Can change 资讯"),
    ("news", "article", "view_article", "Can view 资讯"),
    ("news", "historicalarticle", "view_historicalarticle", "Can view historical 资讯"),
    ("news", "tag", "add_tag", "Can add 标签"),
    ("news", "tag", "change_tag", "Can change 标签"),
    ("news", "tag", "view_tag", "Can view 标签"),
    ("core", "image", "add_image", "Can add 图片"),
    ("core", "image", "change_image", "Can change 图片"),
    ("core", "image", "view_image", "Can view 图片"),
]
REVIEWER_PERMISSIONS = [*EDITOR_PERMISSIONS, ("news", "article", "publish_article", "可以发布、定时发布和归档资讯")]


def _permissions(apps, rows):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    permissions = []
    for app_label, model, codename, name in rows:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        permissions.append(permission)
    return permissions


def groups_create(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, rows in ((EDITOR, EDITOR_PERMISSIONS), (REVIEWER, REVIEWER_PERMISSIONS)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(apps, rows))


def groups_delete(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITOR, REVIEWER]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
        ("core", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(groups_create, groups_delete)]
