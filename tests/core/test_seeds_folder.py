"""`manage.py seed --from DIR`: another subdistrict's seeds folder makes another brand, with no code change; a bad
entry stops the seed with the file, the line and the reason, and changes nothing."""

import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from apps.core.models import SiteSettings
from apps.core.seeding import SEEDS_DIR, SeedError
from apps.hubs.models import Consultation, Hub, Milestone, Project, Service
from apps.news.models import Article
from apps.pioneers.models import Pioneer

pytestmark = pytest.mark.django_db
EXAMPLE = Path(__file__).with_name("seeds_example")


def test_seed_from_another_folder_carries_another_brand(client, settings):
    settings.DEBUG = True
    call_command("seed", folder=str(EXAMPLE), verbosity=0)
    site = SiteSettings.load()
    assert (site.brand_name, site.subdistrict) == ("东岭+", "示例街道")
    assert list(Hub.objects.values_list("slug", flat=True)) == ["dongling"]
    assert Service.objects.get().name == "邻里议事角"
    assert Milestone.objects.get(project=Project.objects.get(title="东岭小游园")).done_on is None
    article = Article.objects.get()  # the brand's own news, pioneers and consultations (seeds_example/*.yaml)
    assert (article.source, article.byline, article.pillar) == ("示例日报", "示例日报记者 某某", "hubs")
    assert "<h2>方案</h2>" in article.body and "<figure>" in article.body and article.is_public
    assert Pioneer.objects.published().get().articles.get() == article
    assert Consultation.objects.get().meeting.capacity == 10
    html = client.get("/").text
    assert "东岭+" in html and "马坡岭" not in html
    call_command("seed", folder=str(EXAMPLE), verbosity=0)  # twice changes nothing
    assert Hub.objects.count() == 1 and Project.objects.count() == 1
    assert Article.objects.count() == Pioneer.objects.count() == Consultation.objects.count() == 1


def test_the_default_folder_is_the_top_level_seeds():
    assert SEEDS_DIR.name == "seeds" and (SEEDS_DIR / "site.yaml").is_file() and (SEEDS_DIR / "hubs.yaml").is_file()


def _broken(tmp_path, old: str, new: str) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(EXAMPLE, folder)
    hubs = folder / "hubs.yaml"
    text = hubs.read_text(encoding="utf-8")
    assert old in text
    hubs.write_text(text.replace(old, new), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("old", "new", "line", "reason"),
    [
        ("    name: 东岭社区\n", "", 2, "缺少必填项“name”"),
        ("  - hub: dongling\n    name: 邻里议事角", "  - hub: xiling\n    name: 邻里议事角", 9,
         "红岭之家“xiling”不存在"),
        ("planned_on: 2030-05-01", "planned_on: 2030/5/1", 25, "格式不对"),
        ("    kind: green\n", "    kind: green\n    pictures:\n      - {stage: after, scene: lake, caption: 湖}\n", 23,
         "“scene”的值“lake”不在可选范围内"),
        ("    kind: community\n", "    kind: town\n", 2, "“kind”的值“town”不在可选范围内"),
    ],
    ids=["missing field", "unknown hub", "date format", "unknown picture scene", "unknown kind"],
)  # fmt: skip
def test_a_bad_entry_stops_the_seed_with_file_line_and_reason_and_changes_nothing(tmp_path, old, new, line, reason):
    before = SiteSettings.load().brand_name
    with pytest.raises(SeedError) as error:
        call_command("seed", folder=str(_broken(tmp_path, old, new)), verbosity=0)
    assert error.value.path.name == "hubs.yaml" and error.value.line == line, str(error.value)
    assert reason in error.value.reason
    assert f"hubs.yaml:{line}: " in str(error.value)
    assert SiteSettings.load().brand_name == before  # site.yaml was loaded first, and rolled back
    assert not Hub.objects.exists() and not Service.objects.exists()


def test_a_missing_folder_is_refused_in_chinese(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="找不到演示数据文件夹"):
        call_command("seed", folder=str(tmp_path / "nowhere"), verbosity=0)
