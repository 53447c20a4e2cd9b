"""Demo accounts from `users.yaml` in the seeds folder (see seeds/README.md). Created only by the demo set-up
(DEBUG, or `seed --demo-users`), never in production. A staff account is put into its roles by name (`roles`):
the roles and their permissions come from migrations, the seed makes none. Other apps' seeds name these accounts
by phone (`demo_phone`, `demo_user`): a member, a sign-up, a drift log, a report's reporter, a hub's staff."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from apps.core.phones import phone_normalize
from apps.core.seeding import Entry, entry_fields, entry_flag, entry_list, entry_rules, entry_save, seed_file

READS_SEEDS_FOLDER = True  # users.yaml; `seed --from DIR` runs it (see apps/core/management/commands/seed.py)
DEMO_PASSWORD = "hongling-demo-2026"  # noqa: S105 - every demo account's; demo accounts exist only in demo set-ups
USER_FIELDS = ("email", "real_name", "staff", "superuser", "roles")


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
    groups = {group.name: group for group in Group.objects.all()}
    for entry in entries:
        entry_fields(entry, required=("phone", "display_name"), optional=USER_FIELDS)
        entry["phone"] = demo_phone(entry)
        if entry["phone"] in lines:
            raise entry.error(f"手机号 {entry['phone']} 与第 {lines[entry['phone']]} 行的账号重复。")
        lines[entry["phone"]] = entry.line
        for flag in ("staff", "superuser"):
            entry_flag(entry, flag)
        roles = entry.get("roles") or []
        if not isinstance(roles, list):
            raise entry.error("“roles”应当是角色名称的列表，例如 [编辑]。")
        for role in roles:
            if role not in groups:
                raise entry.error(f"角色“{role}”不存在，可用的角色（由迁移创建）：{'、'.join(sorted(groups))}。")
        entry["roles"] = [groups[role] for role in roles]
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
        entry_save(entry, user)
        user.groups.add(*entry["roles"])
        if user.email:
            EmailAddress.objects.update_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )
    return f"{len(entries)} 个演示账号（密码 {DEMO_PASSWORD}）"
