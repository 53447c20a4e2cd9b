"""Delete audit events older than AUDIT_RETENTION_DAYS (never fewer than 180 days). Run it daily."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from apps.core.audit.services import audit_prune


class Command(BaseCommand):
    help = "删除超过保留期限（AUDIT_RETENTION_DAYS，至少 180 天）的审计记录。建议每天运行一次。"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, help="保留天数，默认取设置 AUDIT_RETENTION_DAYS；不能少于 180。")

    def handle(self, *args, days: int | None, **options):
        try:
            deleted = audit_prune(older_than_days=days)
        except ValidationError as error:
            raise CommandError(error.messages[0]) from None
        self.stdout.write(f"已删除 {deleted} 条过期审计记录。")
