"""The staff roles of the 红岭之家 as groups, with exactly these permissions (set, not added, so a
database where the demo seed once granted others is brought to this table too):

- 社区工作人员 (community staff): works for the hubs they are listed on (Hub.staff) and the compounds'
  Party branches under those: residents' reports, consultations, projects, the hub's page, services and
  photos; class sessions (and series), culture events and volunteer activities held there, with their
  rosters; verification of the branches' members; drafts news for review.
- 街道管理员 (street-office administrator): all that for every hub (hubs.all_hubs), plus what the
  street keeps for itself: hubs, report categories, courses, red-education sites and routes, the library
  and book drift, pioneers and teams, every occurrence, site settings.

Nobody here may delete what the site hides instead (reports, articles, sessions, events …); rows inside
a record (participants, milestones, photos, services, route stops) may be removed. Publishing news stays
with 审核 (news/0002_roles), the audit trail with 审计员 (core/0009_auditor_group); user accounts with
superusers. Superusers can do everything.
"""

from django.db import migrations

HUB_STAFF = "社区工作人员"
STREET_ADMIN = "街道管理员"

V, A, C, D = "view", "add", "change", "delete"

# (app_label, model_name): actions
HUB_STAFF_PERMISSIONS = {
    ("hubs", "report"): (V, C),
    ("hubs", "reportphoto"): (V, C),
    ("hubs", "reportevent"): (V,),
    ("hubs", "consultation"): (V, A, C),
    ("hubs", "participant"): (V, A, C, D),
    ("hubs", "project"): (V, A, C),
    ("hubs", "milestone"): (V, A, C, D),
    ("hubs", "projectphoto"): (V, A, C, D),
    ("hubs", "hub"): (V, C),
    ("hubs", "hubphoto"): (V, A, C, D),
    ("hubs", "service"): (V, A, C, D),
    ("hubs", "category"): (V,),
    ("classes", "course"): (V,),
    ("classes", "session"): (V, A, C),
    ("classes", "series"): (V, A, C),
    ("classes", "memberprofile"): (V, C),
    ("culture", "cultureevent"): (V, A, C),
    ("pioneers", "volunteeractivity"): (V, A, C),
    ("pioneers", "team"): (V,),
    ("core", "registration"): (V,),
    ("core", "image"): (V, A),
    ("news", "article"): (V, A, C),
    ("news", "historicalarticle"): (V,),
    ("news", "tag"): (V,),
}
STREET_ADMIN_PERMISSIONS = {
    **HUB_STAFF_PERMISSIONS,
    ("hubs", "hub"): (V, A, C),
    ("hubs", "category"): (V, A, C),
    ("classes", "course"): (V, A, C),
    ("classes", "memberprofile"): (V, A, C),
    ("classes", "redsite"): (V, A, C),
    ("classes", "sitephoto"): (V, A, C, D),
    ("classes", "route"): (V, A, C),
    ("classes", "routestop"): (V, A, C, D),
    ("culture", "library"): (V, A, C),
    ("culture", "book"): (V, A, C),
    ("culture", "driftbook"): (V, A, C),
    ("culture", "driftlog"): (V, C),
    ("pioneers", "pioneer"): (V, A, C),
    ("pioneers", "team"): (V, A, C),
    ("core", "occurrence"): (V, C),
    ("core", "image"): (V, A, C),
    ("core", "sitesettings"): (V, C),
    ("news", "tag"): (V, A, C),
}
# Permissions beyond Django's four, declared in the models' Meta.permissions: codename -> name.
CUSTOM = {("hubs", "hub", "all_hubs"): "可处理所有社区的事务（街道工作人员）"}
STREET_ADMIN_CUSTOM = [("hubs", "hub", "all_hubs")]


def codenames(table: dict) -> set[tuple[str, str, str]]:
    """{(app_label, model_name, codename)} of a table above (also read by the tests and the README)."""
    return {(app, model, f"{action}_{model}") for (app, model), actions in table.items() for action in actions}


def _permissions(apps, rows):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    permissions = []
    for app_label, model_name, codename in sorted(rows):
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model_name)
        action = codename.removesuffix(f"_{model_name}")
        name = CUSTOM.get((app_label, model_name, codename)) or (
            f"Can {action} {apps.get_model(app_label, model_name)._meta.verbose_name_raw}"
        )
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        permissions.append(permission)
    return permissions


def roles_set(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    tables = (
        (HUB_STAFF, codenames(HUB_STAFF_PERMISSIONS)),
        (STREET_ADMIN, codenames(STREET_ADMIN_PERMISSIONS) | set(STREET_ADMIN_CUSTOM)),
    )
    for name, rows in tables:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(_permissions(apps, rows))


class Migration(migrations.Migration):
    dependencies = [
        ("hubs", "0006_hub_areas"),
        ("classes", "0004_course_formats_from_the_article"),
        ("culture", "0001_initial"),
        ("pioneers", "0001_initial"),
        ("news", "0002_roles"),
        ("core", "0012_coordinates"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    # Going back leaves the groups and their members as they are: people keep their roles.
    operations = [migrations.RunPython(roles_set, migrations.RunPython.noop)]
