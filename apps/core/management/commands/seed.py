"""Load the demo content: every installed app's `seed.run()`, each after the apps its seed module names in
`SEED_AFTER` (app labels: pioneers' entries name hubs and articles, so `SEED_AFTER = ("hubs", "news")`), otherwise
in INSTALLED_APPS order. Idempotent.

The content is read from `seeds/` (see seeds/README.md); `--from DIR` reads another subdistrict's folder of the
same shape and runs only the apps whose seed module says `READS_SEEDS_FOLDER = True` (the others' content is
still Python about 马坡岭, which another brand must not get). Everything is loaded in one transaction: a bad
entry (`SeedError`: file, line, reason) leaves the database as it was. Nobody is messaged: the notices of the
demo's sign-ups, reports and members are not sent (`messages_held`).

`--volume N` adds bulk data for load tests on top: N news articles, N/10 reports, N/10 culture events and
N/10 class sessions, and about N/100 sign-ups for the demo member 陈老师. It is topped up, never repeated:
running `seed --volume N` twice changes nothing, and a larger N adds only the difference.
"""

import time
from contextlib import nullcontext
from importlib import import_module
from types import ModuleType

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from apps.core.messaging import messages_held
from apps.core.seeding import seeds_from


class Command(BaseCommand):
    help = "载入演示数据（可重复运行，不会产生重复内容）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo-users",
            action="store_true",
            help="即使 DEBUG 关闭也创建演示账号（只用于演示环境，切勿用于正式环境）。",
        )
        parser.add_argument(
            "--from",
            dest="folder",
            default=None,
            help="从另一个演示数据文件夹载入（结构同 seeds/，例如另一个街道的品牌和红岭之家）。",
        )
        parser.add_argument(
            "--volume",
            type=int,
            default=0,
            help="性能测试用的批量数据：N 篇资讯、N/10 条反映、N/10 场文化活动和课程场次（补足到 N，不重复生成）。",
        )

    def handle(self, *args, demo_users: bool, volume: int, folder: str | None, **options):
        if volume < 0:
            raise CommandError("--volume 不能为负数。")
        with_users = settings.DEBUG or demo_users
        if not with_users:
            self.stdout.write(self.style.WARNING("DEBUG 关闭：跳过演示账号（需要时加 --demo-users）。"))
        # The demo's sign-ups, reports and members are nobody's news: no notice is sent (messages_held).
        with messages_held(), seeds_from(folder) if folder else nullcontext(), transaction.atomic():
            self._apps_seed(with_users=with_users, volume=volume, only_folder_readers=bool(folder))
        if volume and connection.vendor == "postgresql":
            # Fresh planner statistics after the bulk inserts, and the vacuum that autovacuum would otherwise start
            # on its own a little later, in the middle of whatever runs next (a benchmark's cold pages ran at
            # half speed in one run). VACUUM cannot run inside a transaction (a test's): ANALYZE alone there.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        self.stdout.write(self.style.SUCCESS("演示数据已就绪。"))

    def _apps_seed(self, *, with_users: bool, volume: int, only_folder_readers: bool) -> None:
        modules = {}
        for config in apps.get_app_configs():
            if not config.name.startswith("apps."):
                continue
            try:
                modules[config.label] = (config, import_module(f"{config.name}.seed"))
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.seed":
                    raise
        order = seed_order({label: module for label, (_, module) in modules.items()})
        for config, module in (modules[label] for label in order):
            if only_folder_readers and not getattr(module, "READS_SEEDS_FOLDER", False):
                self.stdout.write(f"{config.verbose_name}：内容仍写在代码里，不随 --from 载入")
                continue
            began = time.monotonic()
            summary = module.run(demo_users=with_users, volume=volume)
            self.stdout.write(f"{config.verbose_name}：{summary}（{time.monotonic() - began:.1f} 秒）")


def seed_order(modules: dict[str, ModuleType]) -> list[str]:
    """The app labels of `modules` (seed modules by app label, in INSTALLED_APPS order), each after those its
    `SEED_AFTER` names; otherwise the order given. A name without a seed module, or a cycle, is refused."""
    order: list[str] = []

    def visit(label: str, path: tuple[str, ...]) -> None:
        if label in order:
            return
        if label in path[:-1]:
            raise CommandError(f"演示数据的载入顺序成了环：{' → '.join(path)}。")
        for before in getattr(modules[label], "SEED_AFTER", ()):
            if before not in modules:
                raise CommandError(f"{label} 的 SEED_AFTER 写了“{before}”，但没有这个应用的演示数据（seed.py）。")
            visit(before, (*path, before))
        order.append(label)

    for label in modules:
        visit(label, (label,))
    return order
