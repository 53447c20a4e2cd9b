"""红岭课堂, 红岭文化 and the demo accounts from a seeds folder (classes.yaml, culture.yaml, library.csv, users.yaml):
the second brand's tiny set loads through the services, dates are relative to today, and a bad entry stops the
seed with the file, the line and the reason, changing nothing."""

import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from apps.accounts.models import User
from apps.classes.models import Course, MemberProfile, Session
from apps.core.booking.services import registration_cancel, registration_create
from apps.core.models import Registration, SiteSettings
from apps.core.seeding import SeedError
from apps.culture.models import Book, CultureEvent, Library
from apps.hubs.models import Hub

pytestmark = pytest.mark.django_db
EXAMPLE = Path(__file__).with_name("seeds_example")


def test_the_second_brand_gets_its_classes_culture_and_accounts(settings):
    settings.DEBUG = True
    call_command("seed", folder=str(EXAMPLE), verbosity=0)
    assert sorted(User.objects.values_list("display_name", flat=True)) == ["东岭党员老林", "东岭管理员"]
    member = User.objects.get(phone="+8613700009001")
    assert member.check_password("hongling-demo-2026") and member.phone_verified
    assert MemberProfile.objects.get(user=member).status == MemberProfile.Status.VERIFIED
    session = Session.objects.get()
    assert (session.course.title, session.venue_hub.slug) == ("东岭夜话：楼道里的事", "dongling")
    starts = timezone.localtime(session.starts_at)
    assert starts.date() == timezone.localdate() + timedelta(days=5) and starts.strftime("%H:%M") == "19:30"
    assert Registration.objects.get(occurrence=session).user == member  # signed up through the booking engine
    event = CultureEvent.objects.get()
    assert event.library == Library.objects.get(name="东岭社区书屋")
    assert timezone.localtime(event.starts_at).weekday() == 5 and event.starts_at > timezone.now()
    assert dict(Book.objects.values_list("title", "available")) == {"红岩": 2, "草房子": 1}
    call_command("seed", folder=str(EXAMPLE), verbosity=0)  # twice changes nothing
    assert (Course.objects.count(), Session.objects.count(), Registration.objects.count()) == (1, 1, 1)
    assert (CultureEvent.objects.count(), Book.objects.count(), User.objects.count()) == (1, 2, 2)


def test_production_seed_makes_no_accounts_members_or_sign_ups(settings):
    settings.DEBUG = False
    call_command("seed", folder=str(EXAMPLE), verbosity=0)
    assert not User.objects.exists() and not MemberProfile.objects.exists() and not Registration.objects.exists()
    assert Session.objects.count() == 1 and Book.objects.count() == 2  # the content itself is not demo-only


def _broken(tmp_path, name: str, old: str, new: str) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(EXAMPLE, folder)
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("name", "old", "new", "line", "reason"),
    [
        ("classes.yaml", "    title: 东岭夜话：楼道里的事\n", "", 2, "缺少必填项“title”"),
        ("classes.yaml", "capacity: 20, hub: dongling", "capacity: 20, hub: xiling", 9, "红岭之家“xiling”不存在"),
        ("classes.yaml", "starts: 今天+5 19:30", "starts: 2026/5/1 19:30", 9, "“starts”的时间“2026/5/1 19:30”格式不对"),
        ("classes.yaml", "starts: 今天+5 19:30", "starts: 今天+5 晚上", 9, "“starts”的时间“今天+5 晚上”格式不对"),
        ("classes.yaml", "starts: 今天+5 19:30, ", "", 9, "缺少必填项“starts”"),
        ("classes.yaml", "signups: [13700009001]", "signups: [13700009002]", 9, "演示账号“+8613700009002”不存在"),
        ("classes.yaml", "category: retired", "category: veteran", 12, "“category”的值“veteran”不在可选范围内"),
        ("culture.yaml", "hub: dongling, library: true", "hub: xiling, library: true", 9, "红岭之家“xiling”不存在"),
        ("culture.yaml", "  summary: 楼下的小书屋（示例）。\n", "", 2, "缺少必填项“summary”"),
        ("culture.yaml", "starts: 周六 15:00", "starts: 周八 15:00", 9, "“starts”的时间“周八 15:00”格式不对"),
        ("library.csv", "草房子,曹文轩,9787500000068", "草房子,曹文轩,9787500000020", 3, "与第 2 行重复"),
        ("library.csv", "9787500000068", "9787500000069", 3, "校验位"),
        ("users.yaml", ", display_name: 东岭党员老林", "", 4, "缺少必填项“display_name”"),
        ("users.yaml", "phone: 13700009001,", "phone: 1234,", 4, "有效的中国大陆手机号码"),
    ],
    ids=[
        "class missing field",
        "session unknown hub",
        "session date format",
        "session time format",
        "session without a start",
        "sign-up of no demo account",
        "member unknown category",
        "event unknown hub",
        "library missing field",
        "event unknown weekday",
        "duplicate ISBN",
        "bad ISBN",
        "user missing field",
        "user bad phone",
    ],
)
def test_a_bad_entry_stops_the_seed_with_file_line_and_reason_and_changes_nothing(
    tmp_path, settings, name, old, new, line, reason
):
    settings.DEBUG = True
    before = SiteSettings.load().brand_name
    with pytest.raises(SeedError) as error:
        call_command("seed", folder=str(_broken(tmp_path, name, old, new)), verbosity=0)
    assert error.value.path.name == name and error.value.line == line, str(error.value)
    assert reason in error.value.reason, str(error.value)
    assert f"{name}:{line}: " in str(error.value)
    assert SiteSettings.load().brand_name == before  # what was loaded before the bad file is rolled back
    assert not Hub.objects.exists() and not User.objects.exists() and not Course.objects.exists()
    assert not Book.objects.exists() and not CultureEvent.objects.exists()


def test_seeding_messages_nobody_though_the_demo_signs_up(
    settings, mailoutbox, sms_outbox, django_capture_on_commit_callbacks
):
    """The seed's sign-ups and verified members are real rows, but nobody is told: no mail, no SMS."""
    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed", folder=str(EXAMPLE), verbosity=0)
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.CONFIRMED
    assert MemberProfile.objects.get(user=registration.user).status == MemberProfile.Status.VERIFIED
    assert mailoutbox == [] and sms_outbox == []
    registration_cancel(registration=registration, by=registration.user)
    with django_capture_on_commit_callbacks(execute=True):  # outside the seed the same sign-up is announced
        registration_create(occurrence=registration.occurrence, user=registration.user)
    assert [phone for phone, _ in sms_outbox] == [registration.user.phone]
