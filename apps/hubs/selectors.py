"""Reads of the hubs pillar that are more than one queryset method. Each runs a fixed number of queries."""

from statistics import median

from django.core.cache import cache
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from apps.core.charts import bar_chart
from apps.core.pagecache import generation_cached

from .lifecycle import FINISHED, OPEN, Status
from .models import Category, Consultation, Hub, HubPhoto, Project, ProjectPhoto, Report, ReportEvent, ReportPhoto

HUB_LIST_LIMIT = 10


def hub_choices() -> list[tuple[str, str]]:
    """Published hubs as (slug, name), in directory order: the calendar's and the class menu's 社区 filter. Read
    through the page cache's generation (a hub published, renamed or hidden shows on the next request)."""
    return generation_cached("hubs:choices", (), lambda: list(Hub.objects.public().values_list("slug", "name")))


def _visible_photos(model):
    return Prefetch("photos", queryset=model.objects.filter(is_hidden=False).select_related("image"))


def reports_public():
    """Public reports with what a list row shows: hub, category and visible photos."""
    return Report.objects.public().select_related("hub", "category").prefetch_related(_visible_photos(ReportPhoto))


def hub_directory():
    """Communities and villages, each with its published compound Party branches."""
    branches = Prefetch("branches", queryset=Hub.objects.public().order_by("order", "name"))
    return Hub.objects.public().filter(parent=None).prefetch_related(branches)


def hub_page(hub: Hub) -> dict:
    """Everything a hub's page shows, in a fixed number of queries."""
    reports = reports_public().filter(hub=hub)
    return {
        "photos": HubPhoto.objects.filter(hub=hub).select_related("image"),
        "services": hub.services.filter(is_published=True),
        "branches": hub.branches.filter(is_published=True),
        "open_reports": reports.filter(status__in=OPEN)[:HUB_LIST_LIMIT],
        "finished_reports": reports.filter(status__in=FINISHED)[:HUB_LIST_LIMIT],
        "projects": projects_public().filter(hub=hub)[:HUB_LIST_LIMIT],
        "consultations": Consultation.objects.public().filter(hub=hub)[:HUB_LIST_LIMIT],
    }


def report_page(report: Report) -> dict:
    return {
        "photos": report.photos.filter(is_hidden=False).select_related("image"),
        "timeline": report.events.public().order_by("created_at", "id"),
        "consultations": report.consultations.public(),
        "projects": report.projects.public(),
    }


def report_stats(*, months: int = 12) -> dict:
    """Counts by status and category, and the median days from submission to acceptance, decision and
    completion, per month in which that step was reached. Drawn from the history, not from the current state."""
    reports = Report.objects.filter(is_hidden=False)
    by_status = dict(reports.values_list("status").annotate(n=Count("id")).order_by())
    by_category = Category.objects.annotate(n=Count("reports", filter=Q(reports__is_hidden=False))).filter(n__gt=0)
    now = timezone.localtime()
    first = now.year * 12 + now.month - 1 - (months - 1)  # months counted from year 0
    start = now.replace(year=first // 12, month=first % 12 + 1, day=1, hour=0, minute=0, second=0, microsecond=0)
    milestones = (Status.ACCEPTED, Status.DECIDED, Status.COMPLETED)
    rows = (
        ReportEvent.objects.filter(
            kind=ReportEvent.Kind.STATUS, to_status__in=milestones, report__is_hidden=False, created_at__gte=start
        )
        .order_by("created_at", "id")
        .values_list("report_id", "to_status", "created_at", "report__submitted_at")
    )
    seen, days = set(), {}
    for report_id, to_status, at, submitted_at in rows:
        if (report_id, to_status) in seen:  # a reopened report reaches "completed" twice: count the first
            continue
        seen.add((report_id, to_status))
        month = timezone.localtime(at).strftime("%Y-%m")
        days.setdefault((month, to_status), []).append((at - submitted_at).total_seconds() / 86400)
    month_labels = [f"{(first + i) // 12}-{(first + i) % 12 + 1:02d}" for i in range(months)]
    table = [{"month": m, **{s.value: _median(days.get((m, s), [])) for s in milestones}} for m in month_labels]
    overall = {s.value: _median([d for (m, st), v in days.items() if st == s for d in v]) for s in milestones}
    return {
        "by_status": [(Status(s).label, s, by_status.get(s, 0)) for s in Status if by_status.get(s)],
        "total": sum(by_status.values()),
        "by_category": by_category,
        "medians": table,
        "overall": overall,
        "chart": _chart(table, milestones),
    }


def _median(values: list[float]) -> float | None:
    return round(median(values), 1) if values else None


def _chart(table: list[dict], milestones) -> dict:
    """The months' medians as a grouped bar chart (apps.core.charts)."""
    groups = [
        {
            "label": row["month"][5:] + "月",
            "values": {s.value: row[s] for s in milestones},
            "titles": {s.value: f"{row['month']} {Status(s).label}：中位数 {row[s]} 天" for s in milestones},
        }
        for row in table
    ]
    return bar_chart(groups, series=[s.value for s in milestones])


def projects_public():
    before_after = ProjectPhoto.objects.filter(is_hidden=False).select_related("image")
    return Project.objects.public().select_related("hub").prefetch_related(Prefetch("photos", queryset=before_after))


def project_page(project: Project) -> dict:
    photos = list(project.photos.all())
    return {
        "before": [p for p in photos if p.stage == ProjectPhoto.Stage.BEFORE],
        "during": [p for p in photos if p.stage == ProjectPhoto.Stage.DURING],
        "after": [p for p in photos if p.stage == ProjectPhoto.Stage.AFTER],
        "milestones": project.milestones.all(),
        "reports": reports_public().filter(projects=project),
    }


HOME_CACHE_KEY = "hubs:home-projects"


def home_projects(request) -> dict | None:
    """The home page's 红岭之家 section: the latest finished livelihood projects. Cached for five minutes,
    so the busiest page runs no query for it (two queries when the cache is cold)."""
    done = cache.get(HOME_CACHE_KEY)
    if done is None:
        done = list(projects_public().filter(status=Project.Status.DONE)[:3])
        cache.set(HOME_CACHE_KEY, done, 300)
    return {"projects": done} if done else None


def my_reports_section(request) -> dict:
    """The /me/ block: the signed-in resident's latest reports and where each stands."""
    reports = Report.objects.filter(reporter=request.user).select_related("hub").order_by("-submitted_at")
    return {"reports": reports[:5], "total": reports.count()}


def my_reports_export(user) -> list[dict]:
    return [
        {
            "reference": r.reference, "title": r.title, "description": r.description, "place": r.place,
            "hub": r.hub.name, "status": r.get_status_display(), "submitted_at": r.submitted_at,
            "show_name": r.show_name,
        }
        for r in Report.objects.filter(reporter=user).select_related("hub")
    ]  # fmt: skip


def hub_for_place(place: str) -> Hub | None:
    """The public hub whose 辖区地名 (or own name) best matches a resident's 问题地点: the longest name found in the
    text wins; two hubs matching equally well means we cannot tell (None), as does no match at all."""
    best: dict[Hub, int] = {}
    for hub in Hub.objects.public().only("pk", "name", "areas"):
        names = [hub.name, *(line.strip() for line in hub.areas.splitlines())]
        found = [len(name) for name in names if len(name) >= 2 and name in place]
        if found:
            best[hub] = max(found)
    if not best:
        return None
    ranked = sorted(best.items(), key=lambda item: item[1], reverse=True)
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]
