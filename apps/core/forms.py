from django import forms
from django.forms.renderers import TemplatesSetting

from .images import CleanImage, image_clean


class ImageUploadField(forms.FileField):
    """A file field that runs the upload through the image pipeline and returns a CleanImage."""

    default_error_messages = {"required": "请选择要上传的图片。", "empty": "上传的文件是空的。"}

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None) -> CleanImage | None:
        upload = super().clean(data, initial)
        if upload is None or upload is False or upload is initial:
            return None
        return image_clean(upload)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageUploadField(ImageUploadField):
    """Several pictures in one input; each goes through the pipeline. `max_count` bounds how many."""

    def __init__(self, *, max_count: int, **kwargs):
        self.max_count = max_count
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None) -> list[CleanImage]:
        uploads = [u for u in (data or []) if u]
        if not uploads:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return []
        if len(uploads) > self.max_count:
            raise forms.ValidationError(
                "最多上传 %(max)d 张图片，您选择了 %(count)d 张。",
                code="too_many",
                params={"max": self.max_count, "count": len(uploads)},
            )
        return [ImageUploadField.clean(self, upload) for upload in uploads]


class FormRenderer(TemplatesSetting):
    """Every public form renders with the portal's field markup (label, input, help, errors)."""

    form_template_name = "includes/form.html"
    field_template_name = "includes/field.html"
