import secrets

from allauth.mfa.models import Authenticator
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from apps.core.phones import mask_phone


def calendar_token_new() -> str:
    return secrets.token_urlsafe(18)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        email = self.normalize_email(email).lower() if email else None
        user = self.model(email=email, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A resident, member or staff user. Logs in with a mainland mobile number or an email address."""

    email = models.EmailField("电子邮箱", unique=True, null=True, blank=True)
    phone = models.CharField(
        "手机号", max_length=16, unique=True, null=True, blank=True, help_text="以 +86 开头保存，例如 +8613812345678。"
    )
    phone_verified = models.BooleanField("手机号已验证", default=False)
    real_name = models.CharField("真实姓名", max_length=40, blank=True, help_text="仅工作人员可见。")
    display_name = models.CharField("昵称", max_length=40, blank=True, help_text="在网站上显示的称呼。")
    is_staff = models.BooleanField("工作人员", default=False, help_text="可以登录管理后台。")
    is_active = models.BooleanField("有效", default=True)
    date_joined = models.DateTimeField("注册时间", default=timezone.now)
    privacy_consented_at = models.DateTimeField("同意隐私说明时间", null=True, blank=True)
    calendar_token = models.CharField(
        "日历订阅密钥", max_length=32, unique=True, default=calendar_token_new, editable=False,
        help_text="私人日历订阅链接中的密钥；重新生成后旧链接失效。",
    )  # fmt: skip

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self):
        return self.display_name or self.masked_phone or self.email or f"用户 {self.pk}"

    def save(self, *args, **kwargs):
        # Empty strings would collide under the unique constraints; store "no value" as NULL.
        self.email = self.email.lower() if self.email else None
        self.phone = self.phone or None
        super().save(*args, **kwargs)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone) if self.phone else ""

    def get_short_name(self):
        return str(self)

    def get_full_name(self):
        return self.real_name or str(self)


class StaffAuthenticator(Authenticator):
    """allauth's second factors (TOTP apps, recovery codes) as the admin shows them: allauth's model has
    English names, so the admin lists this proxy, in Chinese. Deleting one makes its owner set up a new one."""

    class Meta:
        proxy = True
        verbose_name = "两步验证设备"
        verbose_name_plural = "两步验证设备"
