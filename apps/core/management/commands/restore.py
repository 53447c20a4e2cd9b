"""Restore a backup (see `backup`) into an EMPTY database and an EMPTY media storage, then verify it.

Verification re-reads what was restored — every table's row count, the migration state, every media file's
sha256 — and compares it with the backup's manifest; any difference is listed and the command exits non-zero.
"""

import subprocess
from pathlib import Path, PurePosixPath

import dj_database_url
import psycopg
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage, default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from apps.core.media import storage_walk

from ._backup import (
    MEDIA,
    applied_migrations,
    file_sha256,
    libpq_env,
    libpq_params,
    manifest_differences,
    manifest_read,
    pg_tool,
    row_counts,
    storage_checksums,
    tool_version_check,
)

# Relations a database has once anything was created in it (tables, views, sequences, foreign tables).
RELATIONS_SQL = """
SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
"""


def target_check(*, params: dict[str, str], storage: Storage) -> int:
    """Refuse a target that is not empty; return the server's version number."""
    with psycopg.connect(**params, autocommit=True) as conn:
        version_num, relations = conn.execute(
            f"SELECT current_setting('server_version_num')::int, ({RELATIONS_SQL})"
        ).fetchone()
    if relations:
        raise CommandError(
            f"目标数据库 {params.get('dbname')} 不是空的（已有 {relations} 个表、视图或序列）："
            "恢复只写入新建的空数据库，请先 createdb 一个新库。"
        )
    if next(storage_walk(storage), None) is not None:
        raise CommandError(f"目标媒体目录不是空的（{getattr(storage, 'location', storage)}）：请指定一个新的空目录。")
    return version_num


def media_names_check(names: list[str]) -> None:
    """A manifest names files inside the media folder only (no absolute paths, no '..')."""
    for name in names:
        path = PurePosixPath(name)
        if path.is_absolute() or ".." in path.parts:
            raise CommandError(f"清单中的媒体文件名不安全：{name}")


class Command(BaseCommand):
    help = "把备份恢复到空的数据库和空的媒体目录，再按清单核对各表行数与文件校验和；有任何不同即以非零状态退出。"

    def add_arguments(self, parser):
        parser.add_argument("backup_dir", help="一份备份的目录（含 manifest.json）。")
        parser.add_argument("--database-url", help="目标数据库（默认用 DATABASE_URL）；必须是新建的空库。")
        parser.add_argument("--media-root", help="目标媒体目录（默认用 MEDIA_ROOT 的存储）；必须是空的。")

    def handle(self, *args, backup_dir: str, database_url: str | None, media_root: str | None, **options):
        folder = Path(backup_dir)
        manifest = manifest_read(folder)
        params = libpq_params(dj_database_url.parse(database_url) if database_url else connection.settings_dict)
        storage = FileSystemStorage(location=media_root) if media_root else default_storage
        dump = folder / manifest["database"]["dump"]
        files = manifest["media"]["files"]
        media_names_check(list(files))
        if not dump.is_file() or file_sha256(dump) != manifest["database"]["dump_sha256"]:
            raise CommandError(f"备份已损坏：{dump} 的校验和与清单不符，未做任何恢复。")

        version_num = target_check(params=params, storage=storage)
        pg_restore = pg_tool("pg_restore")
        tool_version_check(pg_restore, params=params, server_version_num=version_num)
        # One transaction: a failed restore leaves the target as empty as it was.
        result = subprocess.run(  # noqa: S603 - fixed arguments; connection details in the environment
            [
                pg_restore,
                "--single-transaction",
                "--exit-on-error",
                "--no-owner",
                "--no-privileges",
                "--no-password",
                f"--dbname={params['dbname']}",
                str(dump),
            ],
            env=libpq_env(params),
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise CommandError(f"pg_restore 失败，目标数据库未改动：{result.stderr.strip()}")
        for name in files:
            with (folder / manifest["media"].get("folder", MEDIA) / name).open("rb") as handle:
                stored = storage.save(name, File(handle, name=name))
            if stored != name:
                raise CommandError(f"媒体文件 {name} 被存成了 {stored}：目标目录并非空的？")
        self.stdout.write(f"已恢复数据库 {params['dbname']} 和 {len(files)} 个媒体文件，开始核对……")

        with psycopg.connect(**params, autocommit=True) as conn, conn.cursor() as cursor:
            cursor.execute("ANALYZE")  # pg_restore leaves the planner without statistics
            counts = row_counts(cursor)
            migrations = applied_migrations(cursor)
        restored = {name: info["sha256"] for name, info in storage_checksums(storage).items()}
        problems = [
            *manifest_differences(manifest["row_counts"], counts, what="表"),
            *manifest_differences(manifest["migrations"], migrations, what="迁移"),
            *manifest_differences({n: f["sha256"] for n, f in files.items()}, restored, what="媒体文件"),
        ]
        missing = manifest["media"].get("missing_referenced", [])
        if missing:
            self.stderr.write(f"注意：备份时已缺少 {len(missing)} 个被引用的图片文件：{', '.join(missing[:10])}")
        if problems:
            for line in problems:
                self.stderr.write(line)
            raise CommandError(f"恢复后的数据与备份清单不一致（{len(problems)} 处，见上）。")
        self.stdout.write(
            self.style.SUCCESS(
                f"核对通过：{len(counts)} 张表共 {sum(counts.values())} 行、{len(restored)} 个媒体文件与清单 "
                f"（{manifest['created_at']}）一致。"
            )
        )
