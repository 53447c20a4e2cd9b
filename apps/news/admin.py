from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.urls import reverse
from django.utils.html import format_html

from apps.core.history import ReadableHistoryAdmin
from apps.core.search.index import search_index_update

from .forms import ArticleAdminForm
from .models import Article, Tag
from .services import article_action_run, article_save, can_edit, can_publish


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ("name",)


@admin.register(Article)
class ArticleAdmin(ReadableHistoryAdmin):
    form = ArticleAdminForm
    change_form_template = "admin/news/article/change_form.html"
    list_display = ("title", "pillar", "status_badge", "published_at", "pinned", "updated_at")
    list_filter = ("status", "pillar", "pinned", "tags")
    search_fields = ("title", "summary")
    date_hierarchy = "published_at"
    autocomplete_fields = ("cover", "tags")
    readonly_fields = ("status_badge", "published_at", "preview_link", "created_by", "created_at", "updated_at")
    history_list_display = ("status", "published_at")
    actions = None  # every change of status goes through the workflow buttons, one article at a time

    def history_view(self, request, object_id, extra_context=None):
        # simple_history filters on the raw id: a malformed one (/abc/history/) was a 500, not "not found".
        if self.get_object(request, unquote(object_id)) is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().history_view(request, object_id, extra_context)

    def get_fieldsets(self, request, obj=None):
        publishing = ["status_badge", "published_at", "preview_link"]
        if can_publish(request.user):
            publishing.append("publish_at")
        return (
            (None, {"fields": ("title", "pillar", "tags", "summary", "body")}),
            # A view-only page has no form: the upload fields would show as empty English names.
            (
                "封面",
                {
                    "fields": ("cover", "cover_upload", "cover_alt")
                    if self.has_change_permission(request, obj)
                    else ("cover",)
                },
            ),
            ("署名", {"fields": ("byline", "source", "authors", "editor_name")}),
            ("发布", {"fields": (*publishing, "pinned")}),
            ("记录", {"fields": ("created_by", "created_at", "updated_at"), "classes": ("collapse",)}),
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = super().get_form(request, obj, change, **kwargs)
        action = request.POST.get("_workflow", "save") if request.method == "POST" else "save"
        return type("ArticleAdminRequestForm", (base,), {"user": request.user, "action": action})

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        return False  # hidden, not deleted: archive instead

    @admin.display(description="状态")
    def status_badge(self, obj):
        return obj.status_label if obj.pk else "草稿"

    @admin.display(description="预览")
    def preview_link(self, obj):
        if not obj.pk:
            return "保存后可预览"
        url = reverse("news:detail", args=[obj.pk])
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, "在网站上预览（新窗口）")

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        article_save(
            article=obj, user=request.user, cover_upload=data.get("cover_upload"), cover_alt=data.get("cover_alt", "")
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        message = article_action_run(
            article=article, user=request.user, action=form.action, at=form.cleaned_data.get("publish_at")
        )
        search_index_update(article)  # again, now that its tags are saved
        if form.action != "save":
            messages.success(request, message)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        article = obj or Article()
        context["workflow_buttons"] = self.workflow_buttons(request, article)
        return super().render_change_form(request, context, add, change, form_url, obj)

    @staticmethod
    def workflow_buttons(request, article: Article) -> list[tuple[str, str]]:
        """(action, label) of the buttons this user may press for this article in its current state."""
        buttons = []
        if article.status == Article.Status.DRAFT:
            buttons.append(("submit", "提交审核"))
        if can_publish(request.user):
            if not article.is_public:
                buttons += [("publish", "立即发布"), ("schedule", "定时发布")]
            if article.status == Article.Status.REVIEW or article.is_scheduled:
                buttons.append(("return", "退回修改"))
            if article.status == Article.Status.PUBLISHED:
                buttons.append(("archive", "归档"))
        return buttons
