"""Load the demo content: every installed app's `seed.run()`, in INSTALLED_APPS order. Idempotent."""

from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = "载入演示数据（可重复运行，不会产生重复内容）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo-users",
            action="store_true",
            help="即使 DEBUG 关闭也创建演示账号（只用于演示环境，切勿用于正式环境）。",
        )
        parser.add_argument("--volume", type=int, default=0, help="额外生成的大批量数据条数（用于性能测试）。")

    def handle(self, *args, demo_users: bool, volume: int, **options):
        if volume < 0:
            raise CommandError("--volume 不能为负数。")
        with_users = settings.DEBUG or demo_users
        if not with_users:
            self.stdout.write(self.style.WARNING("DEBUG 关闭：跳过演示账号（需要时加 --demo-users）。"))
        for config in apps.get_app_configs():
            if not config.name.startswith("apps."):
                continue
            try:
                module = import_module(f"{config.name}.seed")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.seed":
                    raise
                continue
            with transaction.atomic():
                summary = module.run(demo_users=with_users, volume=volume)
            self.stdout.write(f"{config.verbose_name}：{summary}")
        self.stdout.write(self.style.SUCCESS("演示数据已就绪。"))
