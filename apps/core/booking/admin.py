"""Admin pieces every occurrence admin shares: roster with one-click 签到 and 代报名, the check-in QR
page, roster exports, and capacity changes that go through the booking engine."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from apps.accounts.phones import phone_normalize

from ..audit.models import AuditEvent
from ..audit.services import audit_record
from ..exports import table_response
from ..qrcodes import qr_svg
from .checkin import checkin_token, registration_check_in
from .models import Occurrence, Registration
from .notifications import occurrence_change_notify
from .roster import ROSTER_HEADERS, roster, roster_rows
from .services import occurrence_capacity_change, registration_cancel, registration_create


class OccurrenceAdminForm(forms.ModelForm):
    def clean_capacity(self):
        capacity = self.cleaned_data.get("capacity")
        if self.instance.pk and capacity is not None:
            confirmed = Registration.objects.confirmed().filter(occurrence_id=self.instance.pk).count()
            if capacity < confirmed:
                raise forms.ValidationError(
                    f"已有 {confirmed} 人获得名额，名额不能少于 {confirmed}。如需减少，请先在名单中取消部分报名。",
                    code="below_confirmed",
                )
        return capacity

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", "结束时间必须晚于开始时间。")
        return cleaned


class OccurrenceAdminMixin:
    form = OccurrenceAdminForm
    change_form_template = "admin/core/occurrence_change_form.html"

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/roster/", view(self.roster_view), name=f"{name}_roster"),
            path("<int:pk>/roster.<str:fmt>", view(self.roster_export_view), name=f"{name}_roster_export"),
            path("<int:pk>/qr/", view(self.checkin_qr_view), name=f"{name}_qr"),
            path("<int:pk>/sign-sheet/", view(self.sign_sheet_view), name=f"{name}_sign_sheet"),
            *super().get_urls(),
        ]

    def _occurrence(self, request, pk):
        occurrence = self.get_object(request, str(pk))  # respects get_queryset(), e.g. hub scoping
        if occurrence is None or not self.has_view_permission(request, occurrence):
            raise PermissionDenied
        return occurrence

    def save_model(self, request, obj, form, change):
        new_capacity = obj.capacity
        if change and "capacity" in form.changed_data:
            obj.capacity = form.initial.get("capacity")
        before = Occurrence.objects.filter(pk=obj.pk).values("starts_at", "place", "is_cancelled").first() or {}
        super().save_model(request, obj, form, change)
        if change:  # everyone registered hears when it is moved or cancelled
            told = occurrence_change_notify(occurrence=obj, before=before)
            if told:
                messages.info(request, f"已通知 {told} 位报名者。")
        if change and "capacity" in form.changed_data:
            try:
                occurrence_capacity_change(occurrence=obj, capacity=new_capacity)
            except ValidationError as error:
                messages.error(request, error.messages[0])

    def roster_view(self, request, pk):
        occurrence = self._occurrence(request, pk)
        if request.method == "POST":
            if not self.has_change_permission(request, occurrence):
                raise PermissionDenied
            self._roster_action(request, occurrence)
            return redirect(request.path)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"报名名单：{occurrence}",
            "occurrence": occurrence,
            "registrations": roster(occurrence),
            "export_url": f"{self.opts.app_label}_{self.opts.model_name}_roster_export",
            "qr_url": f"admin:{self.opts.app_label}_{self.opts.model_name}_qr",
            "sheet_url": f"admin:{self.opts.app_label}_{self.opts.model_name}_sign_sheet",
        }
        return TemplateResponse(request, "admin/core/roster.html", context)

    def _roster_action(self, request, occurrence):
        action = request.POST.get("action")
        try:
            if action == "checkin":
                registration = Registration.objects.get(pk=request.POST.get("registration"), occurrence=occurrence)
                registration_check_in(occurrence=occurrence, user=registration.user, method="staff")
                messages.success(request, f"{registration.user} 已签到。")
            elif action == "cancel":
                registration = Registration.objects.get(pk=request.POST.get("registration"), occurrence=occurrence)
                registration_cancel(registration=registration, by=request.user)
                messages.success(request, f"已取消 {registration.user} 的报名。")
            elif action == "register":
                phone = phone_normalize(request.POST.get("phone", ""))
                user = get_user_model().objects.filter(phone=phone).first()
                if user is None:
                    raise ValidationError("没有找到这个手机号的用户，请先请对方注册或在“用户”中添加。")
                registration = registration_create(occurrence=occurrence, user=user, registered_by=request.user)
                messages.success(request, f"已为 {user} 代报名：{registration.get_status_display()}。")
        except Registration.DoesNotExist:
            messages.error(request, "找不到这条报名记录。")
        except ValidationError as error:
            messages.error(request, error.messages[0])

    def roster_export_view(self, request, pk, fmt):
        occurrence = self._occurrence(request, pk)
        if fmt not in {"csv", "xlsx"}:
            raise PermissionDenied
        stamp = f"{timezone.localtime(occurrence.starts_at):%Y%m%d}"
        return table_response(
            headers=ROSTER_HEADERS,
            rows=roster_rows(occurrence),
            filename=f"roster-{occurrence.pk}-{stamp}",
            fmt=fmt,
            request=request,
            subject=occurrence,
        )

    def sign_sheet_view(self, request, pk):
        """A printable sign-in sheet (签到表) for venues where people sign on paper."""
        occurrence = self._occurrence(request, pk)
        rows = [r for r in roster(occurrence) if r.status == Registration.Status.CONFIRMED]
        audit_record(
            action=AuditEvent.Action.SIGN_SHEET_PRINTED, request=request, obj=occurrence, detail=f"{len(rows)} 人"
        )
        return TemplateResponse(request, "admin/core/sign_sheet.html", {"occurrence": occurrence, "rows": rows})

    def checkin_qr_view(self, request, pk):
        occurrence = self._occurrence(request, pk)
        now = timezone.now()
        url = request.build_absolute_uri(reverse("core:checkin", args=[occurrence.pk, checkin_token(occurrence, now)]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"签到二维码：{occurrence}",
            "occurrence": occurrence,
            "qr": qr_svg(url, scale=8),
            "url": url,
            "now": now,
        }
        return TemplateResponse(request, "admin/core/checkin_qr.html", context)


class RegistrationInline(admin.TabularInline):
    """Read-only list of registrations under an occurrence (changes go through the roster page)."""

    model = Registration
    extra = 0
    can_delete = False
    fields = ("user", "status", "created_at", "checked_in_at", "registered_by")
    readonly_fields = fields
    ordering = ("status", "created_at")

    def has_add_permission(self, request, obj=None):
        return False
