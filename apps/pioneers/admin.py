from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.core.booking.admin import OccurrenceAdminMixin, RegistrationInline
from apps.core.exports import table_response
from apps.core.scope import HubScopedAdmin

from .models import Pioneer, Team, VolunteerActivity
from .selectors import HOURS_HEADERS, volunteer_hours_rows
from .services import (
    consent_note_clean,
    pioneer_consent_record,
    pioneer_consent_withdraw,
    pioneer_publish,
    pioneer_publish_check,
    pioneer_unpublish,
)


class PioneerAdminForm(forms.ModelForm):
    record_consent = forms.BooleanField(
        label="已取得本人同意公开", required=False, help_text="勾选即由您记录：本人同意公开姓名、照片和故事。"
    )
    consent_how = forms.CharField(
        label="同意方式", required=False, max_length=120, help_text="例如：本人签字同意书，存于新安社区。"
    )
    publish = forms.BooleanField(label="公开显示", required=False, help_text="须先记录本人同意。")

    class Meta:
        model = Pioneer
        fields = ["name", "theme", "hub", "party_years", "tagline", "photo", "story", "articles", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publish"].initial = self.instance.is_published

    def clean(self):
        """The services' rules, asked before anything is saved so their errors land on the fields."""
        cleaned = super().clean()
        try:
            if cleaned.get("record_consent"):
                consent_note_clean(cleaned.get("consent_how"))
        except ValidationError as error:
            self.add_error("consent_how", error)
        try:
            if cleaned.get("publish"):
                pioneer_publish_check(pioneer=self.instance, consent_recorded=bool(cleaned.get("record_consent")))
        except ValidationError as error:
            self.add_error("publish", error)
        return cleaned


@admin.register(Pioneer)
class PioneerAdmin(admin.ModelAdmin):
    form = PioneerAdminForm
    list_display = ("name", "theme", "hub", "is_published", "consent_recorded_at", "consent_recorded_by")
    list_filter = ("theme", "is_published", "hub")
    search_fields = ("name", "tagline")
    autocomplete_fields = ("photo", "articles")
    readonly_fields = ("consent_recorded_at", "consent_recorded_by", "consent_note", "published_at")
    fieldsets = (
        (None, {"fields": ("name", "theme", "hub", "party_years", "tagline", "photo", "story", "articles", "order")}),
        ("本人同意与公开", {"fields": ("record_consent", "consent_how", "publish", "consent_note",
                                 "consent_recorded_at", "consent_recorded_by", "published_at")}),
    )  # fmt: skip
    actions = ["publish_selected", "unpublish_selected", "withdraw_consent"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if form.cleaned_data.get("record_consent"):
            pioneer_consent_record(pioneer=obj, by=request.user, note=form.cleaned_data["consent_how"])
        if form.cleaned_data.get("publish") and not obj.is_published:
            pioneer_publish(pioneer=obj)
        elif not form.cleaned_data.get("publish") and obj.is_published:
            pioneer_unpublish(pioneer=obj)
        obj.refresh_from_db()

    @admin.action(description="公开所选先锋（须已记录本人同意）")
    def publish_selected(self, request, queryset):
        done = 0
        for pioneer in queryset:
            try:
                pioneer_publish(pioneer=pioneer)
                done += 1
            except ValidationError as error:
                messages.error(request, error.messages[0])
        if done:
            messages.success(request, f"已公开 {done} 位先锋。")

    @admin.action(description="取消公开所选先锋（立即从所有页面和搜索中隐藏）")
    def unpublish_selected(self, request, queryset):
        for pioneer in queryset:
            pioneer_unpublish(pioneer=pioneer)
        messages.success(request, f"已取消公开 {queryset.count()} 位先锋。")

    @admin.action(description="本人撤回同意（隐藏并清除同意记录）")
    def withdraw_consent(self, request, queryset):
        for pioneer in queryset:
            pioneer_consent_withdraw(pioneer=pioneer)
        messages.success(request, f"已撤回 {queryset.count()} 位先锋的同意并隐藏其页面。")


def hours_export(request, activity_ids, name: str):
    stamp = f"{timezone.localdate():%Y%m%d}"
    rows = volunteer_hours_rows(activity_ids)
    return table_response(
        headers=HOURS_HEADERS, rows=rows, filename=f"volunteer-hours-{name}-{stamp}", fmt="csv", request=request
    )


@admin.register(Team)
class TeamAdmin(HubScopedAdmin):
    list_display = ("name", "hub", "leader", "leader_name", "members_count", "is_published")
    list_filter = ("hub", "is_published")
    search_fields = ("name", "summary")
    autocomplete_fields = ("leader", "photo")
    actions = ["export_hours"]

    @admin.action(description="导出所选服务队的志愿服务时长（CSV，全国志愿服务信息系统格式）")
    def export_hours(self, request, queryset):
        # Only the activities this user may see (a hub worker: those held at their hubs).
        activities = self.admin_site.get_model_admin(VolunteerActivity).get_queryset(request)
        ids = activities.filter(team__in=queryset).values_list("pk", flat=True)
        return hours_export(request, list(ids), "teams")


@admin.register(VolunteerActivity)
class VolunteerActivityAdmin(OccurrenceAdminMixin, HubScopedAdmin):
    list_display = ("title", "team", "starts_at", "place", "capacity", "is_cancelled")
    list_filter = ("team", "is_cancelled", "hub")
    search_fields = ("title", "team__name", "place")
    date_hierarchy = "starts_at"
    autocomplete_fields = ("team",)
    inlines = [RegistrationInline]
    actions = ["export_hours"]
    fieldsets = (
        (None, {"fields": ("team", "title", "starts_at", "ends_at", "description", "is_public")}),
        ("地点", {"fields": ("hub", "place")}),
        ("报名", {"fields": ("capacity", "registration_opens_at", "registration_closes_at", "cancel_before")}),
        ("取消", {"fields": ("is_cancelled", "cancel_reason")}),
    )

    @admin.action(description="导出所选活动的志愿服务时长（CSV，全国志愿服务信息系统格式）")
    def export_hours(self, request, queryset):
        return hours_export(request, list(queryset.values_list("pk", flat=True)), "activities")
