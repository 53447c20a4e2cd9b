from django.core.management.base import BaseCommand

from apps.core.booking.notifications import reminders_send


class Command(BaseCommand):
    help = "给 24 小时内开始的活动的报名人发送提醒（可重复运行，每人只提醒一次）。建议每 10 分钟运行一次。"

    def handle(self, *args, **options):
        self.stdout.write(f"已发送 {reminders_send()} 条提醒。")
