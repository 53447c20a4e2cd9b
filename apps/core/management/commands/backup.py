"""Back up the database and the media files into a dated folder with a manifest; keep the newest N.

Consistency: one REPEATABLE READ transaction exports its snapshot; pg_dump dumps exactly that snapshot
(`--snapshot`) while the same transaction counts the rows of every table and reads the migration state, so the
manifest's counts describe the dump even while the site keeps writing. Media files are copied after the
snapshot: every file a snapshot row refers to was stored before that row committed, so it is there — unless
an image was replaced in between (the old files are deleted); such files are listed in the manifest as
`missing_referenced` and reported. Files newer than the snapshot are copied too (harmless orphans after a
restore; `images_prune` lists them).
"""

import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import psycopg
from django.conf import settings
from django.core.files.storage import default_storage, storages
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from apps.core.images import image_files
from apps.core.media import storage_walk
from apps.core.models import Image

from ._backup import (
    DUMP,
    FORMAT,
    MANIFEST,
    MEDIA,
    applied_migrations,
    file_sha256,
    libpq_env,
    libpq_params,
    manifest_read,
    pg_tool,
    row_counts,
    stream_sha256,
    tool_version_check,
)

BACKUP_NAME = re.compile(r"^\d{8}T\d{6}Z$")
DATABASE_KEYS = ("server_version_num", "pg_dump", "dump", "dump_sha256", "dump_bytes")


def backups_list(root: Path) -> list[Path]:
    """Complete backups in `root`, oldest first (a folder named by its UTC time, with a manifest)."""
    found = [p for p in root.iterdir() if p.is_dir() and BACKUP_NAME.match(p.name) and (p / MANIFEST).is_file()]
    return sorted(found, key=lambda p: p.name)


def backups_prune(root: Path, *, keep: int) -> list[Path]:
    """Delete all but the newest `keep` complete backups, and unfinished ones older than the newest backup
    (left by a killed run; a run still going is newer). Never touches other folders or files."""
    complete = backups_list(root)
    doomed = complete[:-keep] if keep < len(complete) else []
    if complete:
        newest = complete[-1].name
        doomed += [
            p
            for p in root.iterdir()
            if p.is_dir()
            and p.name.endswith(".partial")
            and BACKUP_NAME.match(p.name.removesuffix(".partial"))
            and p.name < newest
        ]
    for path in doomed:
        shutil.rmtree(path)
    return doomed


def database_dump(*, params: dict[str, str], target: Path) -> dict[str, Any]:
    """pg_dump -Fc of one exported snapshot, with that snapshot's row counts, migrations and image files."""
    pg_dump = pg_tool("pg_dump")
    with psycopg.connect(**params) as conn:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        with conn.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot(), now(), current_setting('server_version_num')::int")
            snapshot, taken_at, version_num = cursor.fetchone()
            tool_version = tool_version_check(pg_dump, params=params, server_version_num=version_num)
            counts = row_counts(cursor)
            migrations = applied_migrations(cursor)
            # With width and height given, building an Image does not open its file to measure it.
            cursor.execute(f"SELECT file, renditions, width, height FROM {Image._meta.db_table}")  # noqa: S608
            images = [Image(file=f, renditions=r, width=w, height=h) for f, r, w, h in cursor.fetchall()]
            referenced = {name for image in images for name in image_files(image)}
            dump = subprocess.run(  # noqa: S603 - fixed arguments; connection details in the environment
                [pg_dump, "--format=custom", f"--snapshot={snapshot}", "--no-password", f"--file={target}"],
                env=libpq_env(params),
                capture_output=True,
                text=True,
            )
        conn.rollback()
    if dump.returncode:
        raise CommandError(f"pg_dump 失败：{dump.stderr.strip()}")
    return {
        "taken_at": taken_at.isoformat(),
        "server_version_num": version_num,
        "pg_dump": tool_version,
        "dump": DUMP,
        "dump_sha256": file_sha256(target),
        "dump_bytes": target.stat().st_size,
        "row_counts": counts,
        "migrations": migrations,
        "referenced_media": referenced,
    }


def media_copy(*, target: Path, earlier: Path | None) -> dict[str, dict[str, Any]]:
    """Copy every file of the default storage into `target`, hashing as it goes. A file the previous backup
    holds with the same name, size and sha256 is hard-linked to it instead (images are write-once), so
    30 daily backups cost about one copy of the media."""
    before = manifest_read(earlier)["media"]["files"] if earlier else {}
    files = {}
    for name in storage_walk(default_storage):
        dest = target / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        size = default_storage.size(name)
        old = before.get(name)
        if old and old["bytes"] == size and (earlier / MEDIA / name).is_file():
            with default_storage.open(name, "rb") as source:
                sha = stream_sha256(source)
            if sha == old["sha256"]:
                try:
                    os.link(earlier / MEDIA / name, dest)
                    files[name] = {"sha256": sha, "bytes": size}
                    continue
                except OSError:  # another filesystem: copy below
                    pass
        with default_storage.open(name, "rb") as source, dest.open("wb") as out:
            files[name] = {"sha256": stream_sha256(source, copy_to=out), "bytes": size}
    return files


class Command(BaseCommand):
    help = "备份数据库（pg_dump，同一快照内统计各表行数）和媒体文件到带时间的文件夹，写入清单，只保留最新 N 份。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir", default=str(settings.BASE_DIR / "var" / "backups"), help="备份存放的目录（默认 var/backups）。"
        )
        parser.add_argument("--keep", type=int, default=30, help="只保留最新的 N 份备份（默认 30）。")

    def handle(self, *args, dir: str, keep: int, **options):
        if keep < 1:
            raise CommandError("--keep 至少为 1（刚做好的这份备份总要保留）。")
        params = libpq_params(connection.settings_dict)
        root = Path(dir)
        root.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        name = timezone.now().strftime("%Y%m%dT%H%M%SZ")
        final, partial = root / name, root / f"{name}.partial"
        if final.exists() or partial.exists():
            raise CommandError(f"{final} 已存在，请稍后再试。")
        earlier = (backups_list(root) or [None])[-1]
        partial.mkdir()
        try:
            database = database_dump(params=params, target=partial / DUMP)
            files = media_copy(target=partial / MEDIA, earlier=earlier)
            missing = sorted(database.pop("referenced_media") - files.keys())
            manifest = {
                "format": FORMAT,
                "created_at": database["taken_at"],
                "finished_at": timezone.now().isoformat(),
                "database": {k: database[k] for k in DATABASE_KEYS},
                "migrations": database["migrations"],
                "row_counts": database["row_counts"],
                "media": {
                    "source": f"{type(storages['default']).__module__}.{type(storages['default']).__qualname__}",
                    "folder": MEDIA,
                    "files": files,
                    "total_bytes": sum(f["bytes"] for f in files.values()),
                    "missing_referenced": missing,
                },
            }
            (partial / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
            partial.rename(final)
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise
        for path in backups_prune(root, keep=keep):
            self.stdout.write(f"已删除旧备份 {path.name}")
        if missing:
            names = ", ".join(missing[:10])
            self.stderr.write(f"注意：快照中的图片有 {len(missing)} 个文件在复制媒体前已被删除：{names}")
        counts, media = manifest["row_counts"], manifest["media"]
        self.stdout.write(
            self.style.SUCCESS(
                f"备份完成：{final}（{len(counts)} 张表 {sum(counts.values())} 行，"
                f"数据库 {database['dump_bytes']} 字节，"
                f"{len(files)} 个媒体文件 {media['total_bytes']} 字节，用时 {time.monotonic() - started:.1f} 秒）"
            )
        )
