"""Delete stored image files that no Image row refers to (left behind when a transaction that had
already written an upload was rolled back). Dry run unless --delete."""

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand

from apps.core.images import image_files
from apps.core.models import Image

FOLDERS = ("images", "renditions")


def stored_names(folder: str) -> list[str]:
    # Object storage has no folders (exists() is False for a prefix) and lists a missing one as empty;
    # the disk raises for a missing folder.
    try:
        dirs, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [f"{folder}/{name}" for name in files]
    for sub in dirs:
        names += stored_names(f"{folder}/{sub}")
    return names


class Command(BaseCommand):
    help = "清理没有被任何图片记录引用的文件（默认只列出，加 --delete 才删除）。"

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="真的删除这些文件。")

    def handle(self, *args, delete: bool, **options):
        referenced = {name for image in Image.objects.only("file", "renditions") for name in image_files(image)}
        orphans = [name for folder in FOLDERS for name in stored_names(folder) if name not in referenced]
        for name in orphans:
            if delete:
                default_storage.delete(name)
            self.stdout.write(("已删除 " if delete else "多余文件 ") + name)
        self.stdout.write(f"共 {len(orphans)} 个多余文件。")
