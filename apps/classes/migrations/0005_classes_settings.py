"""红岭课堂's settings move out of core's site settings into their own one-row table, with the value carried
across (core/0015 then drops the old column), and 街道管理员, who could change them as part of the site
settings, may change them here (view and change, as hubs/0007 gives them the site settings)."""

from django.db import migrations, models

STREET_ADMIN = "街道管理员"
# (app_label, model_name): actions, as in hubs/0007_staff_roles (also read by the tests).
STREET_ADMIN_PERMISSIONS = {("classes", "classessettings"): ("view", "change")}


def target_carry(apps, schema_editor):
    site = apps.get_model("core", "SiteSettings").objects.filter(pk=1).first()
    if site is not None:
        apps.get_model("classes", "ClassesSettings").objects.update_or_create(
            pk=1, defaults={"study_hours_target": site.study_hours_target}
        )


def target_carry_back(apps, schema_editor):
    classes = apps.get_model("classes", "ClassesSettings").objects.filter(pk=1).first()
    if classes is not None:
        apps.get_model("core", "SiteSettings").objects.filter(pk=1).update(
            study_hours_target=classes.study_hours_target
        )


def roles_grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=STREET_ADMIN)
    for (app_label, model_name), actions in STREET_ADMIN_PERMISSIONS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model_name)
        verbose_name = apps.get_model(app_label, model_name)._meta.verbose_name_raw
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model_name}",
                defaults={"name": f"Can {action} {verbose_name}"},
            )
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("classes", "0004_course_formats_from_the_article"),
        ("core", "0014_failed_message_proxy"),
        ("hubs", "0007_staff_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    # The value is read from core's column before core drops it (core names no pillar, so the order is
    # declared here).
    run_before = [("core", "0015_sitesettings_study_hours_target_moved")]

    operations = [
        migrations.CreateModel(
            name="ClassesSettings",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "study_hours_target",
                    models.PositiveSmallIntegerField(
                        default=32,
                        help_text="“我的学习记录”里显示的年度目标，只和自己比较，不做排名。",
                        verbose_name="党员年度学习目标（学时）",
                    ),
                ),
            ],
            options={
                "verbose_name": "红岭课堂设置",
                "verbose_name_plural": "红岭课堂设置",
                "constraints": [
                    models.CheckConstraint(condition=models.Q(("id", 1)), name="classes_settings_single_row")
                ],
            },
        ),
        migrations.RunPython(target_carry, target_carry_back),
        # Going back leaves the group's permissions as they are (the table goes, and its permissions with it).
        migrations.RunPython(roles_grant, migrations.RunPython.noop),
    ]
