from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .models import Pioneer, Team, VolunteerActivity
from .selectors import activities_done, gallery, gallery_hubs, teams_for_cards, upcoming_activities


@require_safe
def gallery_page(request):
    """红岭先锋: profiles grouped by theme, filterable by community; teams and what they do next."""
    hub = request.GET.get("hub", "")
    context = {
        "groups": gallery(hub),
        "hubs": gallery_hubs(),
        "hub": hub,
        "teams": teams_for_cards(),
        "activities": upcoming_activities()[:6],
    }
    return render(request, "pioneers/gallery.html", context)


@require_safe
def profile_page(request, pk: int):
    pioneer = get_object_or_404(Pioneer.objects.published().select_related("hub", "photo"), pk=pk)
    context = {
        "pioneer": pioneer,
        "articles": pioneer.articles.published().order_by("-published_at")[:5],
        "teams": pioneer.teams_led.published(),
    }
    return render(request, "pioneers/profile.html", context)


@require_safe
def team_page(request, pk: int):
    team = get_object_or_404(Team.objects.published().select_related("hub", "leader", "photo"), pk=pk)
    context = {"team": team, "activities": upcoming_activities(team), "done": activities_done(team)}
    return render(request, "pioneers/team.html", context)


@require_safe
def activity_page(request, pk: int):
    activity = get_object_or_404(
        VolunteerActivity.objects.public().filter(team__is_published=True).select_related("team", "hub"), pk=pk
    )
    return render(request, "pioneers/activity.html", {"activity": activity, "team": activity.team})
