"""What `manage.py backup` and `manage.py restore` share: PostgreSQL connection parameters for psycopg and the
client tools, row counts, the client/server version check, and media files read through a Django storage.

Not a command itself (Django skips command modules whose name starts with an underscore).
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import IO, Any

import psycopg
from django.core.files.storage import Storage
from django.core.management.base import CommandError
from psycopg import sql

from apps.core.media import storage_walk

FORMAT = 1  # of manifest.json; restore refuses others
MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA = "media"
CHUNK = 1024 * 1024


def libpq_params(settings_dict: dict[str, Any]) -> dict[str, str]:
    """Connection keywords for psycopg.connect(); the same values as PG* variables drive pg_dump/pg_restore."""
    if settings_dict.get("ENGINE") != "django.db.backends.postgresql":
        raise CommandError(
            "备份与恢复只支持 PostgreSQL（生产数据库）；SQLite 仅用于本地演示，请直接复制 var/db.sqlite3。"
            f"当前数据库引擎：{settings_dict.get('ENGINE')}"
        )
    params = {
        "dbname": settings_dict.get("NAME") or "",
        "user": settings_dict.get("USER") or "",
        "password": settings_dict.get("PASSWORD") or "",
        "host": settings_dict.get("HOST") or "",
        "port": str(settings_dict.get("PORT") or ""),
    }
    for key in ("sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout"):
        if key in settings_dict.get("OPTIONS", {}):
            params[key] = str(settings_dict["OPTIONS"][key])
    return {key: value for key, value in params.items() if value}


def libpq_env(params: dict[str, str]) -> dict[str, str]:
    """The environment for a client tool: the password goes in PGPASSWORD, never on a command line."""
    names = {"dbname": "PGDATABASE", "user": "PGUSER", "password": "PGPASSWORD", "host": "PGHOST", "port": "PGPORT"}
    env = {**os.environ}
    env.update({names.get(key, "PG" + key.upper()): value for key, value in params.items()})
    return env


def pg_tool(name: str) -> str:
    """The path of pg_dump or pg_restore: from $PG_BIN when set (e.g. /usr/lib/postgresql/15/bin), else PATH."""
    folder = os.environ.get("PG_BIN")
    path = str(Path(folder) / name) if folder else shutil.which(name)
    if not path or not Path(path).exists():
        raise CommandError(f"找不到 {name}：请安装与服务器同一大版本的 PostgreSQL 客户端，或用 PG_BIN 指定其目录。")
    return path


def tool_version_check(tool: str, *, params: dict[str, str], server_version_num: int) -> str:
    """Refuse a client whose major version is not the server's (a newer pg_dump writes SQL an older server
    may reject on restore; an older one refuses to dump). Returns the tool's version line."""
    line = subprocess.run(  # noqa: S603 - a fixed tool path and a constant argument
        [tool, "--version"], capture_output=True, text=True, check=True, env=libpq_env(params)
    ).stdout.strip()
    match = re.search(r"(\d+)\.\d+", line)
    server_major = server_version_num // 10000
    if not match or int(match.group(1)) != server_major:
        raise CommandError(
            f"客户端版本与服务器不一致：{line}，服务器为 PostgreSQL {server_major}。"
            f"请安装 postgresql-client-{server_major}，或用 PG_BIN 指定其 bin 目录。"
        )
    return line


def public_tables(cursor: psycopg.Cursor) -> list[str]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    return [name for (name,) in cursor.fetchall()]


def row_counts(cursor: psycopg.Cursor) -> dict[str, int]:
    """Rows in every table of the public schema, as the cursor's transaction sees them."""
    counts = {}
    for table in public_tables(cursor):
        cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier("public", table)))
        counts[table] = cursor.fetchone()[0]
    return counts


def applied_migrations(cursor: psycopg.Cursor) -> dict[str, list[str]]:
    """Django's migration state: the applied migrations of each app, read from django_migrations."""
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    state: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        state.setdefault(app, []).append(name)
    return state


def file_sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return stream_sha256(handle)


def stream_sha256(handle: IO[bytes], *, copy_to: IO[bytes] | None = None) -> str:
    digest = hashlib.sha256()
    while chunk := handle.read(CHUNK):
        digest.update(chunk)
        if copy_to is not None:
            copy_to.write(chunk)
    return digest.hexdigest()


def storage_checksums(storage: Storage) -> dict[str, dict[str, Any]]:
    """sha256 and size of every file in the storage, read back through the storage itself."""
    files = {}
    for name in storage_walk(storage):
        with storage.open(name, "rb") as handle:
            files[name] = {"sha256": stream_sha256(handle), "bytes": storage.size(name)}
    return files


def manifest_read(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    if not path.is_file():
        raise CommandError(f"{folder} 不是一份完整的备份：缺少 {MANIFEST}。")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise CommandError(f"{path} 的格式 {manifest.get('format')} 不是本程序认识的 {FORMAT}。")
    return manifest


def manifest_differences(expected: dict[str, Any], found: dict[str, Any], *, what: str) -> list[str]:
    """Human-readable differences between two {name: value} maps (row counts, media checksums)."""
    lines = []
    for name in sorted(expected.keys() | found.keys()):
        if name not in found:
            lines.append(f"{what} {name}：备份中有，恢复后缺失")
        elif name not in expected:
            lines.append(f"{what} {name}：恢复后多出（备份清单中没有）")
        elif expected[name] != found[name]:
            lines.append(f"{what} {name}：清单 {expected[name]}，实际 {found[name]}")
    return lines
