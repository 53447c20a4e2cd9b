from django.contrib import admin

from ..models import Category, Hub, HubPhoto, Service
from ..models.hubs import works_on_all_hubs
from .scoping import HubScopedAdmin, PhotoUploadInlineMixin, photo_uploads_store


class ServiceInline(admin.StackedInline):
    model = Service
    extra = 0
    fields = ("name", "summary", "audience", "how_to_ask", "schedule", "is_published", "order")


class HubPhotoInline(PhotoUploadInlineMixin, admin.TabularInline):
    model = HubPhoto
    fields = ("image", "upload", "alt", "order")


@admin.register(Hub)
class HubAdmin(HubScopedAdmin):
    hub_field = "pk"  # a hub is its own scope
    list_display = ("name", "kind", "parent", "phone", "is_published", "order")
    list_filter = ("kind", "is_published")
    list_editable = ("order",)
    search_fields = ("name", "summary")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("staff",)
    inlines = (ServiceInline, HubPhotoInline)
    fieldsets = (
        (None, {"fields": ("name", "slug", "kind", "parent", "summary", "is_published", "order")}),
        ("联系方式", {"fields": ("address", ("latitude", "longitude"), "phone", "opening_hours")}),
        ("辖区", {"fields": ("areas",)}),
        ("工作人员", {"fields": ("staff",)}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("parent")

    def has_add_permission(self, request):
        return works_on_all_hubs(request.user) and super().has_add_permission(request)

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields if works_on_all_hubs(request.user) else {}  # slug is read-only for them

    def get_readonly_fields(self, request, obj=None):
        # Hub staff edit their hub's page and services but not who works on it.
        if works_on_all_hubs(request.user):
            return ()
        return ("staff", "parent", "slug")

    def save_formset(self, request, form, formset, change):
        if formset.model is HubPhoto:
            photo_uploads_store(request, formset)
        super().save_formset(request, form, formset, change)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "order", "is_active")
    list_editable = ("order", "is_active")

    def has_delete_permission(self, request, obj=None):
        return False  # reports keep their category; deactivate instead
