import pytest

from apps.news import seed
from apps.news.models import Article

pytestmark = pytest.mark.django_db


def test_the_seed_makes_a_dozen_articles_once(seeded_site_in_production):
    count = Article.objects.count()
    assert count >= 12 and Article.objects.published().count() >= 10
    seed.run(demo_users=False, volume=0)
    assert Article.objects.count() == count
    titles = " ".join(Article.objects.values_list("title", flat=True))
    for name in ("史宗映", "卢孝东", "远大路", "讲习夜校", "图书漂流"):
        assert name in titles
    seed.run(demo_users=False, volume=30)
    assert Article.objects.count() == count + 30
