"""Roles exist in production: `migrate` alone makes every group with exactly its permissions, the demo
seed grants none, and a 社区工作人员 created in the admin with only the group does their whole job."""

import shutil
from datetime import timedelta
from importlib import import_module

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from apps.classes.models import MemberProfile, Session
from apps.core.booking.checkin import OPENS_BEFORE
from apps.core.models import AuditEvent, Registration
from apps.culture.models import CultureEvent
from apps.hubs.models import Consultation, Project, Report
from apps.news.models import Article
from apps.pioneers.models import VolunteerActivity
from tests.classes.factories import course_create, member_create
from tests.factories import totp_create
from tests.pioneers.factories import team_create

from .factories import hub_create, report_create

pytestmark = pytest.mark.django_db

ROLES = import_module("apps.hubs.migrations.0007_staff_roles")
NEWS_ROLES = import_module("apps.news.migrations.0002_roles")
CLASSES_ROLES = import_module("apps.classes.migrations.0005_classes_settings")


def _granted(name: str) -> set[tuple[str, str, str]]:
    group = Group.objects.get(name=name)
    return {(p.content_type.app_label, p.content_type.model, p.codename) for p in group.permissions.all()}


def test_migrate_alone_gives_each_group_exactly_its_permissions():
    """The test database is made by running the migrations, nothing else (no seed)."""
    expected = {
        "社区工作人员": ROLES.codenames(ROLES.HUB_STAFF_PERMISSIONS),
        "街道管理员": ROLES.codenames(ROLES.STREET_ADMIN_PERMISSIONS)
        | ROLES.codenames(CLASSES_ROLES.STREET_ADMIN_PERMISSIONS)
        | {("hubs", "hub", "all_hubs")},
        "编辑": {(app, model, codename) for app, model, codename, _ in NEWS_ROLES.EDITOR_PERMISSIONS},
        "审核": {(app, model, codename) for app, model, codename, _ in NEWS_ROLES.REVIEWER_PERMISSIONS},
        "审计员": {("core", "auditevent", "view_auditevent")},
    }
    assert set(Group.objects.values_list("name", flat=True)) >= set(expected)
    for name, permissions in expected.items():
        assert _granted(name) == permissions, name


def test_roles_say_what_each_may_not_do():
    hub_staff, street = _granted("社区工作人员"), _granted("街道管理员")
    assert ("hubs", "hub", "all_hubs") not in hub_staff and ("hubs", "hub", "all_hubs") in street
    assert ("hubs", "hub", "add_hub") not in hub_staff
    for role in (hub_staff, street):
        assert ("news", "article", "publish_article") not in role  # publishing stays with 审核
        assert ("core", "auditevent", "view_auditevent") not in role
        assert not {p for p in role if p[0] in {"auth", "accounts"}}  # accounts stay with superusers
        deletable = {model for _, model, codename in role if codename.startswith("delete_")}
        assert deletable <= {
            "participant",
            "milestone",
            "projectphoto",
            "hubphoto",
            "service",
            "sitephoto",
            "routestop",
        }
        assert hub_staff <= street


def test_every_permission_in_the_roles_exists_for_a_real_model():
    from django.apps import apps

    for app_label, model_name in ROLES.STREET_ADMIN_PERMISSIONS:
        apps.get_model(app_label, model_name)  # raises LookupError for a typo


def test_demo_seed_grants_no_permissions(tmp_path, settings):
    """The demo accounts get their roles by name (users.yaml) and their hub (hubs.yaml) and file and handle
    reports (reports.yaml); no role gains or loses a permission."""
    settings.DEBUG = True
    for name in ("users.yaml", "hubs.yaml", "reports.yaml"):
        shutil.copy(settings.BASE_DIR / "seeds" / name, tmp_path / name)
    roles = ("社区工作人员", "街道管理员", "编辑", "审核")
    before = {name: _granted(name) for name in roles}
    call_command("seed", folder=str(tmp_path), verbosity=0)
    assert {name: _granted(name) for name in roles} == before
    staff = get_user_model().objects.get(email="jinlin-staff@example.com")
    assert [g.name for g in staff.groups.all()] == ["社区工作人员"] and not staff.user_permissions.exists()
    assert list(staff.hubs_staffed.values_list("slug", flat=True)) == ["jinlin"]
    street, editor = (get_user_model().objects.get(email=f"{who}@example.com") for who in ("street", "editor"))
    assert [g.name for g in street.groups.all()] == ["街道管理员"] and [g.name for g in editor.groups.all()] == ["编辑"]


def _saved(response):
    """The admin redirects after a successful save; on a 200 show the form's errors."""
    if response.status_code == 200 and response.context and "adminform" in response.context:
        form = response.context["adminform"].form
        errors = [form.errors, *[fs.formset.errors for fs in response.context.get("inline_admin_formsets", [])]]
        pytest.fail(f"not saved: {errors}")
    assert response.status_code == 302, response.status_code
    return response


def _when(moment):
    local = timezone.localtime(moment)
    return {"0": f"{local:%Y-%m-%d}", "1": f"{local:%H:%M}"}


def _datetime(name, moment):
    return {f"{name}_{part}": value for part, value in _when(moment).items()}


def _no_rows(*prefixes):
    return {f"{p}-{k}": "0" for p in prefixes for k in ("TOTAL_FORMS", "INITIAL_FORMS")}


def test_hub_worker_created_in_the_admin_with_only_the_group_walks_their_job(client, superuser):
    hub = hub_create(name="锦林社区")
    other = hub_create(name="新安社区")
    branch = hub_create(name="锦林某小区党支部", kind="branch", parent=hub)
    team = team_create(hub=hub, name="70后红袖章")
    course = course_create(title="讲习夜校：基层治理")
    resident_report = report_create(hub=hub, title="路灯不亮")
    applicant = member_create(branch=branch, status="pending", real_name="申请人").member_profile
    member = member_create(branch=hub, phone="+8613912340001", real_name="老党员")

    # The superuser creates the account, makes it staff in the 社区工作人员 group — nothing else — and
    # lists it on the hub.
    client.force_login(superuser)
    _saved(
        client.post(
            reverse("admin:accounts_user_add"),
            {
                "email": "worker@example.com",
                "phone": "13600001111",
                "usable_password": "true",
                "password1": "a-long-worker-password-42",
                "password2": "a-long-worker-password-42",
            },
        )
    )
    worker = get_user_model().objects.get(email="worker@example.com")
    group = Group.objects.get(name="社区工作人员")
    _saved(
        client.post(
            reverse("admin:accounts_user_change", args=[worker.pk]),
            {
                "email": worker.email,
                "phone": "13600001111",
                "phone_verified": "on",
                "display_name": "锦林社工",
                "real_name": "社工",
                "is_active": "on",
                "is_staff": "on",
                "groups": [group.pk],
            },
        )
    )
    _saved(
        client.post(
            reverse("admin:hubs_hub_change", args=[hub.pk]),
            {
                "name": hub.name,
                "slug": hub.slug,
                "kind": "community",
                "summary": hub.summary,
                "is_published": "on",
                "order": "0",
                "address": hub.address,
                "staff": [worker.pk],
                **_no_rows("services", "photos"),
            },
        )
    )
    worker.refresh_from_db()
    assert not worker.user_permissions.exists() and not worker.is_superuser
    totp_create(worker)  # staff must have two-factor authentication before any admin page
    client.force_login(worker)

    index = client.get(reverse("admin:index")).text
    for model in (Report, Consultation, Project, Session, CultureEvent, VolunteerActivity, MemberProfile, Article):
        assert str(model._meta.verbose_name_plural) in index, model

    # Their hub's page
    _saved(
        client.post(
            reverse("admin:hubs_hub_change", args=[hub.pk]),
            {
                "name": hub.name,
                "kind": "community",
                "summary": "锦林社区红岭之家，周末超市每周六开门。",
                "is_published": "on",
                "order": "0",
                "address": hub.address,
                **_no_rows("services", "photos"),
            },
        )
    )
    hub.refresh_from_db()
    assert "周末超市" in hub.summary

    # A resident's report: accepted with a public message
    _saved(
        client.post(
            reverse("admin:hubs_report_status", args=[resident_report.pk]),
            {"apply": "1", "to_status": "accepted", "public_message": "已受理，三个工作日内维修。"},
        )
    )
    resident_report.refresh_from_db()
    assert resident_report.status == "accepted"

    # A consultation about it
    _saved(
        client.post(
            reverse("admin:hubs_consultation_add"),
            {
                "hub": hub.pk,
                "topic": "路灯维修共商",
                **_datetime("held_at", timezone.now() + timedelta(days=2)),
                "reports": [resident_report.pk],
                "duration_minutes": "120",
                **_no_rows("participants"),
            },
        )
    )
    assert Consultation.objects.filter(hub=hub, topic="路灯维修共商").exists()

    # A class session at the hub, 代报名 for a member, 签到, roster export and the QR page
    starts = timezone.now() + OPENS_BEFORE / 2
    _saved(
        client.post(
            reverse("admin:classes_session_add"),
            {
                "course": course.pk,
                "title": "基层治理第一讲",
                **_datetime("starts_at", starts),
                **_datetime("ends_at", starts + timedelta(hours=2)),
                "members_only": "on",
                "is_public": "on",
                "venue_hub": hub.pk,
                "capacity": "30",
                "cancel_before": "2:00:00",
                **_no_rows("registrations"),
            },
        )
    )
    session = Session.objects.get(title="基层治理第一讲")
    roster = reverse("admin:classes_session_roster", args=[session.pk])
    client.post(roster, {"action": "register", "phone": "13912340001"})
    registration = Registration.objects.get(occurrence=session, user=member)
    assert registration.registered_by == worker
    client.post(roster, {"action": "checkin", "registration": registration.pk})
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    export = client.get(reverse("admin:classes_session_roster_export", args=[session.pk, "csv"]))
    assert export.status_code == 200 and "老党员" in export.content.decode("utf-8-sig")
    assert AuditEvent.objects.filter(user=worker, action=AuditEvent.Action.EXPORTED).exists()
    assert client.get(reverse("admin:classes_session_qr", args=[session.pk])).status_code == 200

    # A culture event and a volunteer activity at the hub
    later = timezone.now() + timedelta(days=5)
    _saved(
        client.post(
            reverse("admin:culture_cultureevent_add"),
            {
                "category": "story",
                "title": "圈圈故事会",
                "summary": "绘本故事。",
                "body": "",
                **_datetime("starts_at", later),
                **_datetime("ends_at", later + timedelta(hours=1)),
                "audience": "everyone",
                "is_public": "on",
                "venue_hub": hub.pk,
                "capacity": "20",
                "cancel_before": "2:00:00",
                **_no_rows("registrations"),
            },
        )
    )
    assert CultureEvent.objects.filter(title="圈圈故事会", venue_hub=hub).exists()
    _saved(
        client.post(
            reverse("admin:pioneers_volunteeractivity_add"),
            {
                "team": team.pk,
                "title": "夜间巡逻",
                **_datetime("starts_at", later),
                **_datetime("ends_at", later + timedelta(hours=2)),
                "description": "沿街巡逻。",
                "is_public": "on",
                "hub": hub.pk,
                "capacity": "10",
                "cancel_before": "2:00:00",
                **_no_rows("registrations"),
            },
        )
    )
    assert VolunteerActivity.objects.filter(title="夜间巡逻", hub=hub).exists()

    # Verifying a member of a branch attached to the hub
    client.post(
        reverse("admin:classes_memberprofile_changelist"), {"action": "approve", "_selected_action": [applicant.pk]}
    )
    applicant.refresh_from_db()
    assert applicant.status == MemberProfile.Status.VERIFIED and applicant.verified_by == worker

    # A news draft, submitted for review (publishing is for 审核)
    _saved(
        client.post(
            reverse("admin:news_article_add"),
            {
                "title": "锦林社区路灯修好了",
                "pillar": "hubs",
                "summary": "居民反映的路灯三天修好。",
                "body": "<p>居民反映的路灯三天修好。</p>",
                "_workflow": "submit",
            },
        )
    )
    assert Article.objects.get(title="锦林社区路灯修好了").status == Article.Status.REVIEW

    # …and nothing of the other hub's
    assert client.get(reverse("admin:hubs_hub_change", args=[other.pk])).status_code == 302
