"""Demo content for 红岭先锋, from the source article's facts, written in our own words. Idempotent.

The four pioneers are published with consent on record (in a real deployment staff record it after
the person signs the consent form); the two teams run past and coming activities with attendance.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from apps.core.booking.checkin import registration_check_in
from apps.core.booking.services import registration_create
from apps.core.demo_images import demo_banner
from apps.core.models import Registration
from apps.hubs.models import Hub
from apps.news.models import Article

from .models import Pioneer, Team, VolunteerActivity
from .services import pioneer_consent_record, pioneer_publish

PIONEERS = [
    # name, hub slug, party years, theme, tagline, story paragraphs, related article title
    ("史宗映", "xinan", None, "mission", "七十一岁，疫情一来就报了名，冲在年轻人前面。", [
        "新冠肺炎疫情刚刚暴发，新安社区招募防疫志愿者的通知一发出，七十一岁的史宗映就来报名了。",
        "封闭小区出入口、给进出的人量体温、一笔一笔登记来往人员，这些又累又琐碎的活他抢着干。"
        "社区的年轻干部劝他多歇歇，他总说：老党员就该站在前面。",
        "在他身边，越来越多的居民主动加入了值守的队伍。",
    ], "七十一岁的史宗映：防疫一线总有他的身影"),
    ("卢孝东", "anziling", 45, "mission", "四十五年党龄，带着“70后红袖章”守护八一小区。", [
        "卢孝东是安子岭社区的老党员，入党已经四十五年。邻居们都叫他“卢嗲”。",
        "疫情期间，他带领八一小区的“70后红袖章”志愿服务队——一群七十来岁的老党员——"
        "在楼栋里张贴防控倡议，挨家挨户上门摸排情况，还耐心劝身边的老人出门戴好口罩。",
        "疫情过去，红袖章没有摘下：巡楼、宣传、帮邻居跑腿，成了这支队伍的日常。",
    ], "卢孝东和“70后红袖章”：一群老党员的防疫接力"),
    ("吴自成", None, None, "belief", "二十年不离不弃，照顾重病的妻子。", [
        "妻子患上甲状腺癌，生活不能自理，病情几次反复，医生一度说已经没有希望。",
        "吴自成没有放弃。近二十年里，他日复一日地照料妻子的饮食起居、陪她求医问药，硬是陪她走过了一个又一个难关。",
        "他说自己只是做了一个丈夫该做的事。邻里们却说，这份坚守本身就是一束光。",
    ], "守护二十年：吴自成的坚持感动邻里"),
    ("张海祥", "xilong", None, "duty", "年过七旬，仍把村里的事放在心上。", [
        "张海祥是西龙村的老党员，已经七十多岁了。",
        "村部建设要听意见，他认真琢磨、积极建言；村民有难处，他热心张罗、能帮就帮；村里的公益活动，也少不了他的身影。",
        "在他看来，党员的担当不在轰轰烈烈，而在每一件为村民办好的小事里。",
    ], "西龙村张海祥：年过七旬仍为村里事操心"),
]  # fmt: skip

TEAMS = [
    # name, hub slug, leader pioneer, leader name, summary, members, body
    ("党员志愿者先锋队", "anziling", None, "安子岭社区党委",
     "沿浏阳河畔巡查提醒，上下学时段在校门口护送孩子。", 16,
     "<p>先锋队由社区的在职和退休党员组成。每周沿浏阳河风光带巡查，提醒游客和钓鱼的居民注意安全；"
     "上学、放学时段在学校门口站岗，护送孩子过马路。欢迎居民报名一起参加。</p>"),
    ("“70后红袖章”志愿服务队", "bayi", "卢孝东", "",
     "八一小区七十来岁的老党员，巡楼、宣传、帮邻居跑腿。", 12,
     "<p>队员们大多年过七旬，戴上红袖章就是小区的“守门人”。疫情期间张贴倡议、入户摸排、劝导老人戴口罩；"
     "平时巡查楼道安全、宣传防诈骗知识，也帮行动不便的邻居取药、代办。</p>"),
]  # fmt: skip

ACTIVITIES = [
    # team index, title, days from today, start, minutes, capacity, description
    (0, "浏阳河畔安全巡查", -14, time(8, 30), 120, 12, "在社区服务站集合，分两组沿河巡查，提醒游客注意安全。"),
    (0, "浏阳河畔安全巡查", -7, time(8, 30), 120, 12, "在社区服务站集合，分两组沿河巡查，提醒游客注意安全。"),
    (0, "浏阳河畔安全巡查", 2, time(8, 30), 120, 12, "在社区服务站集合，分两组沿河巡查，提醒游客注意安全。"),
    (0, "校门口护学岗", 3, time(7, 20), 50, 6, "上学时段在学校门口护送孩子过马路，请穿好志愿者马甲。"),
    (1, "八一小区楼道安全巡查", -5, time(15, 0), 90, 10, "检查楼道堆物和消防通道，顺路看望独居老人。"),
    (1, "防诈骗知识进楼栋", 6, time(15, 0), 90, 10, "挨栋张贴防诈骗提示，给老人讲讲常见骗局。"),
]  # fmt: skip

VOLUNTEERS = ["+8613700000001", "+8613700000002", "+8613900000003"]


def _local(days: int, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=days), at))


def pioneers_seed(hubs) -> dict[str, Pioneer]:
    recorder = get_user_model().objects.filter(is_superuser=True).first()
    pioneers = {}
    for order, (name, slug, years, theme, tagline, story, article) in enumerate(PIONEERS):
        pioneer, created = Pioneer.objects.get_or_create(
            name=name,
            defaults={"hub": hubs.get(slug), "party_years": years, "theme": theme, "tagline": tagline,
                      "story": "".join(f"<p>{p}</p>" for p in story), "order": order},
        )  # fmt: skip
        if created:
            pioneer.photo = demo_banner(f"pioneer-{name}", alt=f"{name}所在的社区（示意图，非本人照片）")
            pioneer.save(update_fields=["photo"])
            pioneer.articles.set(Article.objects.filter(title=article))
            pioneer_consent_record(pioneer=pioneer, by=recorder, note="演示数据：本人签字同意书，存于所在社区。")
            pioneer_publish(pioneer=pioneer)
        pioneers[name] = pioneer
    return pioneers


def teams_seed(hubs, pioneers) -> list[Team]:
    teams = []
    for order, (name, slug, leader, leader_name, summary, members, body) in enumerate(TEAMS):
        team, created = Team.objects.get_or_create(
            name=name,
            defaults={"hub": hubs[slug], "leader": pioneers.get(leader), "leader_name": leader_name,
                      "summary": summary, "members_count": members, "body": body, "order": order},
        )  # fmt: skip
        if created:
            team.photo = demo_banner(f"team-{name}", alt=f"{name}（示意图）")
            team.save(update_fields=["photo"])
        teams.append(team)
    return teams


def activities_seed(teams) -> list[VolunteerActivity]:
    activities = []
    for index, title, days, at, minutes, capacity, description in ACTIVITIES:
        starts = _local(days, at)
        activity = VolunteerActivity.objects.filter(team=teams[index], starts_at=starts).first()
        if activity is None:
            activity = VolunteerActivity(
                team=teams[index], title=title, starts_at=starts, ends_at=starts + timedelta(minutes=minutes),
                capacity=capacity, description=description,
            )  # fmt: skip
            activity.full_clean()
            activity.save()
        activities.append(activity)
    return activities


def attendance_seed(activities) -> int:
    """Demo volunteers registered for and checked in at the past activities (their hours), and one coming."""
    users = list(get_user_model().objects.filter(phone__in=VOLUNTEERS))
    for activity in activities:
        past = activity.ends_at < timezone.now()
        for user in users if past else users[:1]:
            if Registration.objects.live().filter(occurrence=activity, user=user).exists():
                continue
            registration_create(occurrence=activity, user=user, now=activity.starts_at - timedelta(days=1))
            if past:
                registration_check_in(
                    occurrence=activity, user=user, method="staff", now=activity.starts_at + timedelta(minutes=5)
                )
    return len(users)


def run(*, demo_users: bool, volume: int) -> str:
    hubs = {hub.slug: hub for hub in Hub.objects.all()}
    if not {"xinan", "anziling", "bayi", "xilong"} <= hubs.keys():
        return "缺少红岭之家演示数据，已跳过"
    pioneers = pioneers_seed(hubs)
    teams = teams_seed(hubs, pioneers)
    activities = activities_seed(teams)
    volunteers = attendance_seed(activities) if demo_users else 0
    return f"{len(pioneers)} 位先锋，{len(teams)} 支服务队，{len(activities)} 场志愿服务，{volunteers} 位演示志愿者"
