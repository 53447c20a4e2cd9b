from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from apps.core.phones import mask_phone

from .. import services
from ..forms import StatusChangeForm
from ..lifecycle import STAFF, Status, allowed_moves
from ..models import Report, ReportEvent, ReportPhoto
from .scoping import HubScopedAdmin


class ReportEventInline(admin.TabularInline):
    """The history, read-only: rows are only ever appended by the services."""

    model = ReportEvent
    fields = (
        "created_at",
        "kind",
        "from_status",
        "to_status",
        "actor_label",
        "actor",
        "public_message",
        "internal_remark",
    )
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReportPhotoForm(forms.ModelForm):
    class Meta:
        model = ReportPhoto
        fields = ("is_hidden", "hidden_reason")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_hidden") and not self.instance.is_hidden:
            try:  # the service's rule, shown before anything is saved
                services.hide_reason_clean(cleaned.get("hidden_reason", ""), what="隐藏照片")
            except ValidationError as error:
                self.add_error("hidden_reason", error)
        return cleaned


class ReportPhotoInline(admin.TabularInline):
    model = ReportPhoto
    form = ReportPhotoForm
    fields = ("thumbnail", "is_hidden", "hidden_reason")
    readonly_fields = ("thumbnail",)
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="照片")
    def thumbnail(self, photo):
        small = (photo.image.renditions or [{"name": photo.image.file.name}])[0]
        return format_html('<img src="{}" alt="{}" width="160">', default_storage.url(small["name"]), photo.image.alt)


class ReportAdminForm(forms.ModelForm):
    hide = forms.BooleanField(label="隐藏（不在网站公开）", required=False)
    hide_reason = forms.CharField(label="隐藏原因", max_length=200, required=False, help_text="仅工作人员可见。")

    class Meta:
        model = Report
        fields = ("category", "hub")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hide"].initial = self.instance.is_hidden
        self.fields["hide_reason"].initial = self.instance.hidden_reason

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("hide") and not self.instance.is_hidden:
            try:  # the service's rule, shown before anything is saved
                services.hide_reason_clean(cleaned.get("hide_reason", ""))
            except ValidationError as error:
                self.add_error("hide_reason", error)
        return cleaned


@admin.register(Report)
class ReportAdmin(HubScopedAdmin):
    form = ReportAdminForm
    list_display = ("reference", "title", "hub", "category", "status", "reporter_phone", "submitted_at", "is_hidden")
    list_filter = ("status", ("hub", admin.RelatedOnlyFieldListFilter), "category", "is_hidden")
    list_select_related = ("hub", "category", "reporter")
    search_fields = ("reference", "title", "place")
    date_hierarchy = "submitted_at"
    actions = ("status_change",)
    inlines = (ReportPhotoInline, ReportEventInline)
    readonly_fields = (
        "reference", "status", "title", "description", "place", "reporter_contact", "show_name",
        "submitted_at", "status_changed_at", "published_at", "duplicate_of", "referred_to",
    )  # fmt: skip
    fieldsets = (
        (None, {"fields": ("reference", "status", "title", "description", "place", "category", "hub")}),
        ("反映人", {"fields": ("reporter_contact", "show_name")}),
        ("处理", {"fields": ("submitted_at", "status_changed_at", "published_at", "duplicate_of", "referred_to")}),
        ("审核", {"fields": ("hide", "hide_reason")}),
    )

    def has_add_permission(self, request):
        return False  # reports come from residents

    def has_delete_permission(self, request, obj=None):
        return False  # moderation hides, never deletes

    @admin.display(description="反映人手机号")
    def reporter_phone(self, report):
        return mask_phone(report.reporter.phone) if report.reporter and report.reporter.phone else "—"

    @admin.display(description="反映人")
    def reporter_contact(self, report):
        if not report.reporter:
            return "（账号已注销）"
        url = reverse("admin:hubs_report_contact", args=[report.pk])
        return format_html(
            '{} · {} <a href="{}">查看完整手机号（会记录在处理记录中）</a>',
            report.reporter.display_name or "居民",
            self.reporter_phone(report),
            url,
        )

    def save_model(self, request, obj, form, change):
        obj.save(update_fields=["category", "hub"])
        hide = form.cleaned_data.get("hide")
        if hide and not obj.is_hidden:
            services.report_hide(report=obj, actor=request.user, reason=form.cleaned_data["hide_reason"])
        elif not hide and obj.is_hidden:
            services.report_unhide(report=obj, actor=request.user, reason=form.cleaned_data.get("hide_reason", ""))

    def save_formset(self, request, form, formset, change):
        """Photos are moderated through the services (which write the history); history rows are never saved."""
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        if formset.model is not ReportPhoto:
            return
        for photo_form in formset.forms:
            if not photo_form.has_changed():
                continue
            photo = photo_form.instance
            if photo.is_hidden and not photo_form.initial.get("is_hidden"):
                services.report_photo_hide(photo=photo, actor=request.user, reason=photo.hidden_reason)
            elif not photo.is_hidden and photo_form.initial.get("is_hidden"):
                services.report_photo_show(photo=photo, actor=request.user)
            else:
                continue
            formset.changed_objects.append((photo, ["is_hidden"]))

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/status/", view(self.status_view), name="hubs_report_status"),
            path("<int:pk>/contact/", view(self.contact_view), name="hubs_report_contact"),
            *super().get_urls(),
        ]

    def _object_or_404(self, request, pk) -> Report:
        report = self.get_object(request, str(pk))
        if report is None:
            raise Http404("没有找到这条反映，或它不属于您负责的社区。")
        if not self.has_change_permission(request, report):
            raise PermissionDenied
        return report

    @admin.action(description="更改状态（填写公开说明）", permissions=["change"])
    def status_change(self, request, queryset):
        return self._status_form(request, list(queryset.select_related("hub", "reporter")), action=True)

    def status_view(self, request, pk):
        return self._status_form(request, [self._object_or_404(request, pk)], action=False)

    def _status_form(self, request, reports: list[Report], *, action: bool):
        targets = {to for r in reports for to in allowed_moves(r.status, by=STAFF)}
        form = StatusChangeForm(request.POST if "apply" in request.POST else None)
        form.fields["to_status"].choices = [(s.value, s.label) for s in Status if s in targets]
        if form.is_valid():
            data = form.cleaned_data
            duplicate_of = None
            if data["to_status"] == Status.DUPLICATE:
                reference = data["duplicate_of"].strip().upper()
                duplicate_of = Report.objects.for_hubs_of(request.user).filter(reference=reference).first()
            for report in reports:
                try:
                    services.report_transition(
                        report=report,
                        to_status=data["to_status"],
                        actor=request.user,
                        public_message=data["public_message"],
                        internal_remark=data["internal_remark"],
                        duplicate_of=duplicate_of,
                        referred_to=data["referred_to"],
                    )
                except ValidationError as error:
                    self.message_user(request, f"{report.reference}：{'；'.join(error.messages)}", messages.ERROR)
                else:
                    self.message_user(request, f"{report.reference} 已改为“{Status(report.status).label}”。")
            if action:
                return None
            return HttpResponseRedirect(reverse("admin:hubs_report_change", args=[reports[0].pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": "更改反映状态",
            "opts": self.model._meta,
            "reports": reports,
            "form": form,
            "is_action": action,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "no_moves": not targets,
        }
        return TemplateResponse(request, "admin/hubs/report/status_change.html", context)

    def contact_view(self, request, pk):
        """Show the reporter's full phone number only on an explicit POST, which is written to the audit trail."""
        report = self._object_or_404(request, pk)
        phone = None
        if request.method == "POST":
            phone = services.report_phone_reveal(report=report, actor=request.user)
        context = {
            **self.admin_site.each_context(request),
            "title": f"{report.reference} 反映人联系方式",
            "opts": self.model._meta,
            "report": report,
            "original": report,
            "masked": self.reporter_phone(report),
            "phone": phone,
        }
        return TemplateResponse(request, "admin/hubs/report/contact.html", context)
