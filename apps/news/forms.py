from django import forms
from django.core.exceptions import PermissionDenied, ValidationError

from apps.core.forms import ImageUploadField

from .models import Article
from .services import article_action_check


class ArticleAdminForm(forms.ModelForm):
    """The admin's article form. `user` and `action` (the workflow button pressed) are set by the admin."""

    cover_upload = ImageUploadField(
        label="上传新封面",
        required=False,
        help_text="JPEG、PNG 或 WebP，不超过 10 MB；会自动去除拍摄位置等隐藏信息。也可以在上面选择已有图片。",
    )
    cover_alt = forms.CharField(
        label="新封面的替代文字", max_length=200, required=False, help_text="上传新封面时必填：用一句话描述图片内容。"
    )
    publish_at = forms.DateTimeField(
        label="定时发布时间",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="仅在点击“定时发布”时使用；必须是将来的时间。",
    )

    user = None
    action = "save"

    class Meta:
        model = Article
        fields = ["title", "pillar", "tags", "summary", "body", "cover", "byline", "source", "authors", "editor_name"]
        fields += ["pinned"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("cover_upload") and not (cleaned.get("cover_alt") or "").strip():
            self.add_error(
                "cover_alt", ValidationError("请填写封面图片的替代文字（描述图片内容）。", code="alt_required")
            )
        try:
            article_action_check(
                article=self.instance, user=self.user, action=self.action, at=cleaned.get("publish_at")
            )
        except PermissionDenied as denied:
            raise ValidationError(str(denied), code="not_publisher") from None
        except ValidationError as error:
            if error.code in {"schedule_required", "past_schedule"}:
                self.add_error("publish_at", error)
            else:
                raise
        return cleaned
