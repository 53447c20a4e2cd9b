"""Phone and ID-card numbers residents type into a report are masked wherever the report is public (pages,
search), while staff see what was written in the admin and staff's own words stay as written."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.core.images import image_clean
from apps.core.models import SearchEntry, SiteSettings
from apps.core.search.segment import document_terms
from apps.hubs import services
from apps.hubs.lifecycle import Status
from tests.factories import image_bytes, user_create

from .factories import category_create, hub_create, hub_staff_create, report_create

pytestmark = pytest.mark.django_db

PHONE, PHONE_MASKED = "13812345678", "138****5678"
ID_CARD, ID_CARD_MASKED = "430102199001010717", "4301**********0717"
LANDLINE, LANDLINE_MASKED = "0731-84567890", "0731-****7890"
OFFICE_PHONE = "0731-84123456"  # written by staff: the subdistrict's published number
HUB_PHONE = "0731-85551234"  # written by staff in a public progress message
NOTICE = "公开时会隐去手机号、身份证号等个人信息"


@pytest.fixture
def world():
    settings = SiteSettings.load()
    settings.phone = OFFICE_PHONE
    settings.save()
    hub = hub_create(name="锦林社区", slug="jinlin")
    staff = hub_staff_create(hub, email="jinlin@example.com")
    reporter = user_create(phone="+8613900001111")
    report = services.report_submit(
        reporter=reporter,
        title=f"远大路路灯不亮 找我{PHONE}",
        description=f"远大路口路灯不亮好几天了，联系我{PHONE}谢谢。身份证{ID_CARD}。",
        category=category_create(),
        hub=hub,
        place=f"远大路口（电话{LANDLINE}）",
        photos=[image_clean(SimpleUploadedFile("a.jpg", image_bytes(size=(64, 48)), content_type="image/jpeg"))],
    )
    services.report_transition(
        report=report, to_status=Status.ACCEPTED, actor=staff, public_message=f"已受理，有疑问请致电社区 {HUB_PHONE}。"
    )
    return {"report": report, "reporter": reporter, "staff": staff, "hub": hub}


def _assert_masked(html: str) -> None:
    assert PHONE not in html and ID_CARD not in html and LANDLINE not in html
    assert "84567890" not in html


def test_report_page_masks_the_residents_numbers_but_not_staffs(client, world):
    html = client.get(world["report"].get_absolute_url()).text
    _assert_masked(html)
    assert f"联系我{PHONE_MASKED}谢谢" in html and f"身份证{ID_CARD_MASKED}" in html
    assert LANDLINE_MASKED in html
    assert f"<title>远大路路灯不亮 找我{PHONE_MASKED}" in html
    assert HUB_PHONE in html  # the hub's number in staff's progress message
    assert OFFICE_PHONE in html  # the office's number in the footer


def test_report_photo_alt_text_masks_the_number_in_the_title(client, world):
    photo = world["report"].photos.get()
    assert PHONE not in photo.image.alt and PHONE_MASKED in photo.image.alt


@pytest.mark.parametrize("url", ["/reports/", "/hubs/jinlin/"])
def test_report_lists_mask_the_residents_numbers(client, world, url):
    html = client.get(url).text
    assert world["report"].reference in html
    _assert_masked(html)
    assert f"找我{PHONE_MASKED}" in html and LANDLINE_MASKED in html


def test_search_shows_the_report_masked_and_never_finds_it_by_the_number(client, world):
    results = reverse("search:results")
    html = client.get(results, {"q": "远大路"}).text
    assert world["report"].get_absolute_url() in html
    _assert_masked(html)
    for number in (PHONE, ID_CARD, "84567890"):
        assert world["report"].get_absolute_url() not in client.get(results, {"q": number}).text
    entry = SearchEntry.objects.get(kind="hubs.report")
    assert PHONE not in entry.title + entry.text + entry.terms and ID_CARD not in entry.text + entry.terms


def test_reopen_and_confirm_messages_are_masked_on_the_timeline(client, world):
    report, reporter, staff = world["report"], world["reporter"], world["staff"]
    for step in (Status.IN_PROGRESS, Status.COMPLETED):
        services.report_transition(report=report, to_status=step, actor=staff, public_message="处理中")
    client.force_login(reporter)
    assert NOTICE in client.get(report.get_absolute_url()).text  # beside the reopen and confirm fields
    client.post(reverse("hubs:report_reopen", args=[report.reference]), {"message": f"还是不亮，请回电{PHONE}"})
    services.report_transition(report=report, to_status=Status.COMPLETED, actor=staff, public_message="已修好")
    client.post(reverse("hubs:report_confirm", args=[report.reference]), {"message": f"谢谢！座机{LANDLINE}"})
    report.refresh_from_db()
    assert report.status == Status.CONFIRMED
    client.logout()
    html = client.get(report.get_absolute_url()).text
    _assert_masked(html)
    assert f"请回电{PHONE_MASKED}" in html and f"座机{LANDLINE_MASKED}" in html


def test_reporters_nickname_shown_by_choice_is_masked(client):
    reporter = user_create(display_name=f"王阿姨{PHONE}")
    report = report_create(reporter=reporter, status=Status.ACCEPTED, show_name=True)
    html = client.get(report.get_absolute_url()).text
    assert f"王阿姨{PHONE_MASKED}" in html and PHONE not in html


def test_admin_shows_staff_what_the_resident_wrote(client, world):
    client.force_login(world["staff"])
    html = client.get(reverse("admin:hubs_report_change", args=[world["report"].pk])).text
    assert f"联系我{PHONE}谢谢" in html and ID_CARD in html and LANDLINE in html
    client.logout()
    _assert_masked(client.get(world["report"].get_absolute_url()).text)


def test_report_form_warns_that_numbers_are_hidden(client):
    client.force_login(user_create())
    assert NOTICE in client.get(reverse("hubs:report_create")).text


def test_migration_masks_index_entries_and_photo_alts_written_before(client, world):
    """Rows indexed before masking existed hold the number; the data migration rewrites them."""
    report = world["report"]
    entry = SearchEntry.objects.get(kind="hubs.report")
    title, text = report.title, f"{report.description}\n{report.place}\n锦林社区"
    SearchEntry.objects.filter(pk=entry.pk).update(title=title, text=text, terms=document_terms(title, title, text))
    image = report.photos.get().image
    image.alt = f"{report.title}：居民拍摄的照片 1"
    image.save(update_fields=["alt"])
    assert report.get_absolute_url() in client.get(reverse("search:results"), {"q": PHONE}).text

    migration = importlib.import_module("apps.hubs.migrations.0004_personal_numbers_masked")
    migration.mask_public_copies(django_apps, None)

    assert report.get_absolute_url() not in client.get(reverse("search:results"), {"q": PHONE}).text
    entry.refresh_from_db()
    image.refresh_from_db()
    assert PHONE not in entry.title + entry.text + entry.terms and PHONE_MASKED in entry.text
    assert PHONE not in image.alt and PHONE_MASKED in image.alt
    assert report.get_absolute_url() in client.get(reverse("search:results"), {"q": "远大路"}).text
