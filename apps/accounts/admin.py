from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

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
