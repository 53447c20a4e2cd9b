from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from apps.core.booking.services import registration_create
from apps.hubs.models import Consultation, ConsultationMeeting
from apps.hubs.services.consultations import consultation_meeting_sync
from tests.factories import user_create
from tests.hubs.factories import hub_create

pytestmark = pytest.mark.django_db


def consultation_create(**extra) -> Consultation:
    fields = {"hub": hub_create(slug="jinlin", name="锦林社区"), "topic": "口袋公园怎么建",
              "held_at": timezone.now() + timedelta(days=3), "venue": "锦林社区议事室"} | extra  # fmt: skip
    consultation = Consultation.objects.create(**fields)
    consultation_meeting_sync(consultation=consultation)
    return consultation


def month_of(consultation) -> str:
    return f"{timezone.localtime(consultation.held_at):%Y-%m}"


def test_a_consultation_open_to_residents_is_on_the_calendar_with_seats(client):
    consultation = consultation_create(open_to_residents=True, seats=15)
    html = client.get(reverse("core:calendar"), {"month": month_of(consultation), "hub": "jinlin"}).text
    assert "三方共商：口袋公园怎么建" in html and "余 15 席" in html
    page = client.get(consultation.meeting.get_absolute_url()).text
    assert "欢迎居民旁听" in page and "登录后报名" in page


def test_a_closed_door_consultation_is_not_on_the_calendar(client):
    consultation = consultation_create(open_to_residents=False)
    assert not ConsultationMeeting.objects.exists()
    html = client.get(reverse("core:calendar"), {"month": month_of(consultation)}).text
    assert "口袋公园怎么建" not in html


def test_closing_it_again_hides_the_meeting_but_keeps_registrations(client):
    consultation = consultation_create(open_to_residents=True, seats=5)
    registration_create(occurrence=consultation.meeting, user=user_create())
    consultation.open_to_residents = False
    consultation_meeting_sync(consultation=consultation)
    meeting = ConsultationMeeting.objects.get()
    assert not meeting.is_public and meeting.registrations.count() == 1
    assert client.get(meeting.get_absolute_url()).status_code == 404


def test_moving_the_consultation_moves_the_meeting_and_raises_its_sequence():
    consultation = consultation_create(open_to_residents=True)
    sequence = consultation.meeting.sequence
    consultation.held_at += timedelta(days=1)
    consultation_meeting_sync(consultation=consultation)
    meeting = ConsultationMeeting.objects.get()
    assert meeting.starts_at == consultation.held_at and meeting.sequence > sequence


def test_seats_below_those_already_given_are_refused():
    consultation = consultation_create(open_to_residents=True, seats=2)
    for _ in range(2):
        registration_create(occurrence=consultation.meeting, user=user_create())
    consultation.seats = 1
    with pytest.raises(ValidationError, match="名额不能少于 2") as error:
        consultation.full_clean()
    assert error.value.error_dict["seats"][0].code == "below_confirmed"
    consultation.seats = None
    with pytest.raises(ValidationError, match="不能改为无需报名") as error:
        consultation.full_clean()
    assert error.value.error_dict["seats"][0].code == "has_registrations"
