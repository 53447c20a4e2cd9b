"""Rebuild the search index from every registered model (after a bulk import or a change of words.txt)."""

from django.core.management.base import BaseCommand

from apps.core.search.index import search_index_rebuild


class Command(BaseCommand):
    help = "重建全站搜索索引。"

    def handle(self, *args, **options):
        count = search_index_rebuild()
        self.stdout.write(self.style.SUCCESS(f"已索引 {count} 条公开内容。"))
