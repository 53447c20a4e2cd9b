import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from apps.core.models import Registration
from tests.classes.factories import member_create, session_create
from tests.factories import user_create

pytestmark = pytest.mark.django_db


def register(client, session):
    response = client.post(reverse("core:occurrence_register", args=[session.pk]))
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize(
    "who,message",
    [
        (lambda: user_create(), "本场仅限党员报名"),
        (lambda: member_create(status="pending"), "党员认证还在审核中"),
        (lambda: member_create(status="rejected"), "党员认证未通过"),
    ],
    ids=["resident", "unverified", "rejected"],
)
def test_member_only_session_refuses_non_members(client, who, message):
    session = session_create()
    client.force_login(who())
    assert message in register(client, session)[0]
    assert not Registration.objects.exists()


def test_verified_member_registers(client):
    session = session_create()
    client.force_login(member_create())
    assert register(client, session)[0].startswith("报名成功")


def test_open_session_takes_any_resident(client):
    session = session_create(members_only=False)
    client.force_login(user_create())
    assert register(client, session)[0].startswith("报名成功")


def test_session_page_shows_the_booking_box_with_fixed_words(client):
    session = session_create(capacity=1)
    member = member_create()
    client.force_login(member)
    assert "报名</button>" in client.get(session.get_absolute_url()).text
    register(client, session)
    html = client.get(session.get_absolute_url()).text
    assert "取消报名" in html and "您已报名成功" in html
    client.force_login(member_create())
    assert "候补</button>" in client.get(session.get_absolute_url()).text


def test_online_links_only_for_confirmed_registrants(client):
    session = session_create(live_url="https://live.example.cn/abc", capacity=1)
    first, second = member_create(), member_create()
    client.get(session.get_absolute_url())
    assert "live.example.cn" not in client.get(session.get_absolute_url()).text
    client.force_login(first)
    register(client, session)
    assert "live.example.cn" in client.get(session.get_absolute_url()).text
    client.force_login(second)
    register(client, session)  # waitlisted
    assert "live.example.cn" not in client.get(session.get_absolute_url()).text
