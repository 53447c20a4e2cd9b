from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone

from apps.core.booking.selectors import waitlist_position
from apps.core.models import Registration
from apps.core.pagecache import generation_cached

from .models import ClassesSettings, Course, MemberProfile, Session

UPCOMING_PER_COURSE = 3


@dataclass
class MenuFilters:
    format: str = ""
    mode: str = ""
    audience: str = ""
    hub: str = ""
    start: date | None = None
    end: date | None = None


def upcoming_sessions(now=None):
    return (
        Session.objects.public()
        .upcoming(now)
        .filter(is_cancelled=False)
        .with_counts()
        .select_related("venue_hub", "venue_site")
        .order_by("starts_at", "id")
    )


def menu(filters: MenuFilters, now=None):
    """Published courses matching the filters, each with its next UPCOMING_PER_COURSE sessions (two queries
    in all; the prefetch is sliced in SQL, so a course with a long series does not load every session)."""
    sessions = upcoming_sessions(now)
    if filters.start:
        sessions = sessions.filter(starts_at__date__gte=filters.start)
    if filters.end:
        sessions = sessions.filter(starts_at__date__lte=filters.end)
    if filters.hub:
        sessions = sessions.filter(venue_hub__slug=filters.hub)
    courses = Course.objects.published().select_related("cover")
    if filters.format in Course.Format.values:
        courses = courses.filter(format=filters.format)
    if filters.mode in Course.Mode.values:
        courses = courses.filter(mode=filters.mode)
    if filters.audience in MemberProfile.Category.values:
        courses = courses.for_category(filters.audience)
    if filters.hub or filters.start or filters.end:
        courses = courses.filter(sessions__in=sessions).distinct()
    upcoming = Prefetch("sessions", queryset=sessions[:UPCOMING_PER_COURSE], to_attr="upcoming")
    return courses.prefetch_related(upcoming)


def course_sessions(course: Course, now=None):
    return upcoming_sessions(now).filter(course=course)


def session_detail(pk: int):
    """A public session with its course and its confirmed count, read through the page cache's generation
    (any write makes it stale: a 报名 too, so the seats shown are current). The seats are counted in the same
    query (a subquery: with_counts()'s GROUP BY over the joined course cost more). Only the course is joined:
    the page shows no venue row (the session keeps its place and coordinates), and the route with its stops
    is read by its fragment, only when that is not cached. Raises Session.DoesNotExist (nothing is cached)."""
    return generation_cached(
        "classes:session", (pk,),
        lambda: Session.objects.public().select_related("course").with_confirmed_total().get(pk=pk),
    )  # fmt: skip


@dataclass
class StudyRecord:
    """A member's own record: no comparison with anyone else."""

    target: int
    this_year: float
    by_year: list[tuple[int, float, int]]
    waiting: list
    attended: list

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.this_year / self.target)) if self.target else 0


STUDY_ATTENDED_SHOWN = 20


def study_record(user, now=None) -> StudyRecord:
    """Three queries whatever the history: the hours of every attendance (two columns a row), the latest
    attendances shown, and the waiting list (plus each one's position)."""
    now = now or timezone.now()
    mine = Registration.objects.live().filter(user=user, occurrence__kind="classes.session")
    checked_in = mine.filter(checked_in_at__isnull=False)
    years: dict[int, list] = {}
    times = checked_in.select_related("occurrence").only("occurrence__starts_at", "occurrence__ends_at")
    for r in times.order_by("occurrence__starts_at"):
        years.setdefault(timezone.localtime(r.occurrence.starts_at).year, []).append(r.occurrence.hours)
    by_year = sorted(((y, round(sum(h), 1), len(h)) for y, h in years.items()), reverse=True)
    this_year = next((h for y, h, _ in by_year if y == timezone.localtime(now).year), 0)
    attended = checked_in.select_related("occurrence__session").order_by("-occurrence__starts_at")
    waiting = mine.filter(status="waitlisted").select_related("occurrence").order_by("occurrence__starts_at")
    return StudyRecord(
        target=ClassesSettings.load().study_hours_target,
        this_year=this_year,
        by_year=by_year,
        waiting=[(r, waitlist_position(r)) for r in waiting],
        attended=list(attended[:STUDY_ATTENDED_SHOWN]),
    )


def study_record_for_request(request):
    profile = MemberProfile.objects.filter(user=request.user).select_related("branch").first()
    return {"profile": profile, "record": study_record(request.user)}


def study_record_export(user) -> dict:
    profile = MemberProfile.objects.filter(user=user).select_related("branch").first()
    record = study_record(user)
    return {
        "member": {
            "branch": str(profile.branch), "category": profile.get_category_display(),
            "year_joined": profile.year_joined, "status": profile.get_status_display(),
        } if profile else None,
        "hours_by_year": [{"year": y, "hours": h, "sessions": n} for y, h, n in record.by_year],
    }  # fmt: skip


def branch_year_hours(branch, year: int) -> list[list]:
    """Rows for the staff export: member, sessions attended, hours — for one branch and year."""
    rows = []
    profiles = MemberProfile.objects.filter(branch=branch, status=MemberProfile.Status.VERIFIED).select_related("user")
    attended = (
        Registration.objects.filter(
            user__member_profile__in=profiles, checked_in_at__isnull=False, occurrence__kind="classes.session",
            occurrence__starts_at__year=year,
        ).select_related("occurrence")
    )  # fmt: skip
    per_user: dict[int, list] = {}
    for r in attended:
        per_user.setdefault(r.user_id, []).append(r.occurrence.hours)
    for profile in profiles:
        hours = per_user.get(profile.user_id, [])
        rows.append([
            profile.user.real_name or str(profile.user), profile.user.masked_phone, profile.get_category_display(),
            len(hours), round(sum(hours), 1),
        ])  # fmt: skip
    return rows
