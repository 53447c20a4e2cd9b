"""Demo content for 红岭课堂, from the source article's facts, written in our own words. Idempotent."""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from apps.core.booking.services import registration_create
from apps.core.demo_images import demo_banner
from apps.core.models import Registration
from apps.hubs.models import Hub

from .models import Course, MemberProfile, RedSite, Route, RouteStop, Session
from .seed_volume import VOLUME_MEMBER_PHONE, volume_sessions_seed, volume_signups_seed

SITES = [
    (
        "红船初心馆",
        "锦林社区党群服务中心二楼（演示地址）",
        "周二至周日 9:00–17:00",
        "用一艘红船讲起：党的初心从哪里来。",
    ),
    ("连心广场", "新安社区中心广场（演示地址）", "全天开放", "广场上的党史长廊和宣讲台，党员群众心连心。"),
    ("岭上清风园", "东宜兰园小区内（演示地址）", "全天开放", "以廉洁文化为主题的小游园，清风正气在身边。"),
]

COURSES = [
    # title, format, mode, audiences, teacher, summary, body
    ("讲习夜校：小区治理怎么议、怎么办", "night_school", "offline", [], "社区党总支书记",
     "晚上下班后来听：用身边的三方共商案例，讲清楚小区里的事怎么商量着办。",
     "<p>每周二晚上开课，面向在职党员和关心小区事务的居民。"
     "课上拆解锦林社区把荒地变成口袋公园的全过程：谁提出、谁牵头、怎么商量、怎么落实。</p>"),
    ("主题党日+：红色阵地半日行", "party_day", "offline", [], "街道组织委员",
     "沿着家门口的三处红色阵地走一圈，在现场上一堂党课。",
     "<p>从红船初心馆出发，经连心广场，到岭上清风园结束。每到一站有一段讲解和交流。</p>"),
    ("三会一课：支部书记讲党史", "three_one", "offline", ["retired", "working"], "支部书记",
     "按月开展的支部党课，围绕党史、国史中的重要节点展开。",
     "<h2>本期内容</h2><p>结合社区老党员的亲身经历，讲述党史中的关键时刻。</p>"),
    ("流动党校进小区", "mobile", "offline", ["retired", "mobile"], "街道党校讲师",
     "把党课送到小区楼下，年纪大、行动不便的党员也能就近参加，是“万名党员进党校”在小区里的一站。",
     "<p>讲政策、讲身边事，时间不长，欢迎带上问题来。线上+线下一起开课：来不了现场的，可以在网络党校看回放，"
     "做到人人皆学、处处能学、时时可学。</p>"),
    ("网络党校：一线防疫微党课（回放）", "online", "online", ["working", "youth", "mobile"], "街道党工委书记陈高峰",
     "2020 年疫情期间，陈高峰书记通过学习强国 APP 为奋战在防疫一线的党员上的一堂视频微党课。",
     "<p>这堂微党课最初通过<a href=\"https://www.xuexi.cn/\">学习强国</a> APP 面向全街道奋战在防疫一线的党员播出，"
     "现在整理成回放，适合碎片时间学习。</p>"),
    ("名家教授专题授课：读懂身边的政策", "expert", "hybrid", ["working", "retired"], "特邀高校教授（示例）",
     "请专家学者围绕党员群众关心的焦点问题开专题课，现场听讲，也可以线上收看。",
     "<p>名家教授专题授课是菜单式分类学的一道“菜”。本期题目为示例，讲后留出答疑时间。</p>"),
    ("身边党员模范宣讲：我的入党故事", "model_talk", "offline", ["retired", "youth"], "社区老党员（示例）",
     "请身边的党员模范讲自己的经历：一名党员，一面旗帜。",
     "<p>身边党员模范宣讲分享，由社区推荐的老党员、志愿者讲身边事。本期安排为示例。</p>"),
    ("观影课：走进复工影院看红色电影", "party_day", "offline", ["youth", "working"], "社区党委",
     "在复工的影院里看一部红色电影，散场后分组交流观后感。",
     "<p>以观影代替讲座，让内容更鲜活。名额有限，先到先得。</p>"),
]  # fmt: skip

MEMBERS = [
    # phone, branch slug, category, year joined
    ("+8613700000001", "jinlin", "working", 2008),
    ("+8613700000002", "xinan", "retired", 1985),
    ("+8613900000003", "bayi", "youth", 2019),
]


def _local(days: int, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=days), at))


def sites_seed() -> dict[str, RedSite]:
    sites = {}
    for order, (name, address, hours, summary) in enumerate(SITES):
        site, created = RedSite.objects.get_or_create(
            name=name, defaults={"address": address, "opening_hours": hours, "summary": summary, "order": order}
        )
        if created:
            site.photos.create(image=demo_banner(name, alt=f"{name}外景（示意图）"))
        sites[name] = site
    route, _ = Route.objects.get_or_create(
        title="初心之路：三处红色阵地",
        defaults={"summary": "从红船初心馆出发，经连心广场，到岭上清风园，半天走完。", "duration_minutes": 180},
    )
    for order, name in enumerate(SITES):
        RouteStop.objects.get_or_create(route=route, site=sites[name[0]], defaults={"order": order})
    return sites


def courses_seed(hubs) -> dict[str, Course]:
    courses = {}
    for title, fmt, mode, audiences, teacher, summary, body in COURSES:
        course, created = Course.objects.get_or_create(
            title=title,
            defaults={"format": fmt, "mode": mode, "audiences": audiences, "teacher": teacher, "summary": summary,
                      "body": body, "hub": hubs.get("jinlin")},
        )  # fmt: skip
        if created:
            course.cover = demo_banner(title, alt=f"{title}（示意图）")
            course.save(update_fields=["cover"])
        courses[fmt if fmt not in courses else title] = course
    return courses


def _session(course, *, days: int, at: time, minutes: int = 90, **fields) -> Session:
    starts = _local(days, at)
    session = Session.objects.filter(course=course, starts_at=starts).first()
    if session is None:
        session = Session(course=course, starts_at=starts, ends_at=starts + timedelta(minutes=minutes), **fields)
        session.save()
    return session


def _past_session(course, *, at: datetime, minutes: int, **fields) -> Session:
    """A session that happened on a known day (Changsha time), e.g. the 2020 micro-lesson."""
    starts = timezone.make_aware(at)
    session = Session.objects.filter(course=course, starts_at=starts).first()
    if session is None:
        session = Session(course=course, starts_at=starts, ends_at=starts + timedelta(minutes=minutes), **fields)
        session.save()
    return session


def sessions_seed(courses, sites, hubs) -> list[Session]:
    night, day = courses["night_school"], courses["party_day"]
    three_one, mobile, online = courses["three_one"], courses["mobile"], courses["online"]
    film = courses["观影课：走进复工影院看红色电影"]
    expert, model_talk = courses["expert"], courses["model_talk"]
    route = Route.objects.first()
    return [
        _session(night, days=-14, at=time(19, 30), capacity=40, venue_hub=hubs["jinlin"]),
        _session(night, days=-7, at=time(19, 30), capacity=40, venue_hub=hubs["jinlin"]),
        _session(night, days=3, at=time(19, 30), capacity=40, venue_hub=hubs["jinlin"]),
        _session(night, days=10, at=time(19, 30), capacity=40, venue_hub=hubs["jinlin"]),
        _session(day, days=6, at=time(9, 0), minutes=180, capacity=4, venue_site=sites["红船初心馆"], route=route),
        _session(three_one, days=-20, at=time(15, 0), capacity=30, venue_hub=hubs["xinan"]),
        _session(three_one, days=12, at=time(15, 0), capacity=30, venue_hub=hubs["xinan"]),
        _session(mobile, days=5, at=time(10, 0), capacity=3, venue_hub=hubs["bayi"]),
        _past_session(online, at=datetime(2020, 2, 20, 20, 0), minutes=30, capacity=500,
                      replay_url="https://example.cn/replay/1", checkin_code="2020"),  # 2020: when it was given
        _session(expert, days=15, at=time(19, 0), capacity=60, venue_hub=hubs["jinlin"]),
        _session(model_talk, days=18, at=time(15, 0), capacity=30, venue_hub=hubs["xinan"]),
        _session(film, days=8, at=time(14, 0), minutes=150, capacity=2, members_only=False,
                 place="马坡岭街道附近影院（演示地址）"),
    ]  # fmt: skip


def members_seed(hubs) -> list:
    User = get_user_model()
    admin = User.objects.filter(is_superuser=True).first()
    members = []
    for phone, slug, category, year in MEMBERS:
        user = User.objects.filter(phone=phone).first()
        if user is None:
            continue
        MemberProfile.objects.update_or_create(
            user=user,
            defaults={"branch": hubs[slug], "category": category, "year_joined": year, "status": "verified",
                      "verified_by": admin, "verified_at": timezone.now()},
        )  # fmt: skip
        members.append(user)
    return members


def attendance_seed(sessions, members) -> None:
    """Past sessions with attendance, one nearly full and one full session with a waitlist."""
    if not members:
        return
    past = [s for s in sessions if s.ends_at < timezone.now()]
    for session in past:
        for user in members:
            registration, _ = Registration.objects.get_or_create(
                occurrence=session, user=user, status=Registration.Status.CONFIRMED,
                defaults={"created_at": session.starts_at - timedelta(days=2), "confirmed_at": session.starts_at},
            )  # fmt: skip
            if not registration.checked_in_at:
                registration.checked_in_at = session.starts_at + timedelta(minutes=5)
                registration.checkin_method = "qr"
                registration.save(update_fields=["checked_in_at", "checkin_method"])
    nearly_full = next(s for s in sessions if s.capacity == 3)  # 流动党校: 2 of 3 seats taken
    full = next(s for s in sessions if s.capacity == 2)  # 观影课: full, one waiting
    for session, users in ((nearly_full, members[:2]), (full, members)):
        for user in users:
            if not Registration.objects.live().filter(occurrence=session, user=user).exists():
                registration_create(occurrence=session, user=user)


def run(*, demo_users: bool, volume: int) -> str:
    hubs = {hub.slug: hub for hub in Hub.objects.all()}
    if not {"jinlin", "xinan", "bayi"} <= hubs.keys():
        return "缺少红岭之家演示数据，已跳过"
    sites = sites_seed()
    courses = courses_seed(hubs)
    sessions = sessions_seed(courses, sites, hubs)
    members = members_seed(hubs) if demo_users else []
    attendance_seed(sessions, members)
    if volume:
        bulk = volume_sessions_seed(hubs, volume)
        member = next((m for m in members if m.phone == VOLUME_MEMBER_PHONE), None)
        if member:
            volume_signups_seed(bulk, member, volume)
    counts = f"{Course.objects.count()} 门课程，{Session.objects.count()} 个场次"
    return f"{len(sites)} 处阵地，{counts}，{len(members)} 位演示党员"
