"""Consultations, projects and the pages that show them."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.core.images import image_create
from apps.hubs import services
from apps.hubs.lifecycle import Status
from apps.hubs.models import Consultation, Participant, Project, ProjectPhoto, Service
from tests.factories import image_bytes

from .factories import hub_create, report_create

pytestmark = pytest.mark.django_db


def _consultation(hub, **extra):
    fields = {"hub": hub, "topic": "路口闲置地块怎么用", "held_at": timezone.now() + timedelta(days=3), **extra}
    consultation = Consultation.objects.create(**fields)
    Participant.objects.create(consultation=consultation, role="department", organisation="区园林绿化部门")
    Participant.objects.create(consultation=consultation, role="resident", organisation="居民代表", name="王桂兰")
    Participant.objects.create(
        consultation=consultation, role="subdistrict", organisation="马坡岭街道", name="李主任", name_consent=True
    )
    return consultation


def test_scheduling_and_publishing_a_consultation_moves_its_reports(superuser):
    hub = hub_create()
    accepted = report_create(hub=hub, status=Status.ACCEPTED)
    submitted = report_create(hub=hub)
    consultation = _consultation(hub)
    consultation.reports.add(accepted, submitted)
    skipped = services.consultation_sync(consultation=consultation, actor=superuser)
    accepted.refresh_from_db()
    assert accepted.status == Status.CONSULTATION
    assert skipped == [submitted.reference]
    consultation.is_published, consultation.decision = True, "建成口袋公园。"
    consultation.save()
    services.consultation_sync(consultation=consultation, actor=superuser)
    accepted.refresh_from_db()
    assert accepted.status == Status.DECIDED
    assert "建成口袋公园" in accepted.events.last().public_message
    consultation.refresh_from_db()
    assert consultation.published_at is not None


def test_publishing_without_a_decision_is_refused(superuser):
    consultation = _consultation(hub_create(), is_published=True)
    with pytest.raises(ValidationError) as error:
        services.consultation_sync(consultation=consultation, actor=superuser)
    assert error.value.error_dict["decision"][0].code == "decision_required"
    assert "议定结果" in str(error.value)


def test_project_progress_moves_linked_reports(superuser):
    hub = hub_create()
    report = report_create(hub=hub, status=Status.DECIDED)
    project = Project.objects.create(hub=hub, title="护坡公园", kind="green", summary="建公园", status="in_progress")
    project.reports.add(report)
    services.project_sync(project=project, actor=superuser)
    report.refresh_from_db()
    assert report.status == Status.IN_PROGRESS
    project.status, project.progress = "done", 100
    project.save()
    services.project_sync(project=project, actor=superuser)
    report.refresh_from_db()
    assert report.status == Status.COMPLETED


def test_done_project_must_be_100_percent():
    project = Project(hub=hub_create(), title="x", kind="road", summary="y", status="done", progress=80)
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert error.value.error_dict["progress"][0].code == "done_is_100"
    assert "100" in str(error.value)


def test_consultation_page_shows_roles_and_consented_names_only(client, superuser):
    consultation = _consultation(hub_create(), is_published=True, decision="建成口袋公园。", minutes="<p>纪要</p>")
    html = client.get(consultation.get_absolute_url()).text
    assert "职能部门" in html and "居民代表" in html and "区园林绿化部门" in html
    assert "李主任" in html
    assert "王桂兰" not in html
    assert "建成口袋公园" in html


def test_unpublished_consultation_is_404(client):
    assert client.get(_consultation(hub_create()).get_absolute_url()).status_code == 404


def test_project_list_filters_and_detail_shows_before_and_after(client):
    hub = hub_create()
    road = Project.objects.create(hub=hub, title="路面修补", kind="road", summary="修路")
    park = Project.objects.create(
        hub=hub_create(), title="护坡小游园", kind="green", summary="公园", status="done", progress=100
    )
    html = client.get("/projects/", {"kind": "road"}).text
    assert road.title in html and park.title not in html
    html = client.get("/projects/", {"status": "done"}).text
    assert park.title in html and road.title not in html
    html = client.get("/projects/", {"hub": hub.pk}).text
    assert road.title in html and park.title not in html
    for stage in ("before", "after"):
        upload = SimpleUploadedFile("p.jpg", image_bytes(size=(64, 48)), content_type="image/jpeg")
        image = image_create(upload=upload, alt=f"{stage} 照片")
        ProjectPhoto.objects.create(project=park, stage=stage, image=image)
    detail = client.get(park.get_absolute_url()).text
    assert "施工前" in detail and "完工后" in detail
    assert detail.index("before 照片") < detail.index("after 照片")


def test_hub_directory_and_page(client):
    community = hub_create(name="锦林社区", slug="jinlin")
    branch = hub_create(name="八一小区党支部", kind="branch", parent=community)
    hidden = hub_create(name="未公开社区", is_published=False)
    Service.objects.create(hub=community, name="周末超市", summary="送货上门", audience="老人", how_to_ask="电话登记")
    open_report = report_create(hub=community, status=Status.ACCEPTED)
    done_report = report_create(hub=community, status=Status.COMPLETED)
    html = client.get("/hubs/").text
    assert "锦林社区" in html and branch.name in html and hidden.name not in html
    page = client.get("/hubs/jinlin/").text
    assert "周末超市" in page and "电话登记" in page
    assert open_report.title in page and done_report.title in page
    assert client.get(f"/hubs/{hidden.slug}/").status_code == 404
