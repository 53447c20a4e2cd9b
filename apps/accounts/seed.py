"""Demo accounts from `users.yaml` in the seeds folder (see seeds/README.md). Created only by the demo set-up
(DEBUG, or `seed --demo-users`), never in production. Other apps' seeds name these accounts by phone
(`demo_phone`, `demo_user`): a member, a sign-up, a drift log."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from apps.core.phones import phone_normalize
from apps.core.seeding import Entry, entry_fields, entry_list, entry_rules, seed_file

READS_SEEDS_FOLDER = True  # users.yaml; `seed --from DIR` runs it (see apps/core/management/commands/seed.py)
DEMO_PASSWORD = "hongling-demo-2026"  # noqa: S105 - every demo account's; demo accounts exist only in demo set-ups
USER_FIELDS = ("email", "real_name", "staff", "superuser")


def demo_phone(entry: Entry, name: str = "phone") -> str:
    """`entry[name]`, a mainland mobile number written any usual way, as accounts store it (+86…)."""
    with entry_rules(entry):
        return phone_normalize(str(entry.get(name) or ""))


def demo_user(entry: Entry, phone: str):
    """The demo account with this phone (from `demo_phone`); one users.yaml does not list stops the seed."""
    user = get_user_model().objects.filter(phone=phone).first()
    if user is None:
        raise entry.error(f"演示账号“{phone}”不存在：请先在 users.yaml 里列出它。")
    return user


def users_content() -> list[Entry]:
    """`users.yaml` checked entry by entry: fields, phones (each once), yes/no flags."""
    data = seed_file("users.yaml")
    if data is None:
        return []
    entry_fields(data, required=(), optional=("users",))
    entries, lines = entry_list(data, "users"), {}
    for entry in entries:
        entry_fields(entry, required=("phone", "display_name"), optional=USER_FIELDS)
        entry["phone"] = demo_phone(entry)
        if entry["phone"] in lines:
            raise entry.error(f"手机号 {entry['phone']} 与第 {lines[entry['phone']]} 行的账号重复。")
        lines[entry["phone"]] = entry.line
        for flag in ("staff", "superuser"):
            if not isinstance(entry.get(flag, False), bool):
                raise entry.error(f"“{flag}”应当写 true 或 false。")
    return entries


def run(*, demo_users: bool, volume: int) -> str:
    if not demo_users:
        return "未创建演示账号"
    from allauth.account.models import EmailAddress

    User = get_user_model()
    entries = users_content()
    for entry in entries:
        user = User.objects.filter(phone=entry["phone"]).first() or User(phone=entry["phone"])
        user.email = entry.get("email") or None
        user.phone_verified = True
        user.display_name = entry["display_name"]
        user.real_name = entry.get("real_name") or ""
        user.is_superuser = entry.get("superuser", False)
        user.is_staff = entry.get("staff", False) or user.is_superuser
        user.privacy_consented_at = user.privacy_consented_at or timezone.now()
        if not user.pk or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
        with entry_rules(entry):
            user.full_clean()
        user.save()
        if user.email:
            EmailAddress.objects.update_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )
    return f"{len(entries)} 个演示账号（密码 {DEMO_PASSWORD}）"
