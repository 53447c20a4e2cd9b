import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.core.booking.services import registration_create
from apps.core.models import Occurrence, Registration
from tests.factories import occurrence_create, user_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def roster_url(occurrence):
    return reverse("admin:core_occurrence_roster", args=[occurrence.pk])


def test_roster_checkin_and_proxy_registration(admin_client):
    occurrence = occurrence_create(starts_in_hours=0.2, capacity=5)
    member = user_create(real_name="陈文华")
    registration = registration_create(occurrence=occurrence, user=member)
    html = admin_client.get(roster_url(occurrence)).text
    assert "陈文华" in html and member.phone not in html and member.masked_phone in html

    admin_client.post(roster_url(occurrence), {"action": "checkin", "registration": registration.pk})
    registration.refresh_from_db()
    assert registration.checkin_method == "staff"

    elder = user_create(phone="+8613711112222")
    admin_client.post(roster_url(occurrence), {"action": "register", "phone": "137 1111 2222"})
    proxy = Registration.objects.get(user=elder)
    assert proxy.registered_by is not None and proxy.status == "confirmed"


def test_proxy_registration_for_unknown_or_malformed_phone(admin_client):
    occurrence = occurrence_create()
    response = admin_client.post(roster_url(occurrence), {"action": "register", "phone": "13700009999"}, follow=True)
    assert "没有找到这个手机号的用户" in response.text
    response = admin_client.post(roster_url(occurrence), {"action": "register", "phone": "123"}, follow=True)
    assert "请输入有效的中国大陆手机号码" in response.text
    assert not Registration.objects.exists()


def test_roster_exports_csv_and_xlsx(admin_client):
    occurrence = occurrence_create()
    registration_create(occurrence=occurrence, user=user_create(real_name="=HYPERLINK(1)"))
    csv = admin_client.get(reverse("admin:core_occurrence_roster_export", args=[occurrence.pk, "csv"]))
    text = csv.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("序号,姓名,手机号")
    assert "'=HYPERLINK(1)" in text  # formula neutralised
    xlsx = admin_client.get(reverse("admin:core_occurrence_roster_export", args=[occurrence.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["B1"].value == "姓名" and sheet.max_row == 2


def test_capacity_below_confirmed_is_refused_in_the_admin(admin_client):
    occurrence = occurrence_create(capacity=2)
    for _ in range(2):
        registration_create(occurrence=occurrence, user=user_create())
    url = reverse("admin:core_occurrence_change", args=[occurrence.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data |= {
        "title": occurrence.title, "capacity": 1, "audience": "everyone", "cancel_before": "02:00:00",
        "starts_at_0": occurrence.starts_at.strftime("%Y-%m-%d"), "starts_at_1": "19:30:00",
        "ends_at_0": occurrence.ends_at.strftime("%Y-%m-%d"), "ends_at_1": "21:30:00",
        "registrations-TOTAL_FORMS": 2, "registrations-INITIAL_FORMS": 2,
    }  # fmt: skip
    data = {k: v for k, v in data.items() if not isinstance(v, Occurrence)}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "名额不能少于 2" in response.text
    occurrence.refresh_from_db()
    assert occurrence.capacity == 2


def test_qr_page_shows_a_code_that_refreshes(admin_client):
    occurrence = occurrence_create()
    html = admin_client.get(reverse("admin:core_occurrence_qr", args=[occurrence.pk])).text
    assert "<svg" in html and 'http-equiv="refresh"' in html


def test_roster_is_staff_only(client, resident):
    occurrence = occurrence_create()
    client.force_login(resident)
    assert client.get(roster_url(occurrence)).status_code == 302


def test_printable_sign_sheet_lists_confirmed_people_with_masked_phones(admin_client):
    occurrence = occurrence_create(capacity=1)
    seated = user_create(real_name="王桂兰")
    registration_create(occurrence=occurrence, user=seated)
    registration_create(occurrence=occurrence, user=user_create(real_name="候补的人"))
    html = admin_client.get(reverse("admin:core_occurrence_sign_sheet", args=[occurrence.pk])).text
    assert "王桂兰" in html and seated.masked_phone in html and seated.phone not in html
    assert "候补的人" not in html


def test_end_before_start_is_the_models_constraint_shown_in_chinese(admin_client):
    occurrence = occurrence_create(capacity=None)
    url = reverse("admin:core_occurrence_change", args=[occurrence.pk])
    data = {
        "title": occurrence.title, "audience": "everyone", "cancel_before": "02:00:00", "place": "连心广场",
        "starts_at_0": occurrence.starts_at.strftime("%Y-%m-%d"), "starts_at_1": "19:30:00",
        "ends_at_0": occurrence.starts_at.strftime("%Y-%m-%d"), "ends_at_1": "18:00:00",
        "registrations-TOTAL_FORMS": 0, "registrations-INITIAL_FORMS": 0,
    }  # fmt: skip
    response = admin_client.post(url, data)
    assert response.status_code == 200 and "结束时间必须晚于开始时间" in response.text
    assert Occurrence.objects.get(pk=occurrence.pk).ends_at == occurrence.ends_at
