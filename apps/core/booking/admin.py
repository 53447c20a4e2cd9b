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

from apps.core.phones import phone_normalize

from ..audit.models import AuditEvent
from ..audit.services import audit_record
from ..exports import table_response
from ..qrcodes import qr_svg
from .checkin import checkin_token, checkin_window_check, registration_check_in
from .kinds import occurrence_register_url
from .models import Occurrence, Registration
from .notifications import occurrence_change_notify
from .roster import ROSTER_HEADERS, checkin_counts, roster, roster_rows
from .services import (
    Ineligible,
    occurrence_capacity_change,
    occurrence_capacity_check,
    registration_cancel,
    registration_create,
)


class OccurrenceAdminForm(forms.ModelForm):
    """Shows the booking engine's capacity rule and the model's time constraint; it adds no rule of its own."""

    def clean_capacity(self):
        capacity = self.cleaned_data.get("capacity")
        if self.instance.pk and "capacity" in self.changed_data:
            try:
                occurrence_capacity_check(occurrence=self.instance, capacity=capacity)
            except ValidationError as error:
                raise forms.ValidationError(error.messages, code=error.code) from None
        return capacity


class ProxyRegistrationForm(forms.Form):
    """代报名: staff register someone by phone. The booking engine decides; its errors land on this form."""

    phone = forms.CharField(
        label="手机号", max_length=20, widget=forms.TextInput(attrs={"type": "tel", "inputmode": "numeric"}),
        error_messages={"required": "请填写要代报名的人的手机号。"},
    )  # fmt: skip
    override_reason = forms.CharField(
        label="破例原因", max_length=200, required=False,
        help_text="仅当对方不符合报名条件（如本场仅限党员）而确需为其报名时填写，会显示在名单和导出中。",
    )  # fmt: skip

    def clean_phone(self):
        phone = phone_normalize(self.cleaned_data["phone"])
        self.person = get_user_model().objects.filter(phone=phone).first()
        if self.person is None:
            raise forms.ValidationError(
                "没有找到这个手机号的用户，请先请对方注册或在“用户”中添加。", code="unknown_phone"
            )
        return phone

    def register(self, *, occurrence, by) -> Registration | None:
        """Run the engine; on a refusal the error is added here (with its code) and None returned."""
        if occurrence_register_url(occurrence):
            self.add_error(None, forms.ValidationError(
                "报名这个活动需要填写更多信息（如孩子的姓名和年龄），请监护人在活动页上报名。", code="needs_form"
            ))  # fmt: skip
            return None
        try:
            return registration_create(
                occurrence=occurrence,
                user=self.person,
                registered_by=by,
                override_reason=self.cleaned_data["override_reason"],
            )
        except Ineligible as error:
            message = f"{self.person}：{error.messages[0]} 如确需为其报名，请在“破例原因”中写明理由后再提交。"
            self.add_error("override_reason", forms.ValidationError(message, code=error.code))
        except ValidationError as error:
            self.add_error(None, error)
        return None


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
            path("<int:pk>/projector/", view(self.projector_view), name=f"{name}_projector"),
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
        proxy_form = ProxyRegistrationForm()
        if request.method == "POST":
            if not self.has_change_permission(request, occurrence):
                raise PermissionDenied
            if request.POST.get("action") != "register":
                self._roster_action(request, occurrence)
                return redirect(request.path)
            proxy_form = ProxyRegistrationForm(request.POST)
            if proxy_form.is_valid() and (registration := proxy_form.register(occurrence=occurrence, by=request.user)):
                messages.success(request, f"已为 {registration.user} 代报名：{registration.get_status_display()}。")
                return redirect(request.path)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"报名名单：{occurrence}",
            "occurrence": occurrence,
            "registrations": roster(occurrence),
            "proxy_form": proxy_form,
            "export_url": f"{self.opts.app_label}_{self.opts.model_name}_roster_export",
            "qr_url": f"admin:{self.opts.app_label}_{self.opts.model_name}_qr",
            "projector_url": f"admin:{self.opts.app_label}_{self.opts.model_name}_projector",
            "sheet_url": f"admin:{self.opts.app_label}_{self.opts.model_name}_sign_sheet",
        }
        status = 400 if proxy_form.errors else 200
        return TemplateResponse(request, "admin/core/roster.html", context, status=status)

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
        except (Registration.DoesNotExist, ValueError):
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

    def projector_view(self, request, pk):
        """投屏签到: a full-screen page for the venue's projector — a big QR that renews itself (meta refresh,
        no JavaScript), the title and how many have checked in so far. Staff-only and scoped like the roster."""
        occurrence = self._occurrence(request, pk)
        now = timezone.now()
        url = request.build_absolute_uri(reverse("core:checkin", args=[occurrence.pk, checkin_token(occurrence, now)]))
        try:
            checkin_window_check(occurrence, now)
            closed = ""
        except ValidationError as error:
            closed = error.messages[0]
        context = {
            "occurrence": occurrence,
            "qr": qr_svg(url, scale=10, fluid=True),
            "closed": closed,
            "now": now,
            "refresh_seconds": PROJECTOR_REFRESH_SECONDS,
            "roster_url": reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_roster", args=[occurrence.pk]),
            **checkin_counts(occurrence),
        }
        return TemplateResponse(request, "admin/core/projector.html", context)


# The QR's token changes every minute and the previous minute's is still accepted: 15 s keeps the code
# valid when scanned and the count current.
PROJECTOR_REFRESH_SECONDS = 15


class RegistrationInline(admin.TabularInline):
    """Read-only list of registrations under an occurrence (changes go through the roster page)."""

    model = Registration
    extra = 0
    can_delete = False
    fields = ("user", "status", "created_at", "checked_in_at", "registered_by", "eligibility_override")
    readonly_fields = fields
    ordering = ("status", "created_at")

    def has_add_permission(self, request, obj=None):
        return False
