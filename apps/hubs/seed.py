"""Demo content for 红岭之家: hubs, services, and the pocket-park case from report to finished project.

Idempotent: every object is looked up by a natural key first; the demo case is built only once.
Demo images are drawn with Pillow (no downloads). The hub staff account exists only with demo users.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from apps.core.demo_images import demo_picture
from apps.core.seeding import entry_rules

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
from .seed_content import HubsContent, at, hubs_content, in_2020, milestone_done
from .seed_volume import volume_seed

READS_SEEDS_FOLDER = True  # hubs.yaml, reports.yaml; `seed --from DIR` runs it (apps/core/management/commands/seed.py)
SEED_AFTER = ("accounts",)  # the demo case is filed and handled by demo accounts
CASE_HUBS = {"jinlin", "xinan", "anziling", "bayi", "xilong"}  # the hubs the demo reports below are filed at
STAFF_GROUP = "社区工作人员"
STAFF_EMAIL = "jinlin-staff@example.com"
STREET_GROUP = "街道管理员"
STREET_EMAIL = "street@example.com"  # a demo account (apps/accounts/seed.py)
STAFF_PHONE = "+8613600000001"
RESIDENT_PHONES = ("+8613900000001", "+8613900000002", "+8613900000003")


def hubs_seed(content: HubsContent) -> dict[str, Hub]:
    hubs = {}
    for order, entry in enumerate(content.hubs):
        hub = Hub.objects.filter(slug=entry["slug"]).first()
        if hub is None:
            hub = Hub(
                slug=entry["slug"], name=entry["name"], kind=entry["kind"], summary=entry["summary"],
                parent=hubs.get(entry.get("parent")) or Hub.objects.filter(slug=entry.get("parent") or "").first(),
                address=entry["address"], phone=str(entry.get("phone") or ""),
                opening_hours=str(entry.get("opening_hours") or ""), order=order,
                areas="\n".join(entry.get("areas") or []),
            )  # fmt: skip
            with entry_rules(entry):
                hub.full_clean()
            hub.save()
        hubs[hub.slug] = hub
        if not hub.photos.exists() and hub.kind != "branch":
            HubPhoto.objects.create(hub=hub, image=demo_picture("hub", caption=f"{hub.name}红岭之家外景（示意图）"))
    hubs.update({hub.slug: hub for hub in Hub.objects.exclude(slug__in=hubs)})
    for order, entry in enumerate(content.services):
        if Service.objects.filter(hub=hubs[entry["hub"]], name=entry["name"]).exists():
            continue
        service = Service(
            hub=hubs[entry["hub"]], name=entry["name"], summary=entry["summary"], order=order,
            audience=entry.get("audience", ""), how_to_ask=entry.get("how_to_ask", ""),
            schedule=entry.get("schedule", ""),
        )  # fmt: skip
        with entry_rules(entry):
            service.full_clean()
        service.save()
    for order, name in enumerate(content.categories):
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
        description="路口东北角有块空地一直没人管，慢慢有人往里面倒垃圾，还有人开荒种菜。天一热气味很重，"
        "路过都要绕开走。希望能把这块地清理出来，做点对大家有用的事。",
        place="远大路与长星路交汇处东北角", submitted=in_2020(4, 2, 9),
        steps=[
            (S.ACCEPTED, in_2020(4, 3), "已受理，社区将到现场查看。"),
            (S.INVESTIGATING, in_2020(4, 7), "现场核实：空地无人管理，堆有垃圾，还被开荒种了菜。"),
            (S.CONSULTATION, in_2020(4, 14),
             "地块用途需要多方商量，社区党总支牵头，请部门、街道和居民代表到锦林社区红岭之家三方共商。"),
            (S.DECIDED, in_2020(4, 22, 21), "三方共商议定：清理后建成绿化小广场（长星路护坡公园）。"),
            (S.IN_PROGRESS, in_2020(5, 20), "清理和绿化施工已开始，施工期间请绕行。"),
            (S.COMPLETED, in_2020(7, 28), "长星路护坡公园已建成开放，居民叫它“拐角公园”。"),
            (S.CONFIRMED, in_2020(8, 2), "现在每天晚饭后都来这里走走，谢谢大家！"),
        ],
    )  # fmt: skip
    lights = _case(
        reporter=neighbour, staff=admin, hubs=hubs, category="照明", hub="jinlin",
        title="远大路一段晚上太黑", submitted=in_2020(4, 8, 20),
        description="远大路靠近小区这一段路灯间隔太远，晚上下班走路看不清路面，老人不敢出门散步。",
        place="远大路中段人行道",
        steps=[
            (S.ACCEPTED, in_2020(4, 9), "已受理，已转告路灯管理部门现场查看。"),
            (S.IN_PROGRESS, in_2020(5, 6), "已安排在这一段加装路灯。"),
            (S.COMPLETED, in_2020(6, 2), "新路灯已通电，请居民夜间出行留意路况。"),
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
        title="路口空地有人倒垃圾", submitted=in_2020(4, 4, 19),
        description="长星路口那块空地又有人倒垃圾了。", place="长星路口",
        steps=[(S.DUPLICATE, in_2020(4, 5), "与已受理的反映是同一处问题，合并处理，进展请看保留的那一条。")],
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
        hub=hubs["jinlin"], topic="远大路长星路口闲置地块的用途", held_at=in_2020(4, 22, 19),
        venue="锦林社区红岭之家", is_published=True, published_at=in_2020(4, 22, 21),
        decision="把空地上的垃圾和菜地清理干净，建成绿化小广场（长星路护坡公园），向所有居民开放。",
        minutes="<p>社区党总支介绍了居民反映的情况和现场核实结果；部门、街道和居民代表一起商量这块地怎么用、谁来管。"
        "（纪要为示例，据 2020 年的报道整理）</p>"
        "<h3>共识</h3><ul><li>不再让空地闲置，建成绿化小广场。</li><li>共商共议共享：建成后大家一起爱护。</li></ul>",
    )  # fmt: skip
    consultation.full_clean()
    consultation.save()
    if reports:
        consultation.reports.add(reports["park"])
    for role, organisation in [
        (Participant.Role.DEPARTMENT, "相关部门"),
        (Participant.Role.SUBDISTRICT, "马坡岭街道"),
        (Participant.Role.BRANCH, "锦林社区党总支"),
        (Participant.Role.RESIDENT, "锦林社区居民代表"),
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


def projects_seed(*, content: HubsContent, hubs, reports, consultation) -> int:
    created = 0
    today = timezone.localdate()
    for entry in content.projects:
        if Project.objects.filter(hub=hubs[entry["hub"]], title=entry["title"]).exists():
            continue
        project = Project(
            hub=hubs[entry["hub"]], title=entry["title"], kind=entry["kind"], status=entry["status"],
            progress=entry.get("progress", 0), summary=entry["summary"], budget=entry.get("budget"),
            consultation=consultation if entry["key"] == "park" else None,
        )  # fmt: skip
        with entry_rules(entry):
            project.full_clean()
        project.save()
        for milestone in entry.get("milestones") or []:
            planned = milestone["planned_on"]
            Milestone.objects.create(
                project=project, title=milestone["title"], planned_on=planned,
                done_on=milestone_done(entry, planned, today),
            )  # fmt: skip
        for order, picture in enumerate(entry.get("pictures") or []):
            image = demo_picture(picture["scene"], caption=picture["caption"])
            ProjectPhoto.objects.create(project=project, stage=picture["stage"], image=image, order=order)
        if reports and entry["key"] in reports:
            project.reports.add(reports[entry["key"]])
        created += 1
    return created


def _pocket_park_case_seed(*, hubs, demo_users: bool, volume: int):
    """The 三方共商 case of the source article with the other demo reports (still Python: see seeds/README.md)."""
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
    return reports, consultation


def run(*, demo_users: bool, volume: int) -> str:
    content = hubs_content()
    hubs = hubs_seed(content)
    reports, consultation = {}, None
    if hubs.keys() >= CASE_HUBS:
        reports, consultation = _pocket_park_case_seed(hubs=hubs, demo_users=demo_users, volume=volume)
    projects_seed(content=content, hubs=hubs, reports=reports, consultation=consultation)
    return (
        f"{Hub.objects.count()} 个红岭之家，{Service.objects.count()} 项服务，{Report.objects.count()} 条反映，"
        f"{Project.objects.count()} 项民生工程"
    )
