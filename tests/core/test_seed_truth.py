"""The seeded content tells the 2020 report's story truly: its retellings carry its source, reporters, editor and
day; its case keeps its 2020 dates; what demo content invents says (示例); drawn pictures say they are drawn."""

from datetime import date

import pytest
from django.utils import timezone

from apps.hubs.models import Consultation, Project, Report
from apps.news.models import Article
from apps.news.seed_volume import VOLUME_SOURCE
from apps.pioneers.models import Pioneer

pytestmark = pytest.mark.django_db
CREDITS = ("红网", "红网时刻记者 陈佳 实习生 吴真钰", "陈佳 吴真钰", "韩阳")


def test_retold_articles_carry_the_reports_credits_and_day(seeded_site):
    articles = Article.objects.exclude(source=VOLUME_SOURCE)
    retold = articles.filter(source="红网")
    assert retold.count() >= 10
    for article in retold:
        assert (article.source, article.byline, article.authors, article.editor_name) == CREDITS, article.title
        assert timezone.localtime(article.published_at).date() == date(2020, 9, 11), article.title
    for article in articles.exclude(source="红网"):
        assert "示例" in article.title and "示例" in article.source and not article.byline, article.title
    for article in articles:
        assert "示意图" in article.cover.caption, article.title
        assert "示意图" in article.body, article.title  # the figures in the body are drawn too


def test_the_pocket_park_case_keeps_its_2020_dates(seeded_site):
    park = Report.objects.get(title__contains="东北角空地")
    assert {timezone.localtime(event.created_at).year for event in park.events.all()} == {2020}
    consultation = Consultation.objects.get(topic="远大路长星路口闲置地块的用途")
    assert timezone.localtime(consultation.held_at).year == 2020
    assert "示例" in consultation.minutes
    milestones = Project.objects.get(title="长星路护坡公园").milestones.all()
    assert {milestone.planned_on.year for milestone in milestones} == {2020}
    upcoming = Consultation.objects.get(open_to_residents=True)
    assert upcoming.held_at > timezone.now()  # relative to the day of seeding


def test_pioneers_are_the_reports_four_with_consent_and_no_portrait(seeded_site):
    pioneers = Pioneer.objects.published()
    assert set(pioneers.values_list("name", flat=True)) == {"史宗映", "卢孝东", "吴自成", "张海祥"}
    for pioneer in pioneers:
        assert pioneer.articles.filter(source="红网").exists(), pioneer.name
        assert "非本人照片" in pioneer.photo.alt, pioneer.name
