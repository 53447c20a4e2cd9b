from django import forms

from apps.core.privacy import PUBLIC_TEXT_NOTICE
from apps.hubs.models import Hub

from .models import Book, CultureEvent
from .models.events import CHILD_AGE_MAX, CHILD_AGE_MIN, CHILD_NAME_MAX
from .services.library import MAX_BYTES


class ChildRegistrationForm(forms.Form):
    """What a guardian types; child_registration_create checks it (one set of rules and messages)."""

    child_name = forms.CharField(
        label="孩子的姓名", required=False, help_text="可以只写小名，仅工作人员现场点名时可见，不会公开。",
        widget=forms.TextInput(attrs={"maxlength": CHILD_NAME_MAX, "required": True}),
    )  # fmt: skip
    child_age = forms.CharField(
        label="孩子的年龄（周岁）", required=False, help_text=f"{CHILD_AGE_MIN}–{CHILD_AGE_MAX} 岁，只填数字。",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 3, "required": True}),
    )  # fmt: skip
    guardian_consent = forms.BooleanField(
        label="我是孩子的监护人，同意为组织本次活动保存孩子的姓名和年龄（仅您和工作人员可见，不会公开）",
        required=False,
    )


class DriftLogForm(forms.Form):
    code = forms.CharField(
        label="漂流编号", max_length=12, help_text="贴在书上标签的编号，例如 PL-0001。",
        error_messages={"required": "请填写书上漂流标签的编号，例如 PL-0001。"},
    )  # fmt: skip
    hub = forms.ModelChoiceField(
        label="这本书现在在哪个社区", queryset=Hub.objects.public(), empty_label="请选择社区或村",
        help_text="只选社区，不写家庭住址。", error_messages={"required": "请选择这本书现在所在的社区。"},
    )  # fmt: skip
    note = forms.CharField(
        label="留句话（选填）", max_length=140, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="读后感或给下一位读者的话，最多 140 字，会公开显示；请不要写姓名和住址。" + PUBLIC_TEXT_NOTICE,
    )  # fmt: skip


class CatalogueSearchForm(forms.Form):
    q = forms.CharField(label="书名、作者或 ISBN", max_length=60, required=False)
    category = forms.ChoiceField(label="分类", choices=[("", "全部分类"), *Book.Category.choices], required=False)


class EventFilterForm(forms.Form):
    category = forms.ChoiceField(
        label="类别", choices=[("", "全部类别"), *CultureEvent.Category.choices], required=False
    )


class BookImportForm(forms.Form):
    file = forms.FileField(
        label="CSV 文件", help_text=f"表头：书名,作者,ISBN,分类,册数。不超过 {MAX_BYTES // 1024 // 1024} MB。"
    )
