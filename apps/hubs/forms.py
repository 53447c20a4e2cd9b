import re

from django import forms

from apps.core.forms import MultipleImageUploadField
from apps.core.privacy import PUBLIC_TEXT_NOTICE

from .lifecycle import Status
from .models import Category, Hub, Project

# Door numbers and room numbers are a home address: the public place must be a street corner.
HOME_ADDRESS = re.compile(r"\d+\s*(室|户)|\d+\s*-\s*\d+\s*-\s*\d+|\d+\s*单元\s*\d+")


class ReportForm(forms.Form):
    title = forms.CharField(
        label="标题",
        max_length=60,
        help_text="一句话说清是什么问题，例如：远大路口路灯不亮。",
        error_messages={
            "required": "请填写标题。",
            "max_length": "标题最多 %(limit_value)d 个字（现在 %(show_value)d 个）。",
        },
    )
    description = forms.CharField(
        label="问题描述",
        min_length=10,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="写清问题的情况和持续多久，最多 2000 字。请不要写门牌号等住址；" + PUBLIC_TEXT_NOTICE,
        error_messages={
            "required": "请填写问题描述。",
            "min_length": "问题描述至少 %(limit_value)d 个字，请再写具体一些。",
            "max_length": "问题描述最多 %(limit_value)d 个字，您写了 %(show_value)d 个字，请精简后再提交。",
        },
    )
    category = forms.ModelChoiceField(
        label="类别",
        queryset=Category.objects.filter(is_active=True),
        empty_label="请选择",
        error_messages={"required": "请选择类别。", "invalid_choice": "请选择列表中的类别。"},
    )
    place = forms.CharField(
        label="问题地点",
        max_length=120,
        help_text="会公开显示。请写路口、楼栋附近等公共位置，例如：远大路与长星路交汇处东北角；不要写门牌号。",
        error_messages={"required": "请填写问题地点。", "max_length": "地点最多 %(limit_value)d 个字。"},
    )
    hub = forms.ModelChoiceField(
        label="所在社区（可不选）",
        queryset=Hub.objects.public(),
        required=False,
        empty_label="不清楚，按地点转给对应社区",
        help_text="不清楚属于哪个社区可以不选，我们按您填写的地点转给对应的社区。",
        error_messages={"invalid_choice": "请选择列表中的社区。"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Communities, villages and compound Party branches in groups of their own, not one mixed list.
        groups: dict[str, list] = {}
        for hub in self.fields["hub"].queryset:
            groups.setdefault(hub.get_kind_display(), []).append((hub.pk, hub.name))
        self.fields["hub"].widget.choices = [("", self.fields["hub"].empty_label), *groups.items()]

    photos = MultipleImageUploadField(
        label="照片（可选）",
        max_count=6,
        required=False,
        help_text="最多 6 张，JPEG、PNG 或 WebP。上传后自动去除拍摄位置等隐藏信息。",
    )
    show_name = forms.BooleanField(label="公开显示我的昵称（不勾选则显示为“一位居民”）", required=False)

    def clean_place(self):
        place = self.cleaned_data["place"].strip()
        if HOME_ADDRESS.search(place):
            raise forms.ValidationError(
                "地点会公开显示，请不要填写门牌号、房号等住址，写附近的路口或公共场所即可。", code="home_address"
            )
        return place

    def clean_description(self):
        return self.cleaned_data["description"].strip()


class ReopenForm(forms.Form):
    message = forms.CharField(
        label="问题还存在哪些情况",
        max_length=1000,
        required=False,  # report_reopen says what is missing (code "reason_required")
        widget=forms.Textarea(attrs={"rows": 3, "required": True}),
        help_text="会公开显示在处理进展中；" + PUBLIC_TEXT_NOTICE,
    )


class ConfirmForm(forms.Form):
    message = forms.CharField(
        label="想说的话（可选）",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="会公开显示在处理进展中；" + PUBLIC_TEXT_NOTICE,
    )


STATUS_GROUPS = [("", "全部"), ("open", "处理中"), ("finished", "已完成"), ("closed", "已关闭")]


class ReportFilterForm(forms.Form):
    hub = forms.ModelChoiceField(label="社区", queryset=Hub.objects.public(), required=False, empty_label="全部社区")
    category = forms.ModelChoiceField(
        label="类别", queryset=Category.objects.all(), required=False, empty_label="全部类别"
    )
    state = forms.ChoiceField(label="进展", choices=STATUS_GROUPS, required=False)


class ProjectFilterForm(forms.Form):
    hub = forms.ModelChoiceField(label="社区", queryset=Hub.objects.public(), required=False, empty_label="全部社区")
    kind = forms.ChoiceField(label="类型", choices=[("", "全部类型"), *Project.Kind.choices], required=False)
    status = forms.ChoiceField(label="状态", choices=[("", "全部状态"), *Project.Status.choices], required=False)


class StatusChangeForm(forms.Form):
    """The admin's status-change step: which move, and the public message residents will read."""

    to_status = forms.ChoiceField(label="改为", choices=Status.choices)
    public_message = forms.CharField(
        label="公开说明",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="居民和反映人会看到这段话（关闭反映时必须写明理由）。不要写个人姓名。",
    )
    internal_remark = forms.CharField(
        label="内部备注", max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 60})
    )
    duplicate_of = forms.CharField(
        label="保留的反映编号", required=False, help_text="改为“重复反映”时填写，如 HL-2026-000001。"
    )
    referred_to = forms.CharField(label="转交单位", required=False, max_length=80, help_text="改为“已转交”时填写。")
