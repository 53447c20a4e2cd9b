import pytest
from django.urls import reverse

from apps.culture.models import DriftLog
from tests.culture.factories import drift_book_create
from tests.hubs.factories import hub_create

pytestmark = pytest.mark.django_db


def test_logging_a_drifting_book_shows_hubs_and_dates_never_names(client):
    from tests.factories import user_create

    picker = user_create(display_name="读书的王阿姨", real_name="王桂兰", phone="+8613944445555")
    book = drift_book_create(code="PL-0001")
    hub = hub_create(name="安子岭社区")
    client.force_login(picker)
    response = client.post(reverse("culture:drift"), {"code": "pl-0001", "hub": hub.pk, "note": "河边读完了。"})
    assert response.status_code == 302
    assert DriftLog.objects.filter(drift_book=book, hub=hub, logged_by=picker).exists()
    client.logout()
    html = client.get(book.get_absolute_url()).text
    assert "安子岭社区" in html and "河边读完了" in html
    assert "王阿姨" not in html and "王桂兰" not in html and "5555" not in html


def test_log_for_a_book_that_does_not_exist_changes_nothing(client, resident):
    hub = hub_create()
    client.force_login(resident)
    response = client.post(reverse("culture:drift"), {"code": "PL-9999", "hub": hub.pk, "note": ""})
    assert response.status_code == 400
    assert "没有找到编号为“PL-9999”的漂流书" in response.text
    assert not DriftLog.objects.exists()


def test_log_needs_a_login(client):
    book = drift_book_create()
    response = client.post(reverse("culture:drift"), {"code": book.code, "hub": book.released_hub_id})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not DriftLog.objects.exists()


def test_hidden_note_is_not_public(client, resident):
    book = drift_book_create()
    DriftLog.objects.create(drift_book=book, hub=book.released_hub, note="不当留言", is_hidden=True)
    assert "不当留言" not in client.get(book.get_absolute_url()).text


def test_drift_note_masks_phone_and_id_numbers_and_the_form_says_so(client, resident):
    book = drift_book_create()
    client.force_login(resident)
    assert "公开时会隐去手机号、身份证号等个人信息" in client.get(reverse("culture:drift")).text
    note = "好书！想交换请加我13812345678，身份证430102199001010717"
    client.post(reverse("culture:drift"), {"code": book.code, "hub": book.released_hub_id, "note": note})
    assert DriftLog.objects.get().note == note  # kept as written, for staff
    html = client.get(book.get_absolute_url()).text
    assert "加我138****5678" in html and "4301**********0717" in html
    assert "13812345678" not in html and "430102199001010717" not in html


@pytest.mark.parametrize(("code", "expected"), [("  ", "required"), ("PL-9999", "unknown"), ("PL-0007", "drift_ended")])
def test_the_service_refuses_a_bad_code_with_a_coded_error_on_the_field(resident, code, expected):
    from django.core.exceptions import ValidationError

    from apps.culture.services.drift import drift_log_create

    drift_book_create(code="PL-0007", is_active=False)
    with pytest.raises(ValidationError) as error:
        drift_log_create(code=code, hub=hub_create(), user=resident)
    assert error.value.error_dict["code"][0].code == expected
    assert not DriftLog.objects.exists()
