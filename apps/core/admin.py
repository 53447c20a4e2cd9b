from django import forms
from django.contrib import admin
from django.core.files.storage import default_storage
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html

from .audit import admin as audit_admin  # noqa: F401 - registers the audit trail's admin
from .audit.admin import RecordsOnlyAdmin
from .booking.admin import OccurrenceAdminMixin, RegistrationInline
from .booking.kinds import KINDS, kinds_at_hubs, occurrence_kind_label
from .forms import ImageUploadField
from .images import image_store
from .models import FailedMessage, Image, Occurrence, SiteSettings
from .scope import HubScopedAdmin


class SingletonSettingsAdmin(admin.ModelAdmin):
    """The admin of a one-row settings table (core.models.SingletonSettings): no add, no delete, and the
    list opens the row's form."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # The row is made here, with its defaults, the first time staff open it (reading never makes it).
        settings, _ = self.model.objects.get_or_create(pk=1)
        opts = self.model._meta
        return redirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[settings.pk]))


@admin.register(SiteSettings)
class SiteSettingsAdmin(SingletonSettingsAdmin):
    fieldsets = (
        ("品牌", {"fields": ("brand_name", "tagline", "subdistrict", "district", "logo")}),
        ("颜色", {"fields": ("primary_colour", "accent_colour")}),
        ("联系方式与备案", {"fields": ("address", "phone", "email", "office_hours", "icp_number")}),
    )
    autocomplete_fields = ("logo",)


class ImageAdminForm(forms.ModelForm):
    upload = ImageUploadField(
        label="图片文件",
        required=False,
        help_text="JPEG、PNG 或 WebP，不超过 10 MB。上传后自动去除拍摄位置等隐藏信息。",
    )

    class Meta:
        model = Image
        fields = ("alt", "caption")

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk and not cleaned.get("upload") and "upload" not in self.errors:
            self.add_error("upload", "请选择要上传的图片。")
        return cleaned


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageAdminForm
    list_display = ("thumbnail", "alt", "width", "height", "created_at")
    search_fields = ("alt", "caption")
    readonly_fields = ("preview", "width", "height", "uploaded_by", "created_at")
    fields = ("upload", "alt", "caption", "preview", "width", "height", "uploaded_by", "created_at")

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        # A view-only page has no form, so the upload field would show as an empty "Upload: None".
        return fields if self.has_change_permission(request, obj) else [f for f in fields if f != "upload"]

    @admin.display(description="缩略图")
    def thumbnail(self, obj):
        if not obj.renditions:
            return "—"
        small = obj.renditions[0]
        return format_html('<img src="{}" alt="" width="80" loading="lazy">', default_storage.url(small["name"]))

    @admin.display(description="预览")
    def preview(self, obj):
        if not obj.pk:
            return "—"
        return format_html('<img src="{}" alt="{}" width="320">', obj.file.url, obj.alt)

    def save_model(self, request, obj, form, change):
        upload = form.cleaned_data.get("upload")
        if upload:
            if not change:
                obj.uploaded_by = request.user
            image_store(obj, upload)
        else:
            obj.save()


class OccurrenceKindFilter(admin.SimpleListFilter):
    """Filter by kind under the kinds' Chinese labels (the column holds keys such as "classes.session")."""

    title = "类型"
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [(kind.key, kind.label) for kind in KINDS.values()]

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


@admin.register(Occurrence)
class OccurrenceAdmin(OccurrenceAdminMixin, HubScopedAdmin):
    """Every occurrence of every pillar in one list; each pillar's own admin edits its details."""

    list_display = ("title", "kind_label", "starts_at", "place", "capacity", "audience", "is_public", "is_cancelled")
    list_filter = (OccurrenceKindFilter, "audience", "is_public", "is_cancelled")
    search_fields = ("title", "place")
    date_hierarchy = "starts_at"
    readonly_fields = ("kind_label", "sequence")
    exclude = ("kind",)  # set by each pillar's model, shown by its label
    inlines = [RegistrationInline]

    def hub_condition(self, hubs):
        return kinds_at_hubs(hubs.values("slug"))  # each kind says where its occurrences are held

    @admin.display(description="类型", ordering="kind")
    def kind_label(self, obj):
        return occurrence_kind_label(obj)


@admin.register(FailedMessage)
class FailedMessageAdmin(RecordsOnlyAdmin):
    """Mail and SMS that could not be sent: who (masked), when, after how many attempts, and why."""

    list_display = ("kind_display", "recipient_display", "attempts_display", "finished_at", "reason_display")
    list_filter = ("finished_at",)
    ordering = ("-finished_at",)
    fields = ("kind_display", "recipient_display", "attempts_display", "enqueued_at", "finished_at", "traceback")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).failed()

    @admin.display(description="类型")
    def kind_display(self, obj):
        return obj.kind

    @admin.display(description="收件人")
    def recipient_display(self, obj):
        return obj.recipient

    @admin.display(description="尝试次数")
    def attempts_display(self, obj):
        return obj.attempts

    @admin.display(description="原因")
    def reason_display(self, obj):
        return obj.reason
