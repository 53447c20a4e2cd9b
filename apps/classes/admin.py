from contextlib import suppress

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from apps.core.admin import SingletonSettingsAdmin
from apps.core.booking.admin import OccurrenceAdminMixin, RegistrationInline
from apps.core.exports import table_response
from apps.core.scope import HubScopedAdmin
from apps.hubs.models import Hub

from .models import ClassesSettings, Course, MemberProfile, RedSite, Route, RouteStop, Series, Session, SitePhoto
from .selectors import branch_year_hours
from .services.members import member_verify
from .services.series import MAX_SESSIONS, series_dates, series_materialize, series_preview


@admin.register(ClassesSettings)
class ClassesSettingsAdmin(SingletonSettingsAdmin):
    fields = ("study_hours_target",)


class CourseAdminForm(forms.ModelForm):
    # The model keeps the categories' codes as a JSON list; staff tick them by their Chinese names.
    audiences = forms.MultipleChoiceField(
        label="适合的党员类别",
        choices=MemberProfile.Category.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="都不选表示面向所有党员。",
    )

    class Meta:
        model = Course
        fields = ("audiences",)  # the admin adds the course's other fields


@admin.register(Course)
class CourseAdmin(HubScopedAdmin):
    form = CourseAdminForm
    list_display = ("title", "format", "mode", "teacher", "hub", "is_published")
    list_filter = ("format", "mode", "is_published", "hub")
    search_fields = ("title", "teacher", "summary")
    autocomplete_fields = ("cover",)

    def hub_condition(self, hubs):
        return super().hub_condition(hubs) | Q(hub__isnull=True)  # courses without a 主办单位 are the street's, for all


@admin.register(Session)
class SessionAdmin(OccurrenceAdminMixin, HubScopedAdmin):
    hub_field = "venue_hub"
    list_display = ("title", "starts_at", "place", "capacity", "members_only", "is_cancelled")
    list_filter = ("course__format", "members_only", "is_cancelled", "venue_hub")
    search_fields = ("title", "course__title", "place")
    date_hierarchy = "starts_at"
    autocomplete_fields = ("course",)
    readonly_fields = ("series", "series_date")
    inlines = [RegistrationInline]
    fieldsets = (
        (None, {"fields": ("course", "title", "starts_at", "ends_at", "members_only", "is_public")}),
        (
            "所属系列",
            {
                "fields": ("series", "series_date"),
                "description": "这一场可以单独修改（时间、地点、名额、取消），系列不会覆盖或重复排这一天。",
            },
        ),
        ("地点", {"fields": ("venue_hub", "venue_site", "route", "place", ("latitude", "longitude"))}),
        ("报名", {"fields": ("capacity", "registration_opens_at", "registration_closes_at", "cancel_before")}),
        ("线上", {"fields": ("live_url", "replay_url", "checkin_code")}),
        ("取消", {"fields": ("is_cancelled", "cancel_reason")}),
    )


class SeriesForm(forms.ModelForm):
    """Shows the series service's errors on their fields; the dates it finds are kept for the preview."""

    class Meta:
        model = Series
        fields = (
            "course", "start_time", "duration_minutes", "capacity", "members_only", "frequency", "weekday",
            "week_of_month", "day_of_month", "first_date", "until_date", "count", "skip_dates", "venue_hub",
            "venue_site", "place",
        )  # fmt: skip
        widgets = {"skip_dates": forms.Textarea(attrs={"rows": 3, "cols": 30})}

    def _post_clean(self):
        super()._post_clean()
        self.dates = []
        if not self.errors:
            try:
                self.dates = series_dates(self.instance)
            except ValidationError as error:
                self._update_errors(error)


@admin.register(Series)
class SeriesAdmin(HubScopedAdmin):
    form = SeriesForm
    hub_field = "venue_hub"
    list_display = ("__str__", "first_date", "until_date", "count", "capacity")
    autocomplete_fields = ("course",)
    change_form_template = "admin/classes/series/change_form.html"
    fieldsets = (
        (None, {"fields": ("course", "start_time", "duration_minutes", "capacity", "members_only")}),
        ("重复规则", {
            "fields": ("frequency", "weekday", "week_of_month", "day_of_month", "first_date", "until_date", "count",
                       "skip_dates"),
            "description": f"每周：选星期几；每月第 N 个星期几：如每月第一个星期五（主题党日）；"
                           f"每月几日：如每月 15 日（三会一课），某月没有这一天时（如小月的 31 日）改在当月最后一天。"
                           f"一个系列最多 {MAX_SESSIONS} 场。先点“预览日期”核对，再保存生成场次。",
        }),
        ("地点", {"fields": ("venue_hub", "venue_site", "place")}),
    )  # fmt: skip

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and "_preview" in request.POST:
            return self._preview_view(request, object_id, form_url)
        extra_context = extra_context or {}
        obj = self.get_object(request, object_id) if object_id else None
        if obj is not None and request.method != "POST":
            with suppress(ValidationError):  # a series saved before a rule tightened shows no preview
                extra_context["series_preview"] = series_preview(obj)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _preview_view(self, request, object_id, form_url):
        """预览日期: the bound form with the dates it would make, nothing saved."""
        obj = self.get_object(request, object_id) if object_id else None
        allowed = self.has_change_permission(request, obj) if obj else self.has_add_permission(request)
        if (object_id and obj is None) or not allowed:
            raise PermissionDenied
        form = self.get_form(request, obj, change=obj is not None)(request.POST, instance=obj)
        preview = series_preview(form.instance) if form.is_valid() else None
        adminform = helpers.AdminForm(
            form, list(self.get_fieldsets(request, obj)), {}, self.get_readonly_fields(request, obj), model_admin=self
        )
        context = {
            **self.admin_site.each_context(request),
            "title": f"{'修改' if obj else '增加'}{self.opts.verbose_name}",
            "subtitle": None,
            "adminform": adminform,
            "object_id": object_id,
            "original": obj,
            "is_popup": False,
            "to_field": None,
            "media": self.media + adminform.media,
            "inline_admin_formsets": [],
            "errors": helpers.AdminErrorList(form, []),
            "preserved_filters": self.get_preserved_filters(request),
            "series_preview": preview,
        }
        return self.render_change_form(request, context, add=obj is None, change=obj is not None, obj=obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        created = series_materialize(series=obj)
        kept = len(form.dates) - len(created)
        note = f"，{kept} 场此前已生成，保持不变" if kept else ""
        messages.success(request, f"已生成 {len(created)} 场课程{note}。可在“课程场次”中逐场修改，不影响系列。")


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
class MemberProfileAdmin(HubScopedAdmin):
    hub_field = "branch"
    list_display = ("user", "branch", "category", "year_joined", "status", "applied_at")
    list_filter = ("status", "category", "branch")
    search_fields = ("user__real_name", "user__display_name", "user__phone")
    autocomplete_fields = ("user",)
    readonly_fields = ("applied_at", "verified_at", "verified_by")
    actions = ["approve", "reject"]

    def get_readonly_fields(self, request, obj=None):
        # Whose profile it is never changes once the member applied (and hub staff cannot list accounts).
        return (*self.readonly_fields, "user") if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        # A status set to 已认证 / 未通过 in the form is a verification: it goes through the service (and its notice).
        decided = "status" in form.changed_data and obj.status != MemberProfile.Status.PENDING
        super().save_model(request, obj, form, change)
        if decided:
            member_verify(profile=obj, by=request.user, approve=obj.status == MemberProfile.Status.VERIFIED)

    @admin.action(description="通过党员认证", permissions=["change"])
    def approve(self, request, queryset):
        for profile in queryset:
            member_verify(profile=profile, by=request.user, approve=True)
        messages.success(request, f"已通过 {queryset.count()} 位党员的认证。")

    @admin.action(description="不通过党员认证", permissions=["change"])
    def reject(self, request, queryset):
        for profile in queryset:
            member_verify(profile=profile, by=request.user, approve=False)
        messages.success(request, f"已将 {queryset.count()} 条申请标记为未通过。")

    def get_urls(self):
        view = self.admin_site.admin_view(self.hours_export_view)
        return [path("hours/", view, name="classes_memberprofile_hours"), *super().get_urls()]

    def hours_export_view(self, request):
        """学时统计: per branch and year, as CSV or XLSX."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        year = request.GET.get("year", str(timezone.localdate().year))
        fmt, branch_id = request.GET.get("fmt"), request.GET.get("branch", "")
        if branch_id.isdigit() and fmt in {"csv", "xlsx"} and year.isdigit():
            branch = get_object_or_404(self._branches(request), pk=branch_id)  # another hub's branch: 404
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
            "branches": self._branches(request),
            "year": year,
        }
        return TemplateResponse(request, "admin/classes/hours_export.html", context)

    def _branches(self, request):
        """The branches whose members this user may see: those with members, within their hub scope."""
        scoped = self.get_queryset(request).values("branch")
        return Hub.objects.filter(pk__in=scoped).order_by("order", "name")
