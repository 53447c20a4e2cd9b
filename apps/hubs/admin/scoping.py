"""Pieces the hubs admins share: hub scope (one mechanism, in core) and photo uploads in inlines."""

from django import forms

from apps.core.forms import ImageUploadField
from apps.core.images import image_create
from apps.core.scope import HubScopedAdmin

__all__ = ["HubScopedAdmin", "PhotoUploadInlineMixin", "photo_uploads_store"]


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
