"""The audit trail in the admin: read-only for everyone (superusers included), visible to superusers and
the 审计员 group; the filtered list can be downloaded as CSV, and that download is itself audited."""

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from ..exports import table_response
from .models import AuditEvent

EXPORT_HEADERS = ["时间", "账号标识", "IP 地址", "操作", "对象类型", "对象编号", "对象", "说明"]


class StaffAccountFilter(admin.SimpleListFilter):
    """By person: the staff accounts are offered; any account can be chosen by clicking its name in the list."""

    title = "人员"
    parameter_name = "user"

    def lookups(self, request, model_admin):
        staff = {}
        events = AuditEvent.objects.filter(user__is_staff=True).values_list("user_id", "user_label").distinct()
        for user_id, label in events:
            staff.setdefault(str(user_id), label)
        return sorted(staff.items(), key=lambda item: item[1])

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if not value.isdigit():
            raise IncorrectLookupParameters(value)
        return queryset.filter(user_id=int(value))


class RecordsOnlyAdmin(admin.ModelAdmin):
    """Rows the system writes and staff only read: nobody adds, changes or deletes them in the admin
    (the audit trail, messages that could not be sent)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(RecordsOnlyAdmin):
    change_list_template = "admin/core/auditevent_change_list.html"
    list_display = ("created_at", "person", "ip", "action", "object_repr", "detail")
    list_filter = (StaffAccountFilter, "action", "created_at")
    search_fields = ("user_label", "ip", "object_repr", "detail")
    date_hierarchy = "created_at"
    list_select_related = ("content_type",)
    list_per_page = 100
    actions = None

    @admin.display(description="账号", ordering="user_label")
    def person(self, event):
        if event.user_id is None:
            return event.user_label
        url = reverse("admin:core_auditevent_changelist") + f"?user={event.user_id}"
        return format_html('<a href="{}" title="只看此人的记录">{}</a>', url, event.user_label)

    def get_urls(self):
        view = self.admin_site.admin_view(self.export_view)
        return [path("export.csv", view, name="core_auditevent_export"), *super().get_urls()]

    def export_view(self, request):
        """The list as filtered and searched on screen, as CSV through the shared table writer."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            events = self.get_changelist_instance(request).get_queryset(request)
        except IncorrectLookupParameters:
            messages.error(request, "筛选条件无效，请重新选择后再导出。")
            return redirect("admin:core_auditevent_changelist")
        rows = [
            [
                f"{timezone.localtime(e.created_at):%Y-%m-%d %H:%M:%S}",
                e.user_label,
                e.ip or "",
                e.get_action_display(),
                e.content_type.name if e.content_type else "",
                e.object_id,
                e.object_repr,
                e.detail,
            ]
            for e in events.select_related("content_type")
        ]
        stamp = f"{timezone.localdate():%Y%m%d}"
        return table_response(headers=EXPORT_HEADERS, rows=rows, filename=f"audit-{stamp}", fmt="csv", request=request)
