from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_http_methods, require_safe

from apps.core.booking.selectors import booking_state
from apps.core.models import Registration

from .forms import CheckinCodeForm, MemberApplyForm, MenuFilterForm
from .models import Course, MemberProfile, RedSite, Route, Session
from .selectors import MenuFilters, course_sessions, menu, session_detail
from .services.members import member_apply


@require_safe
def menu_page(request):
    """菜单式分类学: courses by format, audience (the member's own category by default), place, date, mode."""
    data = request.GET.copy()
    profile = MemberProfile.objects.filter(user_id=request.user.pk).first() if request.user.is_authenticated else None
    if "audience" not in data and profile and profile.is_verified:
        data["audience"] = profile.category
    form = MenuFilterForm(data)
    filters = MenuFilters(**{k: v for k, v in form.cleaned_data.items() if v}) if form.is_valid() else MenuFilters()
    # The list is a fragment cached per filters: `courses` is built and run only when it is not cached.
    context = {"form": form, "courses": SimpleLazyObject(lambda: menu(filters)), "filters": filters, "profile": profile}
    return render(request, "classes/menu.html", context)


@require_safe
def course_page(request, pk: int):
    course = get_object_or_404(Course.objects.published().select_related("cover", "hub"), pk=pk)
    return render(request, "classes/course.html", {"course": course, "sessions": course_sessions(course)})


@require_safe
def session_page(request, pk: int):
    try:
        session = session_detail(pk)
    except Session.DoesNotExist:
        raise Http404("没有这个场次") from None
    if not session.course.is_published:
        raise Http404("没有这个场次")
    state = booking_state(session, request.user)  # the booking box's, read once for the box and the page
    registration = state.registration
    context = {
        "session": session,
        "course": session.course,
        "state": state,
        "confirmed": registration is not None and registration.status == Registration.Status.CONFIRMED,
        "registration": registration,
        "code_form": CheckinCodeForm(),
    }
    return render(request, "classes/session.html", context)


@require_safe
def sites_page(request):
    sites = RedSite.objects.filter(is_published=True).prefetch_related("photos__image")
    return render(request, "classes/sites.html", {"sites": sites})


@require_safe
def routes_page(request):
    routes = Route.objects.filter(is_published=True).prefetch_related("stops__site")
    upcoming = Session.objects.public().upcoming().filter(route__isnull=False, is_cancelled=False).with_counts()
    by_route: dict[int, list] = {}
    for session in upcoming.order_by("starts_at"):
        by_route.setdefault(session.route_id, []).append(session)
    return render(request, "classes/routes.html", {"routes": routes, "sessions_by_route": by_route})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def member_apply_page(request):
    profile = MemberProfile.objects.filter(user=request.user).first()
    initial = (
        {"branch": profile.branch_id, "category": profile.category, "year_joined": profile.year_joined}
        if profile
        else {}
    )
    form = MemberApplyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            member_apply(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "已提交党员认证申请，党支部审核通过后即可报名党员课程。")
            return redirect("accounts:me")
    return render(request, "classes/member_apply.html", {"form": form, "profile": profile})
