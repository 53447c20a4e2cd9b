from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from apps.core.booking.admin import OccurrenceAdminMixin, RegistrationInline
from apps.core.exports import table_response
from apps.hubs.models import Hub

from .models import Course, MemberProfile, RedSite, Route, RouteStop, Series, Session, SitePhoto
from .selectors import branch_year_hours
from .services.members import member_verify
from .services.series import series_dates, series_materialize


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ("title", "format", "mode", "teacher", "hub", "is_published")
    list_filter = ("format", "mode", "is_published", "hub")
    search_fields = ("title", "teacher", "summary")
    autocomplete_fields = ("cover",)


@admin.register(Session)
class SessionAdmin(OccurrenceAdminMixin, admin.ModelAdmin):
    list_display = ("title", "starts_at", "place", "capacity", "members_only", "is_cancelled")
    list_filter = ("course__format", "members_only", "is_cancelled", "venue_hub")
    search_fields = ("title", "course__title", "place")
    date_hierarchy = "starts_at"
    autocomplete_fields = ("course",)
    inlines = [RegistrationInline]
    fieldsets = (
        (None, {"fields": ("course", "title", "starts_at", "ends_at", "members_only", "is_public")}),
        ("地点", {"fields": ("venue_hub", "venue_site", "route", "place")}),
        ("报名", {"fields": ("capacity", "registration_opens_at", "registration_closes_at", "cancel_before")}),
        ("线上", {"fields": ("live_url", "replay_url", "checkin_code")}),
        ("取消", {"fields": ("is_cancelled", "cancel_reason")}),
    )


class SeriesForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        probe = Series(**{k: v for k, v in cleaned.items() if k in {"weekday", "first_date", "until_date"}})
        if probe.first_date and probe.until_date and probe.weekday is not None:
            try:
                self.dates = series_dates(probe)
            except ValidationError as error:
                raise forms.ValidationError(error.messages) from None
        return cleaned


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    form = SeriesForm
    list_display = ("__str__", "first_date", "until_date", "capacity")
    autocomplete_fields = ("course",)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        created = series_materialize(series=obj)
        messages.success(request, f"已生成 {len(created)} 场课程，可在“课程场次”中逐场修改。")


class SitePhotoInline(admin.TabularInline):
    model = SitePhoto
    extra = 1
    autocomplete_fields = ("image",)


@admin.register(RedSite)
class RedSiteAdmin(admin.ModelAdmin):
    list_display = ("name", "address", "opening_hours", "is_published")
    inlines = [SitePhotoInline]


class RouteStopInline(admin.TabularInline):
    model = RouteStop
    extra = 1


@admin.register(Route)
class RouteAdmin(admin.ModelAdmin):
    list_display = ("title", "duration_minutes", "is_published")
    inlines = [RouteStopInline]


@admin.register(MemberProfile)
class MemberProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "branch", "category", "year_joined", "status", "applied_at")
    list_filter = ("status", "category", "branch")
    search_fields = ("user__real_name", "user__display_name", "user__phone")
    autocomplete_fields = ("user",)
    readonly_fields = ("applied_at", "verified_at", "verified_by")
    actions = ["approve", "reject"]

    def save_model(self, request, obj, form, change):
        # A status set to 已认证 / 未通过 in the form is a verification: it goes through the service (and its notice).
        decided = "status" in form.changed_data and obj.status != MemberProfile.Status.PENDING
        super().save_model(request, obj, form, change)
        if decided:
            member_verify(profile=obj, by=request.user, approve=obj.status == MemberProfile.Status.VERIFIED)

    @admin.action(description="通过党员认证")
    def approve(self, request, queryset):
        for profile in queryset:
            member_verify(profile=profile, by=request.user, approve=True)
        messages.success(request, f"已通过 {queryset.count()} 位党员的认证。")

    @admin.action(description="不通过党员认证")
    def reject(self, request, queryset):
        for profile in queryset:
            member_verify(profile=profile, by=request.user, approve=False)
        messages.success(request, f"已将 {queryset.count()} 条申请标记为未通过。")

    def get_urls(self):
        view = self.admin_site.admin_view(self.hours_export_view)
        return [path("hours/", view, name="classes_memberprofile_hours"), *super().get_urls()]

    def hours_export_view(self, request):
        """学时统计: per branch and year, as CSV or XLSX."""
        year = request.GET.get("year", str(timezone.localdate().year))
        fmt, branch_id = request.GET.get("fmt"), request.GET.get("branch")
        if branch_id and fmt in {"csv", "xlsx"} and year.isdigit():
            branch = get_object_or_404(Hub, pk=branch_id)
            rows = branch_year_hours(branch, int(year))
            headers = ["姓名", "手机号", "党员类别", "参加次数", "学时"]
            filename = f"study-hours-{branch.slug}-{year}"
            return table_response(
                headers=headers, rows=rows, filename=filename, fmt=fmt, request=request, subject=branch
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "学时统计导出",
            "branches": Hub.objects.filter(members__isnull=False).distinct(),
            "year": year,
        }
        return TemplateResponse(request, "admin/classes/hours_export.html", context)
