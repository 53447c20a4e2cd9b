"""The audit trail can be read (superusers, 审计员) and exported, never changed; it is pruned only past
the legal minimum of 180 days, and on PostgreSQL the database itself refuses any other change."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from apps.core.audit.checks import audit_retention_check
from apps.core.models import AuditEvent
from tests.factories import staff_create, user_create

pytestmark = pytest.mark.django_db
Action = AuditEvent.Action


def event_create(*, days_ago: float = 0, action=Action.LOGIN, user=None, label="someone@example.com #9"):
    when = timezone.now() - timedelta(days=days_ago)
    return AuditEvent.objects.create(created_at=when, action=action, user=user, user_label=label, ip="198.51.100.1")


def test_audit_admin_is_read_only_even_for_superusers(admin_client):
    event = event_create()
    assert admin_client.get(reverse("admin:core_auditevent_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:core_auditevent_change", args=[event.pk])).status_code == 200
    change = admin_client.post(reverse("admin:core_auditevent_change", args=[event.pk]), {"detail": "改过了"})
    delete = admin_client.post(reverse("admin:core_auditevent_delete", args=[event.pk]), {"post": "yes"})
    add = admin_client.post(reverse("admin:core_auditevent_add"), {"action": "login", "user_label": "x"})
    assert (change.status_code, delete.status_code, add.status_code) == (403, 403, 403)
    event.refresh_from_db()
    assert event.detail == "" and AuditEvent.objects.filter(user_label="x").count() == 0


def test_only_superusers_and_auditors_see_the_trail(client):
    event_create(label="visible@example.com #1")
    url = reverse("admin:core_auditevent_changelist")
    staff = staff_create(email="editor@example.com")
    client.force_login(staff)
    assert client.get(url).status_code == 403
    auditor = staff_create(email="auditor@example.com")
    group = Group.objects.get(name="审计员")
    auditor.groups.add(group)
    client.force_login(auditor)
    response = client.get(url)
    assert response.status_code == 200 and "visible@example.com" in response.text
    assert [p.codename for p in group.permissions.all()] == ["view_auditevent"]


def test_audit_list_filters_by_person_action_and_search(admin_client):
    person = user_create(email="wang@example.com")
    event_create(user=person, label="wang@example.com #1", action=Action.EXPORTED)
    event_create(label="li@example.com #2", action=Action.LOGIN_FAILED)
    url = reverse("admin:core_auditevent_changelist")
    by_person = admin_client.get(url, {"user": person.pk}).text
    assert "wang@example.com" in by_person and "li@example.com" not in by_person
    by_action = admin_client.get(url, {"action__exact": "login_failed"}).text
    assert "li@example.com" in by_action and "wang@example.com #1" not in by_action
    searched = admin_client.get(url, {"q": "li@"}).text
    assert "li@example.com" in searched and "wang@example.com #1" not in searched


def test_audit_csv_export_follows_the_filters_and_is_itself_audited(admin_client, admin_user):
    event_create(label="old-login@example.com #3", action=Action.LOGIN)
    event_create(label="revealer@example.com #4", action=Action.PHONE_REVEALED)
    response = admin_client.get(
        reverse("admin:core_auditevent_export"), {"action__exact": "phone_revealed"}, REMOTE_ADDR="192.0.2.5"
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["时间", "账号标识", "IP 地址", "操作"]
    assert [r[1:4] for r in rows[1:]] == [["revealer@example.com #4", "198.51.100.1", "查看手机号"]]
    exported = AuditEvent.objects.get(action=Action.EXPORTED)
    assert (exported.user, exported.ip) == (admin_user, "192.0.2.5") and "1 行" in exported.detail


def test_audit_export_needs_the_view_permission(client):
    client.force_login(staff_create(email="nosy@example.com"))
    assert client.get(reverse("admin:core_auditevent_export")).status_code == 403
    assert not AuditEvent.objects.filter(action=Action.EXPORTED).exists()


def test_audit_prune_deletes_only_rows_past_the_retention(settings):
    settings.AUDIT_RETENTION_DAYS = 200
    old, kept = event_create(days_ago=201), event_create(days_ago=199)
    out = io.StringIO()
    call_command("audit_prune", stdout=out)
    assert "已删除 1 条" in out.getvalue()
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not AuditEvent.objects.filter(pk=old.pk).exists()


def test_audit_prune_refuses_less_than_180_days(settings):
    event = event_create(days_ago=179.5)
    with pytest.raises(CommandError, match="至少保留 180 天"):
        call_command("audit_prune", days=179)
    settings.AUDIT_RETENTION_DAYS = 90
    with pytest.raises(CommandError, match="不能设为 90 天"):
        call_command("audit_prune")
    assert [e.id for e in audit_retention_check()] == ["core.E001"]
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_audit_retention_setting_of_180_days_passes_the_check(settings):
    settings.AUDIT_RETENTION_DAYS = 180
    assert audit_retention_check() == []


def test_audit_event_cannot_be_changed_or_deleted_through_django():
    event = event_create()
    event.detail = "改过了"
    for attempt in (
        event.save,
        event.delete,
        AuditEvent.objects.all().delete,
        lambda: AuditEvent.objects.update(ip=None),
    ):
        with pytest.raises(TypeError, match="只能追加"):
            attempt()
    assert AuditEvent.objects.get(pk=event.pk).detail == ""


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the database trigger exists on PostgreSQL only")
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE core_auditevent SET detail = 'forged' WHERE id = %s",
        "UPDATE core_auditevent SET user_label = 'nobody', user_id = NULL WHERE id = %s",
        "DELETE FROM core_auditevent WHERE id = %s",
    ],
)
def test_database_refuses_changes_outside_the_prune(sql):
    event = event_create(days_ago=400, user=user_create())
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk, detail="", user_label=event.user_label).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the database trigger exists on PostgreSQL only")
def test_database_lets_the_prune_and_account_deletion_through():
    person = user_create()
    kept, old = event_create(user=person), event_create(days_ago=400)
    call_command("audit_prune", stdout=io.StringIO())
    assert not AuditEvent.objects.filter(pk=old.pk).exists()
    person.delete()  # SET_NULL on the trail's foreign key is the one update allowed
    assert AuditEvent.objects.get(pk=kept.pk).user_id is None
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:  # the prune's flag is off
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [kept.pk])
