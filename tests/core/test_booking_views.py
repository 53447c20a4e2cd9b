import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.core.booking.kinds import KINDS, occurrence_kind_register
from apps.core.models import Registration
from tests.factories import occurrence_create, user_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def members_only_kind():
    def eligibility(user, occurrence):
        if not user.display_name.startswith("党员"):
            raise ValidationError("本场仅限已认证的党员报名。")

    occurrence_kind_register(key="test.members", label="测试", url_name="core:occurrence_ics", eligibility=eligibility)
    yield "test.members"
    KINDS.pop("test.members")


def test_register_then_waitlist_through_the_page(client):
    occurrence = occurrence_create(capacity=1)
    first, second = user_create(), user_create()
    client.force_login(first)
    response = client.post(reverse("core:occurrence_register", args=[occurrence.pk]), follow=True)
    assert "报名成功" in response.text
    client.force_login(second)
    response = client.post(reverse("core:occurrence_register", args=[occurrence.pk]), follow=True)
    assert "您已进入候补名单（第 1 位）" in response.text


def test_anonymous_register_goes_to_login_and_changes_nothing(client):
    occurrence = occurrence_create()
    response = client.post(reverse("core:occurrence_register", args=[occurrence.pk]))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert not Registration.objects.exists()


def test_the_pillars_eligibility_rule_is_asked(client, members_only_kind):
    occurrence = occurrence_create(kind=members_only_kind)
    client.force_login(user_create(display_name="居民"))
    response = client.post(reverse("core:occurrence_register", args=[occurrence.pk]))
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["本场仅限已认证的党员报名。"]
    assert not Registration.objects.exists()


def test_cancel_from_the_page_and_not_someone_elses(client):
    occurrence = occurrence_create()
    me, other = user_create(), user_create()
    client.force_login(me)
    client.post(reverse("core:occurrence_register", args=[occurrence.pk]))
    registration = Registration.objects.get(user=me)
    client.force_login(other)
    assert client.post(reverse("core:registration_cancel", args=[registration.pk])).status_code == 404
    client.force_login(me)
    response = client.post(reverse("core:registration_cancel", args=[registration.pk]), follow=True)
    assert "已取消报名" in response.text
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
