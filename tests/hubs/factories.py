"""Small factories for the hubs tests."""

import itertools

from django.contrib.auth.models import Group

from apps.hubs import services
from apps.hubs.lifecycle import Status
from apps.hubs.models import Category, Hub, Report
from tests.factories import staff_create, user_create

_n = itertools.count(1)

# A path through the lifecycle that reaches each state (used to put a report into a given state).
PATH = {
    Status.SUBMITTED: [],
    Status.ACCEPTED: [Status.ACCEPTED],
    Status.INVESTIGATING: [Status.ACCEPTED, Status.INVESTIGATING],
    Status.CONSULTATION: [Status.ACCEPTED, Status.CONSULTATION],
    Status.DECIDED: [Status.ACCEPTED, Status.CONSULTATION, Status.DECIDED],
    Status.IN_PROGRESS: [Status.ACCEPTED, Status.IN_PROGRESS],
    Status.COMPLETED: [Status.ACCEPTED, Status.IN_PROGRESS, Status.COMPLETED],
    Status.REFERRED: [Status.ACCEPTED, Status.REFERRED],
    Status.NOT_ADOPTED: [Status.ACCEPTED, Status.NOT_ADOPTED],
}


def hub_create(**extra) -> Hub:
    n = next(_n)
    defaults = {"name": f"测试社区{n}", "slug": f"hub-{n}", "summary": "社区简介。", "address": "某路某号党群服务中心"}
    return Hub.objects.create(**{**defaults, **extra})


def category_create(name: str | None = None) -> Category:
    return Category.objects.get_or_create(name=name or "环境卫生")[0]


def hub_staff_create(hub: Hub, **extra):
    """A 社区工作人员 of `hub`: the group its migration made, no permissions of their own."""
    user = staff_create(**extra)
    user.groups.add(Group.objects.get(name="社区工作人员"))
    hub.staff.add(user)
    return user


def report_create(
    *, hub: Hub | None = None, reporter=None, status: str = Status.SUBMITTED, actor=None, **extra
) -> Report:
    """A report filed through the service and moved along PATH to `status` by `actor` (a superuser by default)."""
    hub = hub or hub_create()
    reporter = reporter or user_create()
    fields = {
        "title": f"路口垃圾没人清理 {next(_n)}",
        "description": "路口空地上堆了很多垃圾，已经好几个星期了。",
        "category": category_create(),
        "place": "远大路与长星路交汇处",
        "photos": [],
        **extra,
    }
    report = services.report_submit(reporter=reporter, hub=hub, **fields)
    actor = actor or _superuser()
    for step in PATH[status]:
        kwargs = {"referred_to": "区交通管理部门"} if step == Status.REFERRED else {}
        services.report_transition(
            report=report, to_status=step, actor=actor, public_message=f"公开说明：{step}", **kwargs
        )
    return report


def _superuser():
    from apps.accounts.models import User

    return User.objects.filter(is_superuser=True).first() or user_create(
        email=f"root{next(_n)}@example.com", is_staff=True, is_superuser=True, real_name="街道管理员真名"
    )
