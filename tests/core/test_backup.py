"""Backups and restores: `manage.py backup` then `manage.py restore` into new empty databases (PostgreSQL).

The tamper tests prove that the verification can fail: a changed row count in the manifest or a changed
media file in the backup makes the restore exit with an error naming what differs.
"""

import io
import json
import os
import time
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from psycopg import sql

from apps.core.images import image_create
from apps.core.management.commands import backup
from apps.core.management.commands._backup import MANIFEST, file_sha256, libpq_params
from tests.factories import image_bytes, user_create

on_postgres = connection.vendor == "postgresql"
postgres_only = pytest.mark.skipif(
    not on_postgres, reason="backups use pg_dump/pg_restore: PostgreSQL only (run with DATABASE_URL=postgres://…)"
)


def database_url(name: str) -> str:
    """The URL of database `name` on the test database's server, as the same user."""
    s = connection.settings_dict
    auth = quote(s["USER"] or "") + (":" + quote(s["PASSWORD"]) if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{name}"


@pytest.fixture
def empty_database():
    """Make new, empty PostgreSQL databases beside the test database; returns each one's URL. Dropped after."""
    params = libpq_params(connection.settings_dict)
    admin = {**params, "dbname": "postgres"}
    created = []

    def create() -> str:
        name = f"{params['dbname']}_restore_{len(created)}"
        with psycopg.connect(**admin, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
            conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'").format(sql.Identifier(name)))
        created.append(name)
        return database_url(name)

    yield create
    with psycopg.connect(**admin, autocommit=True) as conn:
        for name in created:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture
def site_with_content(transactional_db, settings):
    """Committed rows (pg_dump reads through its own connection) and an image with its renditions."""
    user_create(display_name="王桂兰")
    user_create(email="staff@example.com", is_staff=True)
    upload = SimpleUploadedFile("门口.jpg", image_bytes(size=(800, 600)), content_type="image/jpeg")
    return image_create(upload=upload, alt="社区门口")


def backup_make(folder: Path, **options) -> Path:
    call_command("backup", dir=str(folder), stdout=io.StringIO(), **options)
    return backup.backups_list(folder)[-1]


def restore(folder: Path, *, database_url: str, media_root: Path) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(
            "restore", str(folder), database_url=database_url, media_root=str(media_root), stdout=out, stderr=err
        )
    except CommandError as error:
        raise CommandError(f"{error}\n{err.getvalue()}") from error
    return out.getvalue(), err.getvalue()


def scalar(database_url: str | None, query: str):
    """One value from the database at `database_url` (the test database when it is None)."""
    name = database_url.rsplit("/", 1)[1] if database_url else connection.settings_dict["NAME"]
    with psycopg.connect(**{**libpq_params(connection.settings_dict), "dbname": name}) as conn:
        return conn.execute(query).fetchone()[0]


@postgres_only
def test_backup_restores_into_an_empty_database_and_matches_its_manifest(site_with_content, tmp_path, empty_database):
    folder = backup_make(tmp_path / "backups")
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    target, media = empty_database(), tmp_path / "restored-media"

    out, _ = restore(folder, database_url=target, media_root=media)

    assert "核对通过" in out
    assert manifest["row_counts"]["accounts_user"] == 2
    assert "core" in manifest["migrations"]
    assert scalar(target, "SELECT display_name FROM accounts_user WHERE display_name = '王桂兰'") == "王桂兰"
    original = Path(site_with_content.file.path)
    restored = media / site_with_content.file.name
    assert restored.read_bytes() == original.read_bytes()
    assert manifest["media"]["files"][site_with_content.file.name]["sha256"] == file_sha256(restored)
    assert len(manifest["media"]["files"]) == 1 + len(site_with_content.renditions)


@postgres_only
def test_restore_fails_when_a_row_count_differs_from_the_manifest(site_with_content, tmp_path, empty_database):
    folder = backup_make(tmp_path / "backups")
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    manifest["row_counts"]["accounts_user"] += 1
    (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")

    with pytest.raises(CommandError, match="不一致") as error:
        restore(folder, database_url=empty_database(), media_root=tmp_path / "restored-media")
    assert "表 accounts_user：清单 3，实际 2" in str(error.value)


@postgres_only
def test_restore_fails_when_a_media_file_differs_from_the_manifest(site_with_content, tmp_path, empty_database):
    folder = backup_make(tmp_path / "backups")
    tampered = folder / "media" / site_with_content.file.name
    tampered.write_bytes(tampered.read_bytes() + b"\0")

    with pytest.raises(CommandError, match="不一致") as error:
        restore(folder, database_url=empty_database(), media_root=tmp_path / "restored-media")
    assert f"媒体文件 {site_with_content.file.name}：清单" in str(error.value)


@postgres_only
def test_backup_counts_rows_in_the_snapshot_it_dumps(site_with_content, tmp_path, empty_database, monkeypatch):
    """A write committed while pg_dump starts is in neither the dump nor the counts, so they still agree."""
    real_run = backup.subprocess.run

    def write_then_run(args, **kwargs):
        if "--format=custom" in args:
            user_create(display_name="备份期间注册的居民")
        return real_run(args, **kwargs)

    monkeypatch.setattr(backup.subprocess, "run", write_then_run)
    folder = backup_make(tmp_path / "backups")
    target = empty_database()

    restore(folder, database_url=target, media_root=tmp_path / "restored-media")
    assert json.loads((folder / MANIFEST).read_text())["row_counts"]["accounts_user"] == 2
    assert scalar(target, "SELECT count(*) FROM accounts_user") == 2
    assert scalar(None, "SELECT count(*) FROM accounts_user") == 3


@postgres_only
def test_backup_reports_image_files_deleted_after_its_snapshot(site_with_content, tmp_path, monkeypatch):
    """An image replaced while the backup runs loses its old files: the backup says which ones are missing."""
    real_count = backup.row_counts

    def delete_then_count(cursor):  # runs inside the snapshot, before anything reads the images
        Path(site_with_content.file.path).unlink()
        return real_count(cursor)

    monkeypatch.setattr(backup, "row_counts", delete_then_count)
    err = io.StringIO()
    call_command("backup", dir=str(tmp_path / "backups"), stdout=io.StringIO(), stderr=err)

    manifest = json.loads((backup.backups_list(tmp_path / "backups")[-1] / MANIFEST).read_text())
    assert manifest["media"]["missing_referenced"] == [site_with_content.file.name]
    assert site_with_content.file.name in err.getvalue()


@postgres_only
def test_restore_refuses_a_database_that_is_not_empty(site_with_content, tmp_path):
    folder = backup_make(tmp_path / "backups")
    user_create(display_name="备份之后注册的居民")

    with pytest.raises(CommandError, match="不是空的"):
        restore(folder, database_url=database_url(connection.settings_dict["NAME"]), media_root=tmp_path / "new")
    assert scalar(None, "SELECT count(*) FROM accounts_user") == 3  # nothing restored over it
    assert not (tmp_path / "new").exists()


@postgres_only
def test_restore_refuses_a_media_folder_that_is_not_empty(site_with_content, tmp_path, empty_database):
    folder = backup_make(tmp_path / "backups")
    media = tmp_path / "restored-media"
    media.mkdir()
    (media / "old.txt").write_text("x")
    target = empty_database()

    with pytest.raises(CommandError, match="媒体目录不是空的"):
        restore(folder, database_url=target, media_root=media)
    assert scalar(target, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == 0


@postgres_only
def test_restore_refuses_a_damaged_dump_and_changes_nothing(site_with_content, tmp_path, empty_database):
    folder = backup_make(tmp_path / "backups")
    with (folder / "database.dump").open("r+b") as dump:
        dump.seek(-10, os.SEEK_END)
        dump.write(b"0123456789")
    target = empty_database()

    with pytest.raises(CommandError, match="备份已损坏"):
        restore(folder, database_url=target, media_root=tmp_path / "restored-media")
    assert scalar(target, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == 0


@postgres_only
def test_backup_links_unchanged_media_and_keeps_the_newest(site_with_content, tmp_path):
    first = backup_make(tmp_path / "backups")
    time.sleep(1)  # backups are named by the second
    second = backup_make(tmp_path / "backups")
    name = site_with_content.file.name
    kept = second / "media" / name
    assert kept.stat().st_ino == (first / "media" / name).stat().st_ino  # one copy on disk for both

    time.sleep(1)
    third = backup_make(tmp_path / "backups", keep=1)

    assert backup.backups_list(tmp_path / "backups") == [third]
    kept = third / "media" / name
    assert kept.stat().st_nlink == 1  # its twins in the pruned backups are gone, the file stays
    manifest = json.loads((third / MANIFEST).read_text())
    assert file_sha256(kept) == manifest["media"]["files"][name]["sha256"]


def test_backups_prune_keeps_the_newest_and_leaves_other_folders(tmp_path):
    for stamp in ("20261101T030000Z", "20261102T030000Z", "20261103T030000Z"):
        (tmp_path / stamp).mkdir()
        (tmp_path / stamp / MANIFEST).write_text("{}")
    for other in ("20261001T030000Z", "20261102T120000Z.partial", "20261104T030000Z.partial", "notes"):
        (tmp_path / other).mkdir()

    deleted = backup.backups_prune(tmp_path, keep=2)

    assert sorted(p.name for p in deleted) == ["20261101T030000Z", "20261102T120000Z.partial"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "20261001T030000Z",  # no manifest: not a backup of ours, left alone
        "20261102T030000Z",
        "20261103T030000Z",
        "20261104T030000Z.partial",  # newer than the newest backup: a run still going
        "notes",
    ]


@pytest.mark.skipif(on_postgres, reason="checks the refusal on SQLite")
@pytest.mark.django_db
def test_backup_refuses_sqlite_with_a_clear_message(tmp_path):
    with pytest.raises(CommandError, match="只支持 PostgreSQL"):
        call_command("backup", dir=str(tmp_path))
    assert list(tmp_path.iterdir()) == []
