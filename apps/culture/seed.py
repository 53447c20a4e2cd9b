"""Demo content for 红岭文化, from the source article's facts, written in our own words. Idempotent.

A season of events (past and coming, with this weekend's story time for families), the community
library with a small catalogue (demo ISBNs with valid check digits), and one drifting book's journey.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from apps.core.booking.bulk import occurrences_bulk_create
from apps.core.demo_images import demo_banner
from apps.core.search.index import search_index_rebuild
from apps.hubs.models import Hub

from .models import Book, CultureEvent, DriftBook, DriftLog, Library

VOLUME_TITLE = "演示活动"

LIBRARY = {
    "name": "新安社区公益图书馆",
    "address": "马坡岭街道新安社区党群服务中心一楼（演示地址）",
    "opening_hours": "周二至周日 9:00–12:00，14:30–20:00",
    "phone": "0731-8000-0102",
    "summary": "社区提质改造时建起的公益图书馆，藏书覆盖党史、文学、少儿和生活健康，老人孩子都爱来。",
    "rules": "<ul><li>凭本人手机号在前台登记即可借阅，每人每次最多 3 册，借期 30 天。</li>"
    "<li>少儿绘本区欢迎家长陪同孩子阅读。</li><li>爱惜图书，损坏请照价赔偿；馆内请保持安静。</li></ul>",
}

EVENTS = [
    # category, title, days, start, minutes, audience, capacity, hub slug, at library, summary
    ("countryside", "文化科技卫生“三下乡”走进西龙村", -30, time(9, 0), 180, "everyone", None, "xilong", False,
     "义诊、科普展板和送书下乡，村部门口热热闹闹一上午。"),
    ("reading", "读书分享会：重读《平凡的世界》", -21, time(19, 0), 90, "everyone", 25, "xinan", True,
     "几位老党员和年轻居民一起聊聊孙少平、孙少安兄弟的奋斗。"),
    ("drift", "图书漂流会：把好书送上旅程", -10, time(15, 0), 90, "everyone", None, "xinan", True,
     "带一本读过的好书来，贴上漂流标签，放到下一个社区去。"),
    ("film", "送电影进小区：露天放映《我和我的祖国》", -5, time(19, 30), 150, "everyone", None, "bayi", False,
     "小区广场上拉起幕布，自带小板凳，一起看一场电影。"),
    ("story", "寒暑假圈圈故事会：小蝌蚪找妈妈", None, time(10, 0), 60, "families", 20, "xinan", True,
     "孩子们围成一圈听绘本故事，再演一演、画一画。时间、讲故事的人和适合年龄为示例，请家长陪同。"),
    ("talk", "微宣讲：身边的防诈骗故事", 4, time(15, 0), 60, "everyone", 30, "jinlin", False,
     "社区民警和党员宣讲员用身边真实的案例，讲讲老人最容易碰到的骗局。"),
    ("square", "牵手芙蓉·广场文化月月演", 9, time(19, 30), 120, "everyone", None, "xinan", False,
     "社区文艺队的合唱、广场舞和花鼓戏选段，欢迎带家人来看。"),
    ("reading", "读书分享会：《红星照耀中国》", 12, time(19, 0), 90, "everyone", 25, "xinan", True,
     "一起读一本外国记者笔下的红色中国，聊聊书里最打动你的人。"),
    ("neighbours", "邻里节：百家宴和跳蚤市场", 16, time(16, 0), 180, "everyone", None, "anziling", False,
     "每家带一道拿手菜，闲置物品换一换，认识认识楼上楼下的邻居。"),
    ("story", "寒暑假圈圈故事会：团圆", 20, time(10, 0), 60, "families", 20, "xinan", True,
     "讲一个关于过年回家的绘本故事，再一起剪窗花。时间和适合年龄为示例，请家长陪同。"),
]  # fmt: skip

BOOKS = [
    # title, author, category, copies, available
    ("平凡的世界", "路遥", "literature", 3, 1), ("红岩", "罗广斌 杨益言", "literature", 2, 2),
    ("骆驼祥子", "老舍", "literature", 2, 1), ("朝花夕拾", "鲁迅", "literature", 2, 2),
    ("城南旧事", "林海音", "literature", 2, 0), ("草房子", "曹文轩", "children", 3, 2),
    ("青铜葵花", "曹文轩", "children", 2, 2), ("小蝌蚪找妈妈", "", "children", 4, 3),
    ("团圆", "余丽琼", "children", 3, 3), ("中国共产党简史", "", "party", 5, 4),
    ("红星照耀中国", "埃德加·斯诺", "party", 4, 2), ("长征", "王树增", "party", 2, 1),
    ("湖湘文化十讲", "", "history", 1, 1), ("三国演义", "罗贯中", "history", 2, 2),
    ("十万个为什么", "", "science", 3, 3), ("老年人居家健康手册", "", "life", 3, 3),
]  # fmt: skip

DRIFT = ("PL-0001", "平凡的世界", "xinan", [(-9, "anziling", "在河边长椅上读完了第一部，放到安子岭社区服务站。"),
                                         (-4, "bayi", "八一小区活动室捡到，读得停不下来。"),
                                         (-1, "jinlin", "")])  # fmt: skip


def _local(days: int, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=days), at))


def demo_isbn(n: int) -> str:
    """A made-up ISBN-13 in the 978-7 (China) range with a correct check digit."""
    body = f"97875{n:07d}"
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def library_seed(hubs) -> Library:
    library, created = Library.objects.get_or_create(
        name=LIBRARY["name"], defaults={**{k: v for k, v in LIBRARY.items() if k != "name"}, "hub": hubs["xinan"]}
    )
    if created:
        library.photo = demo_banner("library-xinan", alt="提质后的社区图书馆（示意图）")
        library.save(update_fields=["photo"])
    for n, (title, author, category, copies, available) in enumerate(BOOKS, start=1):
        Book.objects.get_or_create(
            isbn=demo_isbn(n),
            defaults={"title": title, "author": author, "category": category, "copies": copies, "available": available},
        )
    return library


def _how_to_join(audience: str, capacity: int | None) -> str:
    if audience == "families":
        return "<p>请家长登录后为孩子报名，填写孩子的小名和年龄；活动当天请陪同孩子提前十分钟到场签到。</p>"
    if capacity:
        return "<p>场地座位有限，请登录后报名；来不了请提前取消报名，把名额让给其他邻居。</p>"
    return "<p>无需报名，欢迎直接到场，带上家人和邻居一起来。</p>"


def _saturday() -> tuple[int, time]:
    days = (5 - timezone.localdate().weekday()) % 7
    return days, time(10, 0) if days else time(16, 0)


def events_seed(hubs, library) -> int:
    for category, title, days, at, minutes, audience, capacity, slug, at_library, summary in EVENTS:
        if days is None:
            days, at = _saturday()
        starts = _local(days, at)
        if CultureEvent.objects.filter(title=title, starts_at=starts).exists():
            continue
        event = CultureEvent(
            category=category, title=title, starts_at=starts, ends_at=starts + timedelta(minutes=minutes),
            audience=audience, capacity=capacity, venue_hub=hubs[slug], library=library if at_library else None,
            summary=summary, body=_how_to_join(audience, capacity),
        )  # fmt: skip
        event.poster = demo_banner(f"culture-{title}", alt=f"{title}海报（示意图）")
        event.full_clean()
        event.save()
    return CultureEvent.objects.count()


def volume_events_seed(hubs, volume: int) -> int:
    """`seed --volume N`: N/10 events over the past and the coming year, for load tests. Topped up, not repeated.

    Inserted in bulk (a thousand saves take minutes on a busy machine), then indexed for search."""
    have = CultureEvent.objects.filter(title__startswith=VOLUME_TITLE).count()
    if have >= volume // 10:
        return 0
    slugs = sorted(hubs)
    categories = [c for c in CultureEvent.Category if c not in CultureEvent.LIBRARY_CATEGORIES]
    events = []
    for n in range(have, volume // 10):
        starts = _local(n % 730 - 365, time(9 + n % 11, 0))
        capacity = 30 if n % 2 else None
        events.append(
            CultureEvent(
                category=categories[n % len(categories)], title=f"{VOLUME_TITLE} {n + 1}", starts_at=starts,
                ends_at=starts + timedelta(minutes=90), capacity=capacity, venue_hub=hubs[slugs[n % len(slugs)]],
                summary="用于性能测试的演示活动。", body=_how_to_join("everyone", capacity),
            )
        )  # fmt: skip
    occurrences_bulk_create(events)
    search_index_rebuild(keys=["culture.cultureevent"])
    return len(events)


def drift_seed(hubs) -> None:
    code, title, start, stops = DRIFT
    book = Book.objects.filter(title=title).first()
    drift_book, created = DriftBook.objects.get_or_create(
        code=code,
        defaults={"title": title, "book": book, "released_hub": hubs[start],
                  "released_at": timezone.localdate() - timedelta(days=10)},
    )  # fmt: skip
    if not created:
        return
    logger = get_user_model().objects.filter(phone="+8613900000003").first()
    for days, slug, note in stops:
        DriftLog.objects.create(
            drift_book=drift_book, hub=hubs[slug], note=note, logged_at=_local(days, time(18, 0)), logged_by=logger
        )


def run(*, demo_users: bool, volume: int) -> str:
    hubs = {hub.slug: hub for hub in Hub.objects.all()}
    if not {"xinan", "anziling", "bayi", "xilong", "jinlin"} <= hubs.keys():
        return "缺少红岭之家演示数据，已跳过"
    library = library_seed(hubs)
    events = events_seed(hubs, library)
    if volume:
        events = volume_events_seed(hubs, volume) + events
    drift_seed(hubs)
    return f"{events} 场文化活动，{Book.objects.count()} 种馆藏图书，{DriftBook.objects.count()} 本漂流书"
