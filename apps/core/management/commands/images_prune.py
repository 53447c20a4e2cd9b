"""Delete stored image files that no Image row refers to (left behind when a transaction that had
already written an upload was rolled back). Dry run unless --delete."""

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand

from apps.core.images import image_files
from apps.core.media import storage_walk
from apps.core.models import Image

FOLDERS = ("images", "renditions")


class Command(BaseCommand):
    help = "清理没有被任何图片记录引用的文件（默认只列出，加 --delete 才删除）。"

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="真的删除这些文件。")

    def handle(self, *args, delete: bool, **options):
        referenced = {name for image in Image.objects.only("file", "renditions") for name in image_files(image)}
        stored = [name for folder in FOLDERS for name in storage_walk(default_storage, folder)]
        orphans = [name for name in stored if name not in referenced]
        for name in orphans:
            if delete:
                default_storage.delete(name)
            self.stdout.write(("已删除 " if delete else "多余文件 ") + name)
        self.stdout.write(f"共 {len(orphans)} 个多余文件。")
