from django.contrib import admin, messages

from .. import services
from ..models import Consultation, Milestone, Participant, Project, ProjectPhoto
from .scoping import HubScopedAdmin, PhotoUploadInlineMixin, photo_uploads_store


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 1
    fields = ("role", "organisation", "name", "name_consent")


@admin.register(Consultation)
class ConsultationAdmin(HubScopedAdmin):
    list_display = ("topic", "hub", "held_at", "is_published")
    list_filter = ("is_published", ("hub", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("hub",)
    search_fields = ("topic",)
    date_hierarchy = "held_at"
    autocomplete_fields = ("reports",)
    readonly_fields = ("published_at",)
    inlines = (ParticipantInline,)
    fieldsets = (
        (None, {"fields": ("hub", "topic", "held_at", "venue", "reports")}),
        ("居民旁听", {"fields": ("open_to_residents", "duration_minutes", "seats")}),
        ("结果", {"fields": ("minutes", "decision", "is_published", "published_at")}),
    )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        skipped = services.consultation_sync(consultation=form.instance, actor=request.user)
        if skipped:
            text = "、".join(filter(None, skipped))
            self.message_user(request, f"以下反映的当前状态不能转入共商或议定，未改动：{text}", messages.WARNING)


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 1


class ProjectPhotoInline(PhotoUploadInlineMixin, admin.TabularInline):
    model = ProjectPhoto
    fields = ("stage", "image", "upload", "alt", "is_hidden", "order")


@admin.register(Project)
class ProjectAdmin(HubScopedAdmin):
    list_display = ("title", "hub", "kind", "status", "progress", "updated_at", "is_published")
    list_filter = ("status", "kind", ("hub", admin.RelatedOnlyFieldListFilter), "is_published")
    list_select_related = ("hub",)
    search_fields = ("title",)
    autocomplete_fields = ("reports", "consultation")
    inlines = (MilestoneInline, ProjectPhotoInline)
    fields = (
        "hub",
        "title",
        "kind",
        "status",
        "progress",
        "summary",
        "budget",
        "consultation",
        "reports",
        "is_published",
    )

    def save_formset(self, request, form, formset, change):
        if formset.model is ProjectPhoto:
            photo_uploads_store(request, formset)
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        skipped = services.project_sync(project=form.instance, actor=request.user)
        if skipped:
            text = "、".join(filter(None, skipped))
            self.message_user(request, f"以下反映的当前状态不能随工程推进，未改动：{text}", messages.WARNING)
