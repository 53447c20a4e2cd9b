from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Permission

from apps.core.audit.models import AuditEvent
from apps.core.audit.services import audit_record
from apps.core.history import history_readable

from .models import StaffAuthenticator, User

PERMISSION_VERBS = {"add": "可增加", "change": "可修改", "delete": "可删除", "view": "可查看"}


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "phone")


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


def permission_label(permission: Permission) -> str:
    """A permission as staff read it: Django names the four default ones in English when it creates them
    ("Can add 资讯"), so those are said again from the model's Chinese name; our own are named in Chinese."""
    model = permission.content_type.model_class()
    verb, _, model_name = permission.codename.partition("_")
    if model is None or verb not in PERMISSION_VERBS or model_name != model._meta.model_name:
        return f"{permission.content_type.app_labeled_name} | {permission.name}"
    app = model._meta.app_config.verbose_name
    name = _model_name(model)
    return f"{app} | {name} | {PERMISSION_VERBS[verb]}{name}"


def _model_name(model) -> str:
    if hasattr(model, "instance_type"):  # django-simple-history's records of a model ("historical 资讯")
        return f"{model.instance_type._meta.verbose_name}的修改记录"
    if model is Authenticator:
        return StaffAuthenticator._meta.verbose_name
    return model._meta.verbose_name


# Wherever a permission is shown (the group and user forms, delete pages), it reads in Chinese.
Permission.__str__ = permission_label


admin.site.unregister(Authenticator)


@admin.register(StaffAuthenticator)
class StaffAuthenticatorAdmin(admin.ModelAdmin):
    """Read-only list of staff's second factors; a superuser deletes one when its phone is lost."""

    list_display = ("user", "kind", "created", "last_used")
    search_fields = ("user__email", "user__phone")
    fields = ("user", "kind", "created", "last_used")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="类型", ordering="type")
    def kind(self, obj):
        return obj.get_type_display()

    @admin.display(description="设置时间", ordering="created_at")
    def created(self, obj):
        return history_readable(obj.created_at)

    @admin.display(description="最近使用", ordering="last_used_at")
    def last_used(self, obj):
        return history_readable(obj.last_used_at) if obj.last_used_at else "从未使用"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    list_display = ("__str__", "email", "masked_phone", "phone_verified", "is_staff", "date_joined")
    list_filter = ("is_staff", "is_superuser", "is_active", "phone_verified")
    search_fields = ("email", "phone", "display_name", "real_name")
    ordering = ("-date_joined",)
    fieldsets = (
        (None, {"fields": ("email", "phone", "phone_verified", "password")}),
        ("个人信息", {"fields": ("display_name", "real_name", "privacy_consented_at")}),
        ("权限", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("时间", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "phone", "password1", "password2")}),)
    readonly_fields = ("privacy_consented_at", "last_login", "date_joined")

    @admin.display(description="手机号")
    def masked_phone(self, obj):
        return obj.masked_phone

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The account page shows the full phone number: each opening of it goes to the audit trail."""
        response = super().change_view(request, object_id, form_url, extra_context)
        user = response.context_data.get("original") if hasattr(response, "context_data") else None
        if request.method == "GET" and response.status_code == 200 and user is not None and user.phone:
            audit_record(action=AuditEvent.Action.PHONE_REVEALED, request=request, obj=user, detail="用户资料页")
        return response
