"""Demo accounts. Created only by the demo set-up (DEBUG, or `seed --demo-users`), never in production."""

from django.contrib.auth import get_user_model
from django.utils import timezone

DEMO_PASSWORD = "hongling-demo-2026"  # noqa: S105 - demo accounts exist only in demo set-ups
SUPERUSER_EMAIL = "admin@example.com"

# (email, phone, display name, real name, is_staff, is_superuser)
DEMO_USERS = [
    (SUPERUSER_EMAIL, "+8613800000000", "街道管理员", "演示管理员", True, True),
    ("editor@example.com", "+8613800000001", "街道编辑", "演示编辑", True, False),
    ("reviewer@example.com", "+8613800000002", "街道审核", "演示审核", True, False),
    ("street@example.com", "+8613800000003", "街道工作人员", "演示街道管理员", True, False),
    (None, "+8613900000001", "锦林居民王阿姨", "王桂兰", False, False),
    (None, "+8613900000002", "新安居民李叔", "李建国", False, False),
    ("resident3@example.com", "+8613900000003", "安子岭居民小周", "周晓", False, False),
    (None, "+8613700000001", "锦林党员陈老师", "陈文华", False, False),
    (None, "+8613700000002", "新安党员刘大姐", "刘春梅", False, False),
]


def run(*, demo_users: bool, volume: int) -> str:
    if not demo_users:
        return "未创建演示账号"
    User = get_user_model()
    for email, phone, display_name, real_name, is_staff, is_superuser in DEMO_USERS:
        user = User.objects.filter(phone=phone).first() or User(phone=phone)
        user.email = email
        user.phone_verified = True
        user.display_name = display_name
        user.real_name = real_name
        user.is_staff = is_staff
        user.is_superuser = is_superuser
        user.privacy_consented_at = user.privacy_consented_at or timezone.now()
        if not user.pk or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
        user.save()
        if email:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return f"{len(DEMO_USERS)} 个演示账号（密码 {DEMO_PASSWORD}）"
