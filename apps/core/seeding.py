"""Demo content as data: YAML files in a seeds folder, read by a thin loader in each app.

`manage.py seed` reads `seeds/` at the top of the repository; `seed --from DIR` reads another subdistrict's
folder. A loader asks for its file with `seed_file("hubs.yaml")`, checks each entry with `entry_fields()` and
the other readers here, and writes through the app's services, so seeded content obeys the same rules as
staff input. A bad entry stops the whole seed with `SeedError` naming the file, the line and the reason (the
seed command runs in one transaction, so the database is left as it was). An app whose file is missing from
the folder seeds nothing of that kind.
"""

import re
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, time, timedelta
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.html import escape

from .booking.checkin import checkin_token, registration_check_in
from .booking.services import registration_create
from .demo_images import PICTURE_SCENES, demo_picture
from .models import Registration

SEEDS_DIR = settings.BASE_DIR / "seeds"
SIGNED_UP_BEFORE = timedelta(days=2)  # when the demo sign-ups of an occurrence already over signed up
CHECKED_IN_AFTER = timedelta(minutes=5)  # and when they arrived
_folder: ContextVar[Path] = ContextVar("seeds_folder", default=SEEDS_DIR)


class SeedError(CommandError):
    """A seeds file that cannot be loaded: `file:line: reason`, in Chinese, for whoever edits the file."""

    def __init__(self, path: Path, line: int, reason: str):
        self.path, self.line, self.reason = path, line, reason
        super().__init__(f"{path}:{line}: {reason}")


class Entry(dict):
    """A mapping read from a seeds file, with the line it starts on (1-based) and its file."""

    line: int = 0
    path: Path = Path()

    def error(self, reason: str) -> SeedError:
        return SeedError(self.path, self.line, reason)

    def item(self, **fields) -> "Entry":
        """`fields` as an entry on this entry's line: one item of a list field, checked with the same readers."""
        item = Entry(fields)
        item.line, item.path = self.line, self.path
        return item


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, keeping each mapping's line and file, and leaving dates as text for our reader."""

    path: Path = Path()


def _entry_construct(loader: _Loader, node):
    entry = Entry()
    entry.line, entry.path = node.start_mark.line + 1, loader.path
    yield entry
    entry.update(loader.construct_mapping(node))


_Loader.add_constructor("tag:yaml.org,2002:map", _entry_construct)
# Dates stay strings (YAML would turn 2020-04-02 into a date but 2020-4-2 into text): one reader checks them all.
_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in _Loader.yaml_implicit_resolvers.items()
}
# A time of day stays text too (YAML 1.1 reads 19:30 as the base-60 number 1170).
for _digit in "0123456789":
    _Loader.yaml_implicit_resolvers[_digit].insert(0, ("tag:yaml.org,2002:str", re.compile(r"^[0-9]{1,2}:[0-9]{2}$")))


@contextmanager
def seeds_from(folder: Path | str) -> Iterator[Path]:
    """Read seeds files from `folder` inside this block (the seed command's `--from`)."""
    folder = Path(folder).resolve()
    if not folder.is_dir():
        raise CommandError(f"找不到演示数据文件夹：{folder}")
    token = _folder.set(folder)
    try:
        yield folder
    finally:
        _folder.reset(token)


def seeds_folder() -> Path:
    return _folder.get()


def seed_file(name: str) -> Entry | None:
    """The top-level mapping of `name` in the seeds folder, or None when the folder has no such file."""
    path = seeds_folder() / name
    if not path.is_file():
        return None
    loader = _Loader(path.read_text(encoding="utf-8"))
    loader.path = path
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise SeedError(path, (mark.line + 1) if mark else 1, f"YAML 格式有误：{error.problem}") from error
    finally:
        loader.dispose()
    if data is None:
        return Entry()
    if not isinstance(data, Entry):
        raise SeedError(path, 1, "文件的最外层应当是“名称: 内容”的映射。")
    return data


def entry_list(parent: Entry, key: str) -> list[Entry]:
    """`parent[key]` as a list of mappings (an absent key is an empty list)."""
    items = parent.get(key) or []
    if not isinstance(items, list):
        raise parent.error(f"“{key}”应当是一个列表（每项以“- ”开头）。")
    for item in items:
        if not isinstance(item, Entry):
            raise parent.error(f"“{key}”的每一项都应当是“名称: 内容”的映射。")
    return items


def entry_fields(entry: Entry, *, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> Entry:
    """Check that `entry` has every required field (not empty) and no field outside the two lists."""
    for name in required:
        if entry.get(name) in (None, ""):
            raise entry.error(f"缺少必填项“{name}”。")
    unknown = sorted(set(entry) - set(required) - set(optional))
    if unknown:
        raise entry.error(f"不认识的字段“{unknown[0]}”，可用的字段：{'、'.join((*required, *optional))}。")
    return entry


def entry_choice(entry: Entry, name: str, choices) -> str:
    """`entry[name]`, which must be one of `choices` (a list of values or a mapping of value → label)."""
    value = entry.get(name)
    if value not in choices:
        raise entry.error(f"“{name}”的值“{value}”不在可选范围内：{'、'.join(str(c) for c in choices)}。")
    return value


def entry_flag(entry: Entry, name: str) -> bool:
    """`entry[name]` written true or false (absent: false)."""
    value = entry.get(name, False)
    if not isinstance(value, bool):
        raise entry.error(f"“{name}”只能写 true（是）或 false（否），现在是“{value}”。")
    return value


def entry_count(entry: Entry, name: str) -> int | None:
    """`entry[name]`, a whole number not below 0 (a count, minutes, seats), or None when absent."""
    value = entry.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise entry.error(f"“{name}”应当是一个不小于 0 的整数，现在是“{value}”。")
    return value


def entry_date(entry: Entry, name: str) -> date | None:
    """`entry[name]` written as YYYY-MM-DD, or relative to the day of seeding (`_relative_day`): 今天, 今天+3,
    今天-14, 周六; None when absent. Relative days are for what must stay upcoming (a class next week); history
    keeps its true date."""
    value = entry.get(name)
    if value in (None, ""):
        return None
    relative = _RELATIVE.fullmatch(str(value).strip())
    if relative and not relative["time"]:
        return _relative_day(relative)
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise entry.error(
            f"“{name}”的日期“{value}”格式不对，请写成 2020-04-02 这样的 年-月-日，或 今天+3、周六 这样相对今天的日子。"
        ) from None


def entry_moment(entry: Entry, name: str) -> datetime | None:
    """`entry[name]` written as YYYY-MM-DD or YYYY-MM-DD HH:MM, Changsha time, or relative to the day of seeding
    as 今天+3 19:30 (今天 8:30, 今天-14 8:30, 周六 10:00…: see `_relative_day`); None when absent."""
    value = entry.get(name)
    if value in (None, ""):
        return None
    relative = _RELATIVE.fullmatch(str(value).strip())
    try:
        if relative:
            clock = time.fromisoformat(f"{int(relative['hour']):02}:{relative['minute']}")
            moment = datetime.combine(_relative_day(relative), clock)
        else:
            moment = datetime.fromisoformat(str(value))
    except (ValueError, TypeError):
        raise entry.error(
            f"“{name}”的时间“{value}”格式不对，请写成 2020-04-02 或 2020-04-02 19:00，"
            "或 今天+3 19:00、周六 10:00 这样相对今天的时间。"
        ) from None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def entry_ref(entry: Entry, name: str, known: Mapping | Collection, *, what: str, where: str):
    """The object `entry[name]` names in `known` (a hub by slug, a course by key…), or the name itself when `known`
    is a set of names; an unknown name is an error."""
    value = entry.get(name)
    if value not in known:
        raise entry.error(f"{what}“{value}”不存在：请先在 {where} 里列出它。")
    return known[value] if isinstance(known, Mapping) else value


WEEKDAYS = "一二三四五六日"
_RELATIVE = re.compile(
    rf"(?:今天(?P<days>[+-]\d{{1,4}})?|周(?P<weekday>[{WEEKDAYS}]))(?P<time>\s+(?P<hour>\d{{1,2}}):(?P<minute>\d{{2}}))?"
)


def days_from_today(days: int, at: time) -> datetime:
    """`at` o'clock (Changsha time) `days` after the day the seed runs (before it when negative): the bulk data's."""
    return timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=days), at))


def _relative_day(relative: re.Match) -> date:
    """The day `relative` (a match of `_RELATIVE`) names, counted from the day the seed runs: 今天+3 is in three
    days, 今天-7 a week ago, 周六 the next Saturday after today (a week on when today is Saturday)."""
    today = timezone.localdate()
    if relative["weekday"]:
        return today + timedelta(days=(WEEKDAYS.index(relative["weekday"]) - today.weekday() - 1) % 7 + 1)
    return today + timedelta(days=int(relative["days"] or 0))


def entry_markdown(entry: Entry, name: str) -> str:
    """`entry[name]`, a text in the seeds' Markdown (see `markdown_html`), with its pictures' scenes checked."""
    text = entry.get(name) or ""
    if not isinstance(text, str):
        raise entry.error(f"“{name}”应当是一段文字（多段时写在“{name}: |”下面，每行缩进）。")
    for picture in _MD_PICTURE.finditer(text):
        if picture["scene"] not in PICTURE_SCENES:
            raise entry.error(
                f"“{name}”里图片“{picture['caption']}”的画面“{picture['scene']}”不在可选范围内："
                f"{'、'.join(PICTURE_SCENES)}。"
            )
    return text


def entry_picture(entry: Entry, name: str) -> Entry | None:
    """`entry[name]`, a picture to draw written {scene: …, caption: …} (the scene one of `PICTURE_SCENES`), or None
    when absent. `demo_picture(**picture)` draws it."""
    picture = entry.get(name)
    if picture in (None, ""):
        return None
    if not isinstance(picture, Entry):
        raise entry.error(f"“{name}”应当写成 {{scene: 画面, caption: 说明}}。")
    entry_fields(picture, required=("scene", "caption"))
    entry_choice(picture, "scene", PICTURE_SCENES)
    return picture


def markdown_html(text: str, *, key: str = "") -> str:
    """The seeds' Markdown as rich text: paragraphs separated by a blank line (a paragraph's lines are joined
    without a space, as Chinese is written), `## ` and `### ` sub-headings, `- ` list items, links written
    [文字](https://…), and pictures written ![说明](scene) on a line of their own, drawn by `core.demo_images`
    (a landscape chosen by `key` and the picture's place in the text)."""
    html = []
    for number, block in enumerate(re.split(r"\n\s*\n", text.strip())):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        if picture := _MD_PICTURE.fullmatch(" ".join(lines)):
            image = demo_picture(picture["scene"], caption=picture["caption"], key=f"{key}-{number}")
            html.append(
                f'<figure><img src="{escape(image.file.url)}" alt="{escape(image.alt)}" width="{image.width}" '
                f'height="{image.height}"><figcaption>{escape(image.caption)}</figcaption></figure>'
            )
        elif heading := re.fullmatch(r"(#{2,3})\s+(.+)", lines[0]):
            level = len(heading[1])
            html.append(f"<h{level}>{_md_inline(heading[2])}</h{level}>")
            if lines[1:]:
                html.append(f"<p>{_md_inline(''.join(lines[1:]))}</p>")
        elif all(line.startswith("- ") for line in lines):
            html.append("<ul>" + "".join(f"<li>{_md_inline(line[2:].strip())}</li>" for line in lines) + "</ul>")
        else:
            html.append(f"<p>{_md_inline(''.join(lines))}</p>")
    return "".join(html)


_MD_PICTURE = re.compile(r"!\[(?P<caption>[^\]]+)\]\((?P<scene>[^)\s]*)\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")


def _md_inline(text: str) -> str:
    return _MD_LINK.sub(r'<a href="\2">\1</a>', str(escape(text)))


def entry_save(entry: Entry, instance):
    """Save a model instance built (or updated) from `entry`, after the model's own checks (`full_clean`, reported
    as the entry's error). For rows whose app has no create service: the model holds their rules."""
    with entry_rules(entry):
        instance.full_clean()
    instance.save()
    return instance


@contextmanager
def entry_rules(entry: Entry) -> Iterator[None]:
    """Report a service's or model's ValidationError as this entry's error (same words as staff see)."""
    try:
        yield
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            reasons = [f"{name}：{'；'.join(messages)}" for name, messages in error.message_dict.items()]
        else:
            reasons = error.messages
        raise entry.error("；".join(reasons)) from error


def entry_signups(entry: Entry, occurrence, users, *, checkin: str) -> int:
    """`users` (demo accounts, in the entry's order) sign up for `occurrence` through the booking engine (a seat or
    the waitlist, by its rules); at one already over they signed up two days before and were checked in five
    minutes after it began (`checkin`: "qr", the venue's code, or "staff"). Someone with a registration there,
    even a cancelled one, is left as they are: seeding again signs nobody up twice or against their cancelling."""
    over = occurrence.ends_at < timezone.now()
    added = 0
    for user in users:
        if Registration.objects.filter(occurrence=occurrence, user=user).exists():
            continue
        with entry_rules(entry):
            registration_create(
                occurrence=occurrence, user=user, now=occurrence.starts_at - SIGNED_UP_BEFORE if over else None
            )
            if over:
                arrived = occurrence.starts_at + CHECKED_IN_AFTER
                token = checkin_token(occurrence, arrived) if checkin == "qr" else ""
                registration_check_in(occurrence=occurrence, user=user, method=checkin, token=token, now=arrived)
        added += 1
    return added
