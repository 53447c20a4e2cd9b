"""What of 红岭之家 the site search indexes: public hubs and services, published reports, projects and
consultations. Never a reporter's name, phone or internal remark: only the public fields, and in what
residents wrote, phone and ID-card numbers masked (so searching by such a number finds nothing)."""

from django.utils import timezone

from apps.core.privacy import personal_numbers_mask
from apps.core.search import SearchDocument, search_register
from apps.core.search.index import plain_text

from .models import Consultation, Hub, Project, Report, Service

EPOCH = timezone.make_aware(timezone.datetime(2020, 1, 1))


def hub_document(hub: Hub) -> SearchDocument | None:
    if not hub.is_published:
        return None
    text = "\n".join([hub.summary, hub.address, hub.opening_hours])
    return SearchDocument(title=hub.name, text=text, url=hub.get_absolute_url(), visible_from=EPOCH)


def service_document(service: Service) -> SearchDocument | None:
    if not (service.is_published and service.hub.is_published):
        return None
    text = "\n".join([service.summary, service.audience, service.how_to_ask, service.hub.name])
    url = f"{service.hub.get_absolute_url()}#service-{service.pk}"
    return SearchDocument(title=f"{service.name} · {service.hub.name}", text=text, url=url, visible_from=EPOCH)


def report_document(report: Report) -> SearchDocument | None:
    if report.published_at is None or report.is_hidden:
        return None
    written = "\n".join([report.description, report.place])
    text = "\n".join([personal_numbers_mask(written), report.hub.name, report.get_status_display()])
    return SearchDocument(
        title=personal_numbers_mask(report.title), text=text, url=report.get_absolute_url(),
        visible_from=report.published_at, date=report.submitted_at,
    )  # fmt: skip


def project_document(project: Project) -> SearchDocument | None:
    if not (project.is_published and project.hub.is_published):
        return None
    text = "\n".join([project.summary, project.hub.name, project.get_kind_display()])
    return SearchDocument(
        title=project.title, text=text, url=project.get_absolute_url(), visible_from=EPOCH, date=project.updated_at
    )


def consultation_document(consultation: Consultation) -> SearchDocument | None:
    if not (consultation.is_published and consultation.hub.is_published and consultation.published_at):
        return None
    text = "\n".join([consultation.decision, plain_text(consultation.minutes), consultation.hub.name])
    return SearchDocument(
        title=consultation.topic, text=text, url=consultation.get_absolute_url(),
        visible_from=consultation.published_at, date=consultation.held_at,
    )  # fmt: skip


def register() -> None:
    search_register(Hub, label="红岭之家", document=hub_document, order=30, few=True)
    search_register(
        Service, label="便民服务", document=service_document, queryset=lambda: Service.objects.select_related("hub"),
        order=31, few=True,
    )  # fmt: skip
    search_register(
        Report, label="居民反映", document=report_document, queryset=lambda: Report.objects.select_related("hub"),
        order=32,
    )  # fmt: skip
    search_register(
        Project, label="民生工程", document=project_document, queryset=lambda: Project.objects.select_related("hub"),
        order=33, few=True,
    )  # fmt: skip
    search_register(
        Consultation, label="三方共商", document=consultation_document,
        queryset=lambda: Consultation.objects.select_related("hub"), order=34, few=True,
    )  # fmt: skip
