"""`seed --volume N` for news: N bulk articles for load tests and the search benchmark. Idempotent (topped up to N).

They are composed from the few topics and paragraphs below (generated data, not demo content) and written with
bulk_create; their search entries are rebuilt afterwards.
"""

import random
from datetime import timedelta

from django.utils import timezone
from django.utils.html import escape

from apps.core.search.index import search_index_rebuild

from .models import Article

VOLUME_SOURCE = "红岭+（批量演示）"
VOLUME_TOPICS = [
    ("讲习夜校", "classes", "讲习夜校本周开讲党建新课，党员下班后就近学习。"),
    ("网络党校", "classes", "网络党校上线新一批视频课程，支持回放和直播。"),
    ("三方共商", "hubs", "小区党支部召集部门、街道和居民代表三方共商停车难题。"),
    ("远大路", "hubs", "远大路沿线路面修补完成，夜间照明也得到改善。"),
    ("卢孝东", "pioneers", "卢孝东带领志愿服务队开展邻里互助和安全巡逻。"),
    ("史宗映", "pioneers", "史宗映参加社区志愿服务，帮助独居老人采购生活用品。"),
    ("读书分享会", "culture", "社区图书馆举办读书分享会，居民交流阅读心得。"),
    ("图书漂流", "culture", "图书漂流活动让闲置书籍在邻里之间流动起来。"),
]
VOLUME_PARAGRAPHS = [
    "马坡岭街道坚持党建引领，把服务延伸到小区楼栋，让居民在家门口就能办成事。",
    "活动现场气氛热烈，不少居民带着孩子一起参加，大家纷纷表示这样的活动应该多办。",
    "社区工作人员提醒，参加活动请提前报名，并留意红岭+网站上公布的时间和地点。",
    "下一步，街道将继续收集居民意见，把大家最关心的事情列入民生实事清单。",
    "志愿者们分工明确，有人负责签到引导，有人负责讲解，整个过程井然有序。",
    "党员们表示，要把学到的内容用到为群众服务的实际行动中去。",
]


def volume_seed(volume: int) -> int:
    """Top the bulk articles up to `volume` with bulk_create, then rebuild their search entries."""
    have = Article.objects.filter(source=VOLUME_SOURCE).count()
    if have >= volume:
        return 0
    rng = random.Random(volume)
    now = timezone.now()
    batch = []
    for n in range(have, volume):
        keyword, pillar, lead = VOLUME_TOPICS[n % len(VOLUME_TOPICS)]
        paragraphs = rng.sample(VOLUME_PARAGRAPHS, 3)
        batch.append(
            Article(
                title=f"{keyword}简讯（第 {n + 1} 期）",
                pillar=pillar,
                summary=lead,
                body="".join(f"<p>{escape(p)}</p>" for p in [lead, *paragraphs]),
                source=VOLUME_SOURCE,
                status=Article.Status.PUBLISHED,
                published_at=now - timedelta(days=30 + n % 1500, minutes=n),
            )
        )
    # bulk_create skips save() (and so the sanitizer's pre_save): the bodies above are escaped plain paragraphs.
    Article.objects.bulk_create(batch, batch_size=1000)
    search_index_rebuild(keys=["news.article"])
    return volume - have
