"""Demo content for 红岭之家: hubs, services, and the pocket-park case from report to finished project.

Idempotent: every object is looked up by a natural key first; the demo case is built only once.
Demo images are drawn with Pillow (no downloads). The hub staff account exists only with demo users.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from . import services
from .lifecycle import Status
from .models import (
    Category,
    Consultation,
    Hub,
    HubPhoto,
    Milestone,
    Participant,
    Project,
    ProjectPhoto,
    Report,
    Service,
)
from .seed_content import AREAS, CATEGORIES, HUBS, PROJECTS, SERVICES, at
from .seed_pictures import demo_picture
from .seed_volume import volume_seed

STAFF_GROUP = "社区工作人员"
STAFF_EMAIL = "jinlin-staff@example.com"
STREET_GROUP = "街道管理员"
STREET_EMAIL = "street@example.com"  # a demo account (apps/accounts/seed.py)
STAFF_PHONE = "+8613600000001"
RESIDENT_PHONES = ("+8613900000001", "+8613900000002", "+8613900000003")


def hubs_seed() -> dict[str, Hub]:
    hubs = {}
    for order, (slug, name, kind, parent, summary, address, phone, hours) in enumerate(HUBS):
        hub, _ = Hub.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name, "kind": kind, "parent": hubs.get(parent), "summary": summary,
                "address": address, "phone": phone, "opening_hours": hours, "order": order,
            },
        )  # fmt: skip
        if not hub.areas and AREAS.get(slug):
            hub.areas = AREAS[slug]
            hub.save(update_fields=["areas"])
        hubs[slug] = hub
        if not hub.photos.exists() and kind != "branch":
            HubPhoto.objects.create(hub=hub, image=demo_picture("hub", f"{name}红岭之家外景（示意图）"))
    for order, (slug, name, summary, audience, how, schedule) in enumerate(SERVICES):
        Service.objects.get_or_create(
            hub=hubs[slug],
            name=name,
            defaults={
                "summary": summary,
                "audience": audience,
                "how_to_ask": how,
                "schedule": schedule,
                "order": order,
            },
        )
    for order, name in enumerate(CATEGORIES):
        Category.objects.get_or_create(name=name, defaults={"order": order})
    return hubs


def staff_seed(hub: Hub):
    """(Demo only) a staff account for 锦林社区, and the demo street account, put into the roles their
    migration made (hubs/0007_staff_roles) by name: the seed grants no permission."""
    group = Group.objects.get(name=STAFF_GROUP)
    from apps.accounts.seed import DEMO_PASSWORD

    User = get_user_model()
    user = User.objects.filter(phone=STAFF_PHONE).first()
    if user is None:
        user = User.objects.create_user(
            email=STAFF_EMAIL, password=DEMO_PASSWORD, phone=STAFF_PHONE, display_name="锦林社区工作人员",
            real_name="演示社工", is_staff=True, phone_verified=True,
        )  # fmt: skip
    user.groups.add(group)
    hub.staff.add(user)
    if street := User.objects.filter(email=STREET_EMAIL).first():
        street.groups.add(Group.objects.get(name=STREET_GROUP))
    return user


def _case(*, reporter, staff, hubs, category: str, hub: str, title: str, description: str, place: str,
          steps: list, show_name: bool = False, submitted=None, **extra) -> Report:  # fmt: skip
    """A report with its history, built through the services with past dates."""
    report = Report.objects.filter(title=title, hub=hubs[hub]).first()
    if report:
        return report
    report = services.report_submit(
        reporter=reporter, title=title, description=description, category=Category.objects.get(name=category),
        hub=hubs[hub], place=place, photos=[], show_name=show_name, at=submitted,
    )  # fmt: skip
    for to_status, when, message in steps:
        if to_status == Status.CONFIRMED:
            services.report_confirm(report=report, user=reporter, message=message, at=when)
        else:
            services.report_transition(
                report=report, to_status=to_status, actor=staff, public_message=message, at=when, **extra
            )
    return report


def reports_seed(*, hubs, resident, neighbour, staff, admin) -> dict[str, Report]:
    S = Status
    park = _case(
        reporter=resident, staff=staff, hubs=hubs, category="环境卫生", hub="jinlin", show_name=True,
        title="远大路长星路口东北角空地成了垃圾场",
        description="路口东北角有块空地一直没人管，慢慢有人往里面倒垃圾，还有人圈起来种菜。天一热气味很重，"
        "带孩子路过都要绕开走。希望能把这块地清理出来，做点对大家有用的事。",
        place="远大路与长星路交汇处东北角", submitted=at(3, 2, 9),
        steps=[
            (S.ACCEPTED, at(3, 3), "已受理，社区将到现场查看。"),
            (S.INVESTIGATING, at(3, 6), "现场核实：空地约六百平方米，权属已查清，垃圾需集中清运。"),
            (S.CONSULTATION, at(3, 12), "地块用途需要多方商量，已约定 3 月 20 日在锦林社区红岭之家三方共商。"),
            (S.DECIDED, at(3, 20, 21), "三方共商议定：清运垃圾后建成护坡小公园，由街道协调实施。"),
            (S.IN_PROGRESS, at(4, 15), "清运和护坡施工已开始，施工期间请绕行。"),
            (S.COMPLETED, at(6, 28), "长星路护坡公园已建成开放。"),
            (S.CONFIRMED, at(7, 2), "现在每天晚饭后都来这里走走，谢谢大家！"),
        ],
    )  # fmt: skip
    lights = _case(
        reporter=neighbour, staff=admin, hubs=hubs, category="照明", hub="jinlin",
        title="远大路一段晚上太黑", submitted=at(4, 8, 20),
        description="远大路靠近小区这一段路灯间隔太远，晚上下班走路看不清路面，老人不敢出门散步。",
        place="远大路中段人行道",
        steps=[
            (S.ACCEPTED, at(4, 9), "已受理，已转告路灯管理部门现场查看。"),
            (S.IN_PROGRESS, at(5, 6), "已安排在这一段加装路灯。"),
            (S.COMPLETED, at(6, 2), "新路灯已通电，请居民夜间出行留意路况。"),
        ],
    )  # fmt: skip
    road = _case(
        reporter=neighbour, staff=admin, hubs=hubs, category="道路设施", hub="xinan",
        title="小区门口路面坑洼积水", submitted=at(8, 19, 8),
        description="小区门口的路面破了好几个坑，一下雨就积水，电动车经过容易打滑。",
        place="新安社区主路入口附近",
        steps=[
            (S.ACCEPTED, at(8, 20), "已受理。"),
            (S.INVESTIGATING, at(8, 25), "已会同施工单位测量破损面积。"),
            (S.IN_PROGRESS, at(10, 9), "路面修补已纳入民生工程，正在分段施工。"),
        ],
    )  # fmt: skip
    market = _case(
        reporter=resident, staff=admin, hubs=hubs, category="市场", hub="anziling",
        title="附近买菜不方便", submitted=at(6, 11, 7),
        description="附近没有像样的菜市场，老人买菜要坐几站公交，希望能在社区附近有个买生鲜的地方。",
        place="安子岭社区一带",
        steps=[
            (S.ACCEPTED, at(6, 12), "已受理，社区将征集居民意见。"),
            (S.CONSULTATION, at(7, 1), "已安排三方共商，讨论生鲜市场选址。"),
            (S.DECIDED, at(7, 15), "议定：利用闲置门面建设社区生鲜市场。"),
        ],
    )  # fmt: skip
    shed = _case(
        reporter=neighbour, staff=admin, hubs=hubs, category="停车", hub="bayi",
        title="电动车和单车没地方停", submitted=at(5, 20, 18),
        description="楼下单车和电动车乱停，挡住通道，下雨天也没有遮挡。",
        place="八一小区中心花坛旁",
        steps=[
            (S.ACCEPTED, at(5, 21), "已受理，党支部将在楼栋议事会上听取意见。"),
            (S.IN_PROGRESS, at(9, 1), "单车棚开始搭建。"),
            (S.COMPLETED, at(11, 10), "单车棚已建成，请按位停放。"),
        ],
    )  # fmt: skip
    _case(
        reporter=resident, staff=admin, hubs=hubs, category="道路设施", hub="anziling",
        title="浏阳河边步道护栏有一段松动", submitted=at(11, 18, 17),
        description="巡河时发现河边步道有一段护栏晃得厉害，晚上散步的人多，担心有人靠上去出危险。",
        place="浏阳河风光带步道（安子岭社区段）",
        steps=[(S.ACCEPTED, at(11, 19), "已受理，已在现场设置临时警示。")],
    )  # fmt: skip
    _case(
        reporter=neighbour, staff=staff, hubs=hubs, category="环境卫生", hub="jinlin",
        title="路口空地有人倒垃圾", submitted=at(3, 4, 19),
        description="长星路口那块空地又有人倒建筑垃圾了。", place="长星路口",
        steps=[(S.DUPLICATE, at(3, 5), "与已受理的反映是同一处问题，合并处理，进展请看保留的那一条。")],
        duplicate_of=park,
    )  # fmt: skip
    _case(
        reporter=neighbour, staff=admin, hubs=hubs, category="停车", hub="xilong",
        title="村口主路上车辆违停", submitted=at(9, 3, 9),
        description="村口主路边经常有车长时间停放，早晚高峰会车困难。", place="西龙村村口主路",
        steps=[(S.REFERRED, at(9, 4), "道路违停由交通管理部门负责，已转交并请其加强巡查。")],
        referred_to="区交通管理部门",
    )  # fmt: skip
    _case(
        reporter=resident, staff=admin, hubs=hubs, category="其他", hub="xinan",
        title="希望在社区建一个室内游泳馆", submitted=at(7, 8, 10),
        description="夏天太热，希望社区能建个室内游泳馆给孩子们用。", place="新安社区",
        steps=[
            (S.ACCEPTED, at(7, 9), "已受理。"),
            (S.NOT_ADOPTED, at(7, 20), "社区内没有满足条件的场地，暂不立项；暑期可参加街道组织的游泳安全课。"),
        ],
    )  # fmt: skip
    _case(
        reporter=neighbour, staff=admin, hubs=hubs, category="环境卫生", hub="xilong",
        title="村部门口垃圾桶不够用", submitted=at(11, 26, 8),
        description="周末村部门口垃圾桶总是满的，希望多放几个。", place="西龙村村部门口", steps=[],
    )  # fmt: skip
    return {"park": park, "lights": lights, "road": road, "market": market, "shed": shed}


def consultation_seed(*, hubs, reports, staff):
    consultation = Consultation.objects.filter(hub=hubs["jinlin"], topic="远大路长星路口闲置地块的用途").first()
    if consultation:
        return consultation
    consultation = Consultation(
        hub=hubs["jinlin"], topic="远大路长星路口闲置地块的用途", held_at=at(3, 20, 19),
        venue="锦林社区红岭之家议事室", is_published=True, published_at=at(3, 20, 21),
        decision="把空地上的垃圾和菜地清理干净，沿坡地建一处带步道、座椅和绿化的小公园（长星路护坡公园）。"
        "街道协调资金，园林绿化部门负责设计和施工，居民代表参与方案讨论和完工验收；清运期间党员志愿者在路口劝导，防止再有人倾倒垃圾。",
        minutes="<p>社区党总支介绍了居民反映的情况和现场核实结果。职能部门说明了地块权属和清运、绿化的办法；"
        "街道表示可以统筹资金；居民代表希望保留一块能散步、能坐下来歇脚的地方，并建议多种树。</p>"
        "<h3>共识</h3><ul><li>不再让空地闲置，建成公园向所有人开放。</li><li>施工前在现场公示方案。</li>"
        "<li>完工后由居民代表参与验收。</li></ul>",
    )  # fmt: skip
    consultation.full_clean()
    consultation.save()
    if reports:
        consultation.reports.add(reports["park"])
    for role, organisation in [
        (Participant.Role.DEPARTMENT, "区城市管理部门"),
        (Participant.Role.DEPARTMENT, "区园林绿化部门"),
        (Participant.Role.SUBDISTRICT, "马坡岭街道"),
        (Participant.Role.BRANCH, "锦林社区党总支"),
        (Participant.Role.RESIDENT, "锦林社区居民代表（3 人）"),
    ]:
        Participant.objects.create(consultation=consultation, role=role, organisation=organisation)
    return consultation


def open_consultation_seed(*, hubs) -> None:
    """An upcoming consultation residents may sit in on: it shows on the calendar with seats."""
    topic = "八一小区电动车棚的充电和管理办法"
    if Consultation.objects.filter(hub=hubs["bayi"], topic=topic).exists():
        return
    held = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=9), time(19, 0)))
    consultation = Consultation(
        hub=hubs["bayi"], topic=topic, held_at=held, venue="八一小区党员活动室", open_to_residents=True, seats=20
    )
    consultation.full_clean()
    consultation.save()
    for role, organisation in [
        (Participant.Role.DEPARTMENT, "区消防救援部门"),
        (Participant.Role.SUBDISTRICT, "马坡岭街道"),
        (Participant.Role.BRANCH, "八一小区党支部"),
        (Participant.Role.RESIDENT, "八一小区居民代表"),
    ]:
        Participant.objects.create(consultation=consultation, role=role, organisation=organisation)
    services.consultation_meeting_sync(consultation=consultation)


def projects_seed(*, hubs, reports, consultation, staff) -> int:
    created = 0
    for key, hub, title, kind, status, progress, summary, budget, milestones, photos in PROJECTS:
        if Project.objects.filter(hub=hubs[hub], title=title).exists():
            continue
        project = Project(
            hub=hubs[hub], title=title, kind=kind, status=status, progress=progress, summary=summary, budget=budget,
            consultation=consultation if key == "park" else None,
        )  # fmt: skip
        project.full_clean()
        project.save()
        for name, when in milestones:
            done = when if status == "done" or when < at(11, 27) else None
            Milestone.objects.create(project=project, title=name, planned_on=when.date(), done_on=done and done.date())
        for order, (stage, scene, caption) in enumerate(photos):
            ProjectPhoto.objects.create(project=project, stage=stage, image=demo_picture(scene, caption), order=order)
        if reports and key in reports:
            project.reports.add(reports[key])
        created += 1
    return created


def run(*, demo_users: bool, volume: int) -> str:
    hubs = hubs_seed()
    staff = staff_seed(hubs["jinlin"]) if demo_users else None
    User = get_user_model()
    residents = [User.objects.filter(phone=p).first() for p in RESIDENT_PHONES]
    admin = User.objects.filter(is_superuser=True, phone="+8613800000000").first()
    reports = {}
    if staff and admin and all(residents):
        reports = reports_seed(hubs=hubs, resident=residents[0], neighbour=residents[1], staff=staff, admin=admin)
        if volume:
            volume_seed(reporters=residents, staff=admin, volume=volume)
    consultation = consultation_seed(hubs=hubs, reports=reports, staff=staff)
    open_consultation_seed(hubs=hubs)
    projects_seed(hubs=hubs, reports=reports, consultation=consultation, staff=staff)
    return (
        f"{Hub.objects.count()} 个红岭之家，{Service.objects.count()} 项服务，{Report.objects.count()} 条反映，"
        f"{Project.objects.count()} 项民生工程"
    )
