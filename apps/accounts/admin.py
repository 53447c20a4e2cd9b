from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from apps.core.audit.models import AuditEvent
from apps.core.audit.services import audit_record

from .models import User


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "phone")


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


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
