"""Hub staff see and choose only their own hubs' records; superusers and street staff see all."""

from django import forms
from django.contrib import admin

from apps.core.forms import ImageUploadField
from apps.core.images import image_create

from ..models import Hub, Report


class HubScopedAdmin(admin.ModelAdmin):
    def get_queryset(self, request):
        return super().get_queryset(request).for_hubs_of(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Hub:
            kwargs["queryset"] = Hub.objects.staffed_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.related_model is Report:
            kwargs["queryset"] = Report.objects.for_hubs_of(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class PhotoUploadForm(forms.ModelForm):
    """An inline row that takes either an existing image or a new upload (run through the image pipeline)."""

    upload = ImageUploadField(label="上传新照片", required=False, help_text="JPEG、PNG 或 WebP，自动去除拍摄位置信息。")
    alt = forms.CharField(label="图片说明（替代文字）", max_length=200, required=False)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("image") and not cleaned.get("upload") and "upload" not in self.errors:
            raise forms.ValidationError("请上传照片或选择已有图片。", code="image_required")
        if cleaned.get("upload") and not (cleaned.get("alt") or "").strip():
            self.add_error("alt", "请填写图片说明（描述照片内容）。")
        return cleaned


class PhotoUploadInlineMixin:
    form = PhotoUploadForm
    autocomplete_fields = ("image",)
    extra = 1

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.base_fields["image"].required = False
        return formset


def photo_uploads_store(request, formset) -> None:
    """Store each row's new upload as a core.Image before the rows are saved."""
    for form in formset.forms:
        upload = getattr(form, "cleaned_data", {}).get("upload")
        if upload and not form.cleaned_data.get("DELETE"):
            form.instance.image = image_create(upload=upload, alt=form.cleaned_data["alt"], uploaded_by=request.user)
