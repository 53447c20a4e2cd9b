from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html_join

from apps.core.booking.admin import OccurrenceAdminMixin, RegistrationInline
from apps.core.pagecache import pagecache_invalidate
from apps.core.scope import HubScopedAdmin

from .forms import BookImportForm
from .models import Book, ChildAttendee, CultureEvent, DriftBook, DriftLog, Library
from .services.library import books_import


@admin.register(CultureEvent)
class CultureEventAdmin(OccurrenceAdminMixin, HubScopedAdmin):
    hub_field = "venue_hub"
    list_display = ("title", "category", "starts_at", "place", "audience", "capacity", "is_cancelled")
    list_filter = ("category", "audience", "is_cancelled", "venue_hub")
    search_fields = ("title", "summary", "place")
    date_hierarchy = "starts_at"
    autocomplete_fields = ("poster",)
    inlines = [RegistrationInline]
    readonly_fields = ("children",)
    fieldsets = (
        (None, {"fields": ("category", "title", "summary", "body", "poster", "starts_at", "ends_at", "audience",
                           "is_public")}),
        ("地点", {"fields": ("venue_hub", "library", "place", ("latitude", "longitude"))}),
        ("报名", {"fields": ("capacity", "registration_opens_at", "registration_closes_at", "cancel_before"),
                "description": "名额留空表示无需报名。面向“亲子家庭”时，监护人报名须填写孩子的姓名和年龄。"}),
        ("报名的孩子（仅工作人员可见）", {"fields": ("children",)}),
        ("取消", {"fields": ("is_cancelled", "cancel_reason")}),
    )  # fmt: skip

    @admin.display(description="孩子名单")
    def children(self, obj):
        if not obj or not obj.pk:
            return "—"
        rows = (
            ChildAttendee.objects.filter(registration__occurrence=obj)
            .exclude(registration__status="cancelled")
            .select_related("registration__user")
            .order_by("registration__status", "registration__created_at")
        )
        lines = (
            (c.child_name, c.child_age, c.registration.user.masked_phone, c.registration.get_status_display())
            for c in rows
        )
        return format_html_join("", "<div>{}（{} 岁）· 监护人 {} · {}</div>", lines) or "—"


@admin.register(Library)
class LibraryAdmin(HubScopedAdmin):
    list_display = ("name", "hub", "opening_hours", "is_published")
    autocomplete_fields = ("photo",)


@admin.register(Book)
class BookAdmin(admin.ModelAdmin):
    list_display = ("title", "author", "isbn", "category", "copies", "available")
    list_filter = ("category",)
    search_fields = ("title", "author", "isbn")
    change_list_template = "admin/culture/book_change_list.html"

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name="culture_book_import"), *super().get_urls()]

    def import_view(self, request):
        """CSV import: every bad row is reported with its line number; nothing is imported unless all are good."""
        if not self.has_add_permission(request):
            return redirect("admin:culture_book_changelist")
        form = BookImportForm(request.POST or None, request.FILES or None)
        errors = []
        if request.method == "POST" and form.is_valid():
            try:
                count = books_import(upload=form.cleaned_data["file"])
            except ValidationError as error:
                errors = error.messages
            else:
                messages.success(request, f"已导入 {count} 种图书。")
                return redirect("admin:culture_book_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "导入图书（CSV）",
            "form": form,
            "errors": errors,
        }
        return TemplateResponse(request, "admin/culture/book_import.html", context, status=400 if errors else 200)


class DriftLogInline(admin.TabularInline):
    model = DriftLog
    extra = 0
    fields = ("logged_at", "hub", "note", "logged_by", "is_hidden")
    readonly_fields = ("logged_at", "hub", "note", "logged_by")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(DriftBook)
class DriftBookAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "released_hub", "released_at", "is_active")
    list_filter = ("is_active",)
    search_fields = ("code", "title")
    autocomplete_fields = ("book",)
    inlines = [DriftLogInline]


@admin.register(DriftLog)
class DriftLogAdmin(admin.ModelAdmin):
    list_display = ("drift_book", "hub", "note", "logged_at", "is_hidden")
    list_filter = ("is_hidden", "hub")
    search_fields = ("drift_book__code", "note")
    readonly_fields = ("drift_book", "hub", "note", "logged_at", "logged_by")
    actions = ["hide"]

    @admin.action(description="隐藏所选留言（不删除）")
    def hide(self, request, queryset):
        queryset.update(is_hidden=True)
        pagecache_invalidate()  # update() sends no post_save
        messages.success(request, "已隐藏。")

    def has_add_permission(self, request):
        return False
