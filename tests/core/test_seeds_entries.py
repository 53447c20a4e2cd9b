"""The files of a seeds folder: a bad entry stops `seed` with the file, the line and the reason, and nothing is
written; the Markdown bodies, relative days and the seed order they rely on."""

import shutil
from datetime import date, timedelta
from importlib import import_module
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from apps.accounts.models import User
from apps.classes.models import Course
from apps.core.management.commands.seed import seed_order
from apps.core.models import Image, SiteSettings
from apps.core.seeding import Entry, SeedError, entry_date, entry_markdown, entry_moment, markdown_html
from apps.culture.models import Book, CultureEvent
from apps.hubs.models import Consultation, Hub
from apps.news.models import Article
from apps.pioneers.models import Pioneer, Team, VolunteerActivity

pytestmark = pytest.mark.django_db
EXAMPLE = Path(__file__).with_name("seeds_example")

BAD = [
    # news.yaml
    ("news.yaml", "    summary: 东岭社区想", "    abstract: 东岭社区想", 8, "缺少必填项“summary”"),
    ("news.yaml", "pillar: hubs", "pillar: parks", 8, "“pillar”的值“parks”不在可选范围内"),
    (
        "news.yaml",
        "source: 示例日报\n    pillar",
        "source: 示例日报\n    published: 2025/4/2\n    pillar",
        8,
        "“published”的时间“2025/4/2”格式不对",
    ),
    ("news.yaml", "    published: 2025-04-01 10:00\n", "", 7, "已发布的资讯需要发布时间"),  # a line less
    ("news.yaml", "{scene: park,", "{scene: lake,", 13, "“scene”的值“lake”不在可选范围内"),
    ("news.yaml", "](dump)", "](photo.jpg)", 8, "画面“photo.jpg”不在可选范围内"),
    ("news.yaml", "    tags: [小游园]\n", "    tags: [小游园]\n    pinned: 是\n", 8, "“pinned”只能写 true"),
    # pioneers.yaml (after hubs.yaml and news.yaml)
    ("pioneers.yaml", "    consent: 示例", "    note: 示例", 3, "缺少必填项“consent”"),
    ("pioneers.yaml", "    hub: dongling\n    theme", "    hub: xiling\n    theme", 3, "红岭之家“xiling”不存在"),
    (
        "pioneers.yaml",
        "article: 东岭小游园方案征求意见（示例）",
        "article: 东岭小游园",
        3,
        "找不到标题为“东岭小游园”的资讯",
    ),
    ("pioneers.yaml", "theme: duty", "theme: courage", 3, "“theme”的值“courage”不在可选范围内"),
    ("pioneers.yaml", "leader: 王示例", "leader: 李示例", 13, "先锋人物“李示例”不存在"),
    ("pioneers.yaml", "{team: 东岭志愿服务队,", "{team: 西岭志愿服务队,", 19, "服务队“西岭志愿服务队”不存在"),
    ("pioneers.yaml", "starts: 今天+5 09:00", "starts: 下周一", 19, "“starts”的时间“下周一”格式不对"),
    ("pioneers.yaml", "capacity: 8", "capacity: 八", 19, "“capacity”应当是一个不小于 0 的整数"),
    # reports.yaml (consultations; reports need demo accounts)
    ("reports.yaml", "    hub: dongling\n    topic", "    hub: xiling\n    topic", 3, "红岭之家“xiling”不存在"),
    ("reports.yaml", "held: 今天+10 19:00", "held: 2030-13-01 19:00", 3, "“held”的时间“2030-13-01 19:00”格式不对"),
    ("reports.yaml", "{role: branch,", "{role: police,", 10, "“role”的值“police”不在可选范围内"),
    ("reports.yaml", "    seats: 10\n", "    seats: 10\n    reports: [garden]\n", 3, "反映“garden”不存在"),
    (
        "reports.yaml",
        "consultations:\n",
        "reports:\n  - {key: x, hub: dongling}\nconsultations:\n",
        3,
        "缺少必填项“category”",
    ),
    # classes.yaml, culture.yaml, library.csv and users.yaml
    ("classes.yaml", "    title: 东岭夜话：楼道里的事\n", "", 2, "缺少必填项“title”"),
    ("classes.yaml", "capacity: 20, hub: dongling", "capacity: 20, hub: xiling", 9, "红岭之家“xiling”不存在"),
    ("classes.yaml", "starts: 今天+5 19:30", "starts: 2026/5/1 19:30", 9, "“starts”的时间“2026/5/1 19:30”格式不对"),
    ("classes.yaml", "starts: 今天+5 19:30", "starts: 今天+5 晚上", 9, "“starts”的时间“今天+5 晚上”格式不对"),
    ("classes.yaml", "starts: 今天+5 19:30, ", "", 9, "缺少必填项“starts”"),
    ("classes.yaml", "signups: [13700009001]", "signups: [13700009002]", 9, "演示账号“+8613700009002”不存在"),
    ("classes.yaml", "category: retired", "category: veteran", 12, "“category”的值“veteran”不在可选范围内"),
    ("culture.yaml", "hub: dongling, library: true", "hub: xiling, library: true", 9, "红岭之家“xiling”不存在"),
    ("culture.yaml", "  summary: 楼下的小书屋（示例）。\n", "", 2, "缺少必填项“summary”"),
    ("culture.yaml", "starts: 周六 15:00", "starts: 周八 15:00", 9, "“starts”的时间“周八 15:00”格式不对"),
    ("library.csv", "草房子,曹文轩,9787500000068", "草房子,曹文轩,9787500000020", 3, "与第 2 行重复"),
    ("library.csv", "9787500000068", "9787500000069", 3, "校验位"),
    ("users.yaml", ", display_name: 东岭党员老林", "", 4, "缺少必填项“display_name”"),
    ("users.yaml", "phone: 13700009001,", "phone: 1234,", 4, "有效的中国大陆手机号码"),
    ("users.yaml", "superuser: true}", "superuser: true, roles: [园长]}", 3, "角色“园长”不存在"),
]


def _broken(tmp_path, name: str, old: str, new: str) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(EXAMPLE, folder)
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


@pytest.mark.parametrize(("name", "old", "new", "line", "reason"), BAD)
def test_a_bad_entry_stops_the_seed_with_file_line_and_reason(tmp_path, settings, name, old, new, line, reason):
    settings.DEBUG = True
    before = SiteSettings.load().brand_name
    with pytest.raises(SeedError) as error:
        call_command("seed", folder=str(_broken(tmp_path, name, old, new)), verbosity=0)
    assert (error.value.path.name, error.value.line) == (name, line), str(error.value)
    assert reason in error.value.reason, error.value.reason
    assert str(error.value).startswith(f"{error.value.path}:{line}: ")
    assert SiteSettings.load().brand_name == before  # site.yaml and hubs.yaml were loaded first, and rolled back
    for model in (Hub, Article, Pioneer, Team, VolunteerActivity, Consultation, User, Course, Book, CultureEvent):
        assert not model.objects.exists(), model


def test_the_whole_file_is_checked_before_the_first_picture_is_drawn(tmp_path, settings, monkeypatch):
    """The cover of the first article is fine, the body's picture is not: nothing is drawn at all."""
    settings.DEBUG = True
    drawn = []
    for module in ("apps.news.seed", "apps.core.seeding"):
        monkeypatch.setattr(f"{module}.demo_picture", lambda *args, **kwargs: drawn.append(args))
    folder = _broken(tmp_path, "news.yaml", "](dump)", "](photo.jpg)")
    for path in folder.iterdir():  # the other apps draw their pictures (or need hubs) before news
        if path.name not in ("site.yaml", "news.yaml"):
            path.unlink()
    with pytest.raises(SeedError, match=r"photo\.jpg"):
        call_command("seed", folder=str(folder), verbosity=0)
    assert drawn == []


def test_markdown_bodies_become_the_rich_text_staff_write():
    text = "## 小标题\n\n第一段，\n接着写。\n\n- 一\n- 二\n\n相关链接：[学习强国](https://www.xuexi.cn/)\n\n"
    html = markdown_html(text + "<b>粗</b> & 1<2")
    assert html == (
        "<h2>小标题</h2><p>第一段，接着写。</p><ul><li>一</li><li>二</li></ul>"
        '<p>相关链接：<a href="https://www.xuexi.cn/">学习强国</a></p><p>&lt;b&gt;粗&lt;/b&gt; &amp; 1&lt;2</p>'
    )
    assert "<a" not in markdown_html("[点我](javascript:alert(1))")
    figure = markdown_html("![整治前（示意图）](dump)")
    assert figure.startswith('<figure><img src="/') and figure.endswith(
        "<figcaption>整治前（示意图）</figcaption></figure>"
    )
    assert Image.objects.get().alt == "整治前（示意图）"


def test_a_picture_of_an_unknown_scene_is_refused_before_drawing():
    entry = Entry(body="![湖](lake)")
    entry.line = 7
    with pytest.raises(SeedError, match="画面“lake”不在可选范围内"):
        entry_markdown(entry, "body")
    assert not Image.objects.exists()


def test_relative_days_count_from_the_day_of_seeding():
    entry = Entry(a="今天+3", b="今天-14 8:30", c="今天", d="2020-04-02 19:00", e="周六 10:00", f="周六", g="三天后")
    today = timezone.localdate()
    assert entry_date(entry, "a") == today + timedelta(days=3)
    assert entry_date(entry, "c") == today
    saturday = timezone.localtime(entry_moment(entry, "e"))
    assert saturday.weekday() == 5 and 1 <= (saturday.date() - today).days <= 7 and saturday.hour == 10
    assert entry_date(entry, "f") == saturday.date()  # the next Saturday after today, a week on from a Saturday
    moment = timezone.localtime(entry_moment(entry, "b"))
    assert (moment.date(), moment.hour, moment.minute) == (today - timedelta(days=14), 8, 30)
    assert timezone.localtime(entry_moment(entry, "d")).year == 2020  # history keeps its year
    with pytest.raises(SeedError, match="格式不对"):
        entry_date(entry, "b")  # a day, not a moment
    with pytest.raises(SeedError, match="“g”的时间“三天后”格式不对"):
        entry_moment(entry, "g")


@pytest.mark.parametrize(("today", "saturday"), [("2026-12-03", "2026-12-05"), ("2026-12-05", "2026-12-12")])
def test_a_weekday_is_the_next_one_after_today(monkeypatch, today, saturday):
    monkeypatch.setattr(timezone, "localdate", lambda: date.fromisoformat(today))
    assert entry_date(Entry(a="周六"), "a") == date.fromisoformat(saturday)
    assert entry_date(Entry(a="周四"), "a") == date.fromisoformat("2026-12-10")


def test_each_app_seeds_after_those_it_names_whatever_the_installed_order():
    modules = {
        "core": SimpleNamespace(),
        "pioneers": SimpleNamespace(SEED_AFTER=("hubs", "news")),
        "news": SimpleNamespace(SEED_AFTER=("accounts",)),
        "accounts": SimpleNamespace(),
        "hubs": SimpleNamespace(SEED_AFTER=("accounts",)),
    }
    order = seed_order(modules)
    assert order == ["core", "accounts", "hubs", "news", "pioneers"]
    with pytest.raises(CommandError, match="成了环"):
        seed_order({"a": SimpleNamespace(SEED_AFTER=("b",)), "b": SimpleNamespace(SEED_AFTER=("a",))})
    with pytest.raises(CommandError, match="没有这个应用"):
        seed_order({"a": SimpleNamespace(SEED_AFTER=("nowhere",))})


def test_the_portal_seeds_each_app_after_the_files_its_entries_name():
    """Whatever INSTALLED_APPS says: demo accounts and hubs before what names them, news before pioneers."""
    labels = ["culture", "pioneers", "classes", "news", "hubs", "accounts", "core"]  # the worst order
    order = seed_order({label: import_module(f"apps.{label}.seed") for label in labels})
    for later, earlier in [
        ("hubs", "accounts"),
        ("classes", "hubs"),
        ("classes", "accounts"),
        ("culture", "hubs"),
        ("culture", "accounts"),
        ("pioneers", "news"),
        ("pioneers", "hubs"),
        ("pioneers", "accounts"),
    ]:
        assert order.index(earlier) < order.index(later), (earlier, later)
