"""Hub scope in the admin: a 社区工作人员 of hub A works on A's rows only — for every model they manage,
hub B's rows cannot be listed, opened, changed, deleted, exported or acted on, by URL, POST,
autocomplete or bulk action. 街道管理员 and superusers see every hub."""

from datetime import date, time, timedelta

import pytest
from django.contrib.auth.models import Group
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone

from apps.classes.models import MemberProfile, Series, Session
from apps.core.booking.services import registration_create
from apps.core.models import Registration
from apps.hubs.models import Consultation, Project
from tests.classes.factories import course_create, member_create, session_create
from tests.culture.factories import event_create
from tests.factories import staff_create, user_create
from tests.pioneers.factories import activity_create, team_create

from .factories import hub_create, hub_staff_create, report_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def hubs():
    mine, other = hub_create(name="锦林社区"), hub_create(name="新安社区")
    return mine, other, hub_staff_create(mine, email="jinlin@example.com")


def _report(hub, mark):
    return report_create(hub=hub, title=mark)


def _consultation(hub, mark):
    return Consultation.objects.create(hub=hub, topic=mark, held_at=timezone.now())


def _project(hub, mark):
    return Project.objects.create(hub=hub, title=mark, kind="road", summary="x")


def _hub(hub, mark):
    hub.name = mark
    hub.save()
    return hub


def _session(hub, mark):
    return session_create(venue_hub=hub, title=mark)


def _series(hub, mark):
    course = course_create(title=mark)
    today = date.today()
    return Series.objects.create(
        course=course, weekday=1, start_time=time(19, 30), first_date=today, until_date=today, venue_hub=hub
    )


def _member(hub, mark):
    return member_create(branch=hub, status="pending", real_name=mark).member_profile


def _branch_member(hub, mark):
    """A member of a compound's Party branch (小区党支部) attached to the hub."""
    branch = hub_create(name=f"{hub.name}某小区党支部", kind="branch", parent=hub)
    return member_create(branch=branch, status="pending", real_name=mark).member_profile


def _event(hub, mark):
    return event_create(venue_hub=hub, title=mark)


def _activity(hub, mark):
    return activity_create(team=team_create(hub=hub), hub=hub, title=mark)


def _team(hub, mark):
    return team_create(hub=hub, name=mark)


def _course(hub, mark):
    return course_create(hub=hub, title=mark)


CASES = {
    "hubs.report": _report,
    "hubs.consultation": _consultation,
    "hubs.project": _project,
    "hubs.hub": _hub,
    "classes.session": _session,
    "classes.series": _series,
    "classes.memberprofile": _member,
    "classes.memberprofile/branch": _branch_member,
    "culture.cultureevent": _event,
    "pioneers.volunteeractivity": _activity,
    "pioneers.team": _team,
    "classes.course": _course,
}
OCCURRENCES = {"classes.session", "culture.cultureevent", "pioneers.volunteeractivity"}


def _url(obj, view, *args):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


@pytest.mark.parametrize("case", CASES)
def test_hub_worker_lists_own_rows_only(client, hubs, case):
    mine, other, staff = hubs
    own, foreign = CASES[case](mine, "本社区的记录"), CASES[case](other, "别的社区的记录")
    client.force_login(staff)
    html = client.get(_url(own, "changelist")).text
    assert "本社区的记录" in html  # the control: the worker does see their own hub's rows
    assert "别的社区的记录" not in html
    assert client.get(_url(own, "change", own.pk)).status_code == 200
    assert client.get(_url(foreign, "changelist"), {"q": "别的社区"}).text.count("别的社区的记录") == 0


@pytest.mark.parametrize("case", CASES)
def test_hub_worker_cannot_open_change_or_delete_another_hubs_row_by_url(client, hubs, case):
    _mine, other, staff = hubs
    foreign = CASES[case](other, "别的社区的记录")
    before = model_to_dict(foreign)
    client.force_login(staff)
    for view in ("change", "history", "delete"):
        response = client.get(_url(foreign, view, foreign.pk))
        assert response.status_code in (302, 403, 404), view
        assert "别的社区的记录" not in response.text
    response = client.post(_url(foreign, "change", foreign.pk), {"title": "改掉", "name": "改掉", "topic": "改掉"})
    assert response.status_code in (302, 403, 404)
    client.post(_url(foreign, "delete", foreign.pk), {"post": "yes"})
    foreign.refresh_from_db()
    assert model_to_dict(foreign) == before


@pytest.mark.parametrize("case", sorted(OCCURRENCES))
def test_hub_worker_cannot_reach_another_hubs_roster_qr_sheet_or_export(client, hubs, case):
    _mine, other, staff = hubs
    foreign = CASES[case](other, "别的社区的活动")
    person = member_create()
    registration_create(occurrence=foreign, user=person)  # person is a verified member: sessions are 仅限党员
    client.force_login(staff)
    for response in (
        client.get(_url(foreign, "roster", foreign.pk)),
        client.post(_url(foreign, "roster", foreign.pk), {"action": "register", "phone": "13912340000"}),
        client.get(_url(foreign, "qr", foreign.pk)),
        client.get(_url(foreign, "sign_sheet", foreign.pk)),
        client.get(_url(foreign, "roster_export", foreign.pk, "csv")),
        client.get(_url(foreign, "roster_export", foreign.pk, "xlsx")),
    ):
        assert response.status_code in (403, 404)
        assert "别的社区的活动" not in response.text
    assert Registration.objects.filter(occurrence=foreign).count() == 1


@pytest.mark.parametrize("case", sorted(OCCURRENCES))
def test_roster_actions_on_own_occurrence_refuse_another_hubs_registration(client, hubs, case):
    mine, other, staff = hubs
    own = CASES[case](mine, "本社区的活动")
    foreign = CASES[case](other, "别的社区的活动")
    foreign.starts_at = timezone.now() + timedelta(minutes=10)
    foreign.save()
    registration = registration_create(occurrence=foreign, user=member_create())
    client.force_login(staff)
    for action in ("checkin", "cancel"):
        response = client.post(
            _url(own, "roster", own.pk), {"action": action, "registration": registration.pk}, follow=True
        )
        assert "找不到这条报名记录" in response.text
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED and registration.checked_in_at is None


def test_hub_worker_creates_sessions_only_at_their_hubs(client, hubs):
    mine, other, staff = hubs
    course = course_create(title="街道的课程")  # no 主办单位: the street's, open to every hub
    client.force_login(staff)
    add = client.get(reverse("admin:classes_session_add")).text
    assert "锦林社区" in add and "新安社区" not in add
    start = timezone.localtime() + timedelta(days=3)
    data = {
        "course": course.pk, "title": "越界的场次", "starts_at_0": f"{start:%Y-%m-%d}", "starts_at_1": "19:30",
        "ends_at_0": f"{start:%Y-%m-%d}", "ends_at_1": "21:00", "members_only": "on", "is_public": "on",
        "capacity": "20", "cancel_before": "2:00:00", "registrations-TOTAL_FORMS": "0",
        "registrations-INITIAL_FORMS": "0",
    }  # fmt: skip
    for venue, message in ((other.pk, "选择一个有效的选项"), ("", "这个字段是必填项")):
        response = client.post(reverse("admin:classes_session_add"), {**data, "venue_hub": venue})
        assert response.status_code == 200
        assert list(response.context["adminform"].form.errors) == ["venue_hub"]
        assert message in response.text
    saved = client.post(reverse("admin:classes_session_add"), {**data, "venue_hub": mine.pk})
    assert saved.status_code == 302  # the control: at their own hub it is saved
    assert list(Session.objects.filter(title="越界的场次").values_list("venue_hub", flat=True)) == [mine.pk]


@pytest.mark.parametrize(
    ("source", "field", "make"),
    [
        ("classes.session", "course", _course),
        ("pioneers.volunteeractivity", "team", _team),
        ("hubs.consultation", "reports", _report),
        ("hubs.project", "consultation", _consultation),
    ],
)
def test_autocomplete_offers_own_hubs_rows_only(client, hubs, source, field, make):
    mine, other, staff = hubs
    own, foreign = make(mine, "本社区的记录"), make(other, "别的社区的记录")
    client.force_login(staff)
    app_label, model_name = source.split(".")
    params = {"app_label": app_label, "model_name": model_name, "field_name": field, "term": "社区的记录"}
    response = client.get(reverse("admin:autocomplete"), params)
    assert response.status_code == 200
    ids = {row["id"] for row in response.json()["results"]}
    assert ids == {str(own.pk)}
    assert str(foreign.pk) not in ids


def test_bulk_actions_skip_another_hubs_rows(client, hubs):
    _mine, other, staff = hubs
    member = _member(other, "别的社区的党员")
    report = report_create(hub=other)
    activity = _activity(other, "别的社区的志愿活动")
    attended = registration_create(occurrence=activity, user=user_create(real_name="志愿者"))
    Registration.objects.filter(pk=attended.pk).update(checked_in_at=activity.starts_at)
    client.force_login(staff)
    client.post(
        reverse("admin:classes_memberprofile_changelist"), {"action": "approve", "_selected_action": [member.pk]}
    )
    client.post(
        reverse("admin:hubs_report_changelist"),
        {"action": "status_change", "_selected_action": [report.pk], "apply": "1", "to_status": "accepted",
         "public_message": "已受理。"},
    )  # fmt: skip
    export = client.post(
        reverse("admin:pioneers_volunteeractivity_changelist"),
        {"action": "export_hours", "_selected_action": [activity.pk]},
    )
    member.refresh_from_db()
    report.refresh_from_db()
    assert member.status == MemberProfile.Status.PENDING
    assert report.status == "submitted"
    assert "别的社区的志愿活动" not in export.content.decode()


def test_study_hours_export_of_another_hubs_branch_is_refused(client, hubs):
    mine, other, staff = hubs
    own, foreign = _member(mine, "本社区的党员"), _member(other, "别的社区的党员")
    client.force_login(staff)
    url = reverse("admin:classes_memberprofile_hours")
    page = client.get(url).text
    assert "锦林社区" in page and "新安社区" not in page
    assert client.get(url, {"branch": own.branch_id, "fmt": "csv"}).status_code == 200
    assert client.get(url, {"branch": foreign.branch_id, "fmt": "csv"}).status_code == 404
    assert client.get(url, {"branch": "x", "fmt": "csv"}).status_code == 200  # not a number: the form again


def test_street_admin_and_superuser_see_every_hub(client, hubs, superuser):
    mine, other, _ = hubs
    street = staff_create(email="street@example.com")
    street.groups.add(Group.objects.get(name="街道管理员"))
    for case in ("hubs.report", "classes.session", "culture.cultureevent", "classes.memberprofile"):
        CASES[case](mine, f"锦林的{case}")
        CASES[case](other, f"新安的{case}")
    for user in (street, superuser):
        client.force_login(user)
        for case in ("hubs.report", "classes.session", "culture.cultureevent", "classes.memberprofile"):
            app_label, model_name = case.split(".")
            html = client.get(reverse(f"admin:{app_label}_{model_name}_changelist")).text
            assert f"锦林的{case}" in html and f"新安的{case}" in html


def test_all_kinds_occurrence_list_is_scoped_by_each_kinds_hub_lookup(client, hubs):
    """The list of every occurrence (core) knows no pillar: it ORs the hub_lookup each kind registered."""
    from django.contrib.auth.models import Permission

    mine, other, staff = hubs
    staff.user_permissions.add(Permission.objects.get(codename="view_occurrence"))
    for hub, where in ((mine, "锦林"), (other, "新安")):
        _session(hub, f"{where}的课程场次")
        _event(hub, f"{where}的文化活动")
        _activity(hub, f"{where}的志愿活动")
    client.force_login(staff)
    html = client.get(reverse("admin:core_occurrence_changelist")).text
    assert all(f"锦林的{kind}" in html for kind in ("课程场次", "文化活动", "志愿活动"))
    assert "新安的" not in html
