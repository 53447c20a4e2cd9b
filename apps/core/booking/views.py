"""Pages of the booking engine that every pillar shares: 报名, 候补, 取消报名 and 签到."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from ..request_guard import same_site_path
from .checkin import checkin_token_check, checkin_window_check, registration_check_in
from .kinds import occurrence_register_url
from .models import Occurrence, Registration
from .services import registration_cancel, registration_create


@login_required
@require_POST
def occurrence_register(request, pk: int):
    """报名 / 候补 for any occurrence; the engine asks the audience's and the kind's rules."""
    occurrence = get_object_or_404(Occurrence.objects.public(), pk=pk)
    if form_url := occurrence_register_url(occurrence):
        messages.info(request, "报名这个活动需要填写几项信息，请在下面的表单中填写。")
        return redirect(form_url)
    try:
        registration = registration_create(occurrence=occurrence, user=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        if registration.status == Registration.Status.CONFIRMED:
            messages.success(request, f"报名成功：{occurrence.title}。我们会在开始前一天提醒您。")
        else:
            messages.info(
                request,
                f"名额已满，您已进入候补名单（第 {registration.queue_position} 位）。有空位时会按先后顺序通知您。",
            )
    return redirect(occurrence.get_absolute_url())


@login_required
@require_POST
def registration_cancel_view(request, pk: int):
    registration = get_object_or_404(Registration.objects.select_related("occurrence"), pk=pk, user=request.user)
    try:
        registration_cancel(registration=registration, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"已取消报名：{registration.occurrence.title}。")
    return HttpResponseRedirect(
        same_site_path(request.POST.get("next"), default=registration.occurrence.get_absolute_url())
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def checkin(request, pk: int, token: str):
    """Where the venue's QR code leads: check the token and window, then one tap on 签到."""
    occurrence = get_object_or_404(Occurrence, pk=pk)
    registration = Registration.objects.live().filter(occurrence=occurrence, user=request.user).first()
    error = ""
    try:
        checkin_window_check(occurrence, timezone.now())
        checkin_token_check(occurrence, token, timezone.now())
        if request.method == "POST":
            registration = registration_check_in(occurrence=occurrence, user=request.user, method="qr", token=token)
            messages.success(request, f"签到成功：{occurrence.title}。")
            return redirect(request.path)
    except ValidationError as problem:
        error = problem.messages[0]
    context = {"occurrence": occurrence, "registration": registration, "error": error}
    return render(request, "core/checkin.html", context, status=400 if error and request.method == "POST" else 200)


@login_required
@require_POST
def checkin_by_code(request, pk: int):
    """Online sessions: the short code announced during the livestream, entered on the session page."""
    occurrence = get_object_or_404(Occurrence.objects.public(), pk=pk)
    try:
        registration_check_in(
            occurrence=occurrence, user=request.user, method="code", code=request.POST.get("code", "")
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"签到成功：{occurrence.title}。")
    return redirect(occurrence.get_absolute_url())
