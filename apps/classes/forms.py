from django import forms
from django.utils import timezone

from apps.hubs.models import Hub
from apps.hubs.selectors import hub_choices

from .models import Course, MemberProfile


class MenuFilterForm(forms.Form):
    """The class menu's filters; bad values are ignored with a message rather than an error page."""

    format = forms.ChoiceField(label="形式", required=False, choices=[("", "全部形式"), *Course.Format.choices])
    audience = forms.ChoiceField(
        label="适合", required=False, choices=[("", "全部党员"), *MemberProfile.Category.choices]
    )
    mode = forms.ChoiceField(label="方式", required=False, choices=[("", "线上线下"), *Course.Mode.choices])
    hub = forms.ChoiceField(label="地点", required=False)
    start = forms.DateField(label="从", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="到", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hub"].choices = [("", "所有社区"), *hub_choices()]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            self.add_error("end", "结束日期不能早于开始日期。")
        return cleaned


class MemberApplyForm(forms.Form):
    branch = forms.ModelChoiceField(
        label="所在党支部",
        queryset=Hub.objects.public(),
        empty_label="请选择",
        help_text="组织关系所在的社区党组织或小区党支部。",
    )
    category = forms.ChoiceField(label="党员类别", choices=MemberProfile.Category.choices)
    year_joined = forms.IntegerField(label="入党年份", min_value=1921)

    def clean_year_joined(self):
        year = self.cleaned_data["year_joined"]
        if year > timezone.localdate().year:
            raise forms.ValidationError("入党年份不能晚于今年。", code="future")
        return year


class CheckinCodeForm(forms.Form):
    code = forms.CharField(label="签到码", max_length=8, widget=forms.TextInput(attrs={"inputmode": "numeric"}))
