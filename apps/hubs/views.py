from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from apps.core.pagecache import generation_cached
from apps.core.pagination import page_get, page_query

from . import selectors, services
from .forms import ConfirmForm, ProjectFilterForm, ReopenForm, ReportFilterForm, ReportForm
from .lifecycle import CLOSED, FINISHED, OPEN, Status
from .models import Consultation, ConsultationMeeting, Hub, Report

PAGE_SIZE = 20


@require_safe
def directory(request):
    return render(request, "hubs/directory.html", {"hubs": selectors.hub_directory()})


@require_safe
def hub_detail(request, slug: str):
    hub = get_object_or_404(Hub.objects.public().select_related("parent"), slug=slug)
    return render(request, "hubs/hub_detail.html", {"hub": hub, **selectors.hub_page(hub)})


@require_safe
def report_list(request):
    form = ReportFilterForm(request.GET or None)
    reports = selectors.reports_public()
    if form.is_valid():
        data = form.cleaned_data
        if data["hub"]:
            reports = reports.filter(hub=data["hub"])
        if data["category"]:
            reports = reports.filter(category=data["category"])
        groups = {"open": OPEN, "finished": FINISHED, "closed": CLOSED}
        if data["state"]:
            reports = reports.filter(status__in=groups[data["state"]])
    page = page_get(request, reports, PAGE_SIZE)
    context = {"form": form, "page": page, "stats": selectors.report_stats(), "page_query": page_query(request.GET)}
    return render(request, "hubs/report_list.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def report_create(request):
    """我要反映. Anonymous visitors and unverified phones get an explanation instead of the form."""
    try:
        services.report_submitter_check(request.user)
    except ValidationError as error:
        status = 403 if request.method == "POST" else 200
        return render(request, "hubs/report_form.html", {"blocked": error.code}, status=status)

    form = ReportForm(request.POST or None, request.FILES or None, initial={"hub": request.GET.get("hub")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.report_submit(
                reporter=request.user,
                title=data["title"],
                description=data["description"],
                category=data["category"],
                hub=data["hub"],
                place=data["place"],
                photos=data["photos"],
                show_name=data["show_name"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"已收到您的反映，编号 {report.reference}。社区受理后会短信通知您。")
            return redirect(report.get_absolute_url())
    return render(request, "hubs/report_form.html", {"form": form}, status=400 if form.errors else 200)


def _report_for(request, reference: str, *, for_page: bool = False) -> Report:
    """The report if this visitor may see it: public ones for all; unpublished ones for the reporter and
    the hub's staff; hidden ones for the hub's staff only. `for_page`: read through the page cache's
    generation (any write makes it stale), for showing it; a change is made to a report read afresh."""
    # The reporter and a merged-into report are read by the page's fragment, only when that is not cached.
    read = Report.objects.select_related("hub", "category")
    try:
        if for_page:
            report = generation_cached("hubs:report", (reference,), lambda: read.get(reference=reference))
        else:
            report = read.get(reference=reference)
    except Report.DoesNotExist:
        raise Http404("没有这条反映") from None
    user = request.user
    is_staff = (
        user.is_authenticated and user.is_staff and Report.objects.for_hubs_of(user).filter(pk=report.pk).exists()
    )
    if is_staff:
        return report
    if report.is_hidden:
        raise Http404
    if report.published_at is None and not (user.is_authenticated and report.reporter_id == user.pk):
        raise Http404
    return report


@require_safe
def report_detail(request, reference: str):
    report = _report_for(request, reference, for_page=True)
    is_reporter = request.user.is_authenticated and report.reporter_id == request.user.pk
    context = {
        "report": report,
        "is_reporter": is_reporter,
        "can_respond": is_reporter and report.status == Status.COMPLETED,
        "reopen_form": ReopenForm(),
        "confirm_form": ConfirmForm(),
        **selectors.report_page(report),
    }
    return render(request, "hubs/report_detail.html", context)


@login_required
@require_POST
def report_respond(request, reference: str, action: str):
    """The reporter confirms a completed report or reopens it (within 30 days)."""
    report = _report_for(request, reference)
    form = (ReopenForm if action == "reopen" else ConfirmForm)(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(next(iter(form.errors.values())))
        if action == "reopen":
            services.report_reopen(report=report, user=request.user, message=form.cleaned_data["message"])
            messages.success(request, "已重新打开，社区会继续处理。")
        else:
            services.report_confirm(report=report, user=request.user, message=form.cleaned_data["message"])
            messages.success(request, "感谢您的确认！")
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    return redirect(report.get_absolute_url())


@login_required
@require_safe
def my_reports(request):
    reports = Report.objects.filter(reporter=request.user).select_related("hub", "category")
    return render(request, "hubs/my_reports.html", {"reports": reports})


@require_safe
def consultation_meeting(request, pk: int):
    """A consultation residents may attend: when, where, what about, and 报名旁听 when it has seats."""
    meeting = get_object_or_404(
        ConsultationMeeting.objects.public().with_counts().select_related("consultation__hub"), pk=pk
    )
    consultation = meeting.consultation
    context = {
        "meeting": meeting,
        "consultation": consultation,
        "reports": selectors.reports_public().filter(consultations=consultation),
        "decision_public": consultation.published_at is not None and consultation.is_published,
    }
    return render(request, "hubs/consultation_meeting.html", context)


@require_safe
def consultation_detail(request, pk: int):
    consultation = get_object_or_404(Consultation.objects.public().select_related("hub"), pk=pk)
    context = {
        "consultation": consultation,
        "participants": consultation.participants.all(),
        "reports": selectors.reports_public().filter(consultations=consultation),
        "projects": consultation.projects.public(),
    }
    return render(request, "hubs/consultation_detail.html", context)


@require_safe
def project_list(request):
    form = ProjectFilterForm(request.GET or None)
    projects = selectors.projects_public()
    if form.is_valid():
        data = form.cleaned_data
        if data["hub"]:
            projects = projects.filter(hub=data["hub"])
        if data["kind"]:
            projects = projects.filter(kind=data["kind"])
        if data["status"]:
            projects = projects.filter(status=data["status"])
    page = page_get(request, projects, PAGE_SIZE)
    return render(
        request, "hubs/project_list.html", {"form": form, "page": page, "page_query": page_query(request.GET)}
    )


@require_safe
def project_detail(request, pk: int):
    project = get_object_or_404(selectors.projects_public().select_related("consultation"), pk=pk)
    consultation = project.consultation if project.consultation and project.consultation.published_at else None
    context = {"project": project, "consultation": consultation, **selectors.project_page(project)}
    return render(request, "hubs/project_detail.html", context)
