"""The portal's own seeds (seeds/classes.yaml, culture.yaml, library.csv) as `make run` loads them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.classes.models import Course, Session
from apps.culture.models import Book, CultureEvent

pytestmark = pytest.mark.django_db


def test_the_portal_seed_keeps_the_2020_micro_lesson_on_its_day_and_the_rest_relative(seeded_site):
    lesson = Session.objects.get(course__format=Course.Format.ONLINE)
    assert timezone.localtime(lesson.starts_at).strftime("%Y-%m-%d %H:%M") == "2020-02-20 20:00"
    assert lesson.registrations.filter(checked_in_at__isnull=False).count() == 3
    upcoming = Session.objects.filter(starts_at__gt=timezone.now())
    assert upcoming.count() == 8 and all(s.starts_at < timezone.now() + timedelta(days=31) for s in upcoming)
    assert Book.objects.get(title="城南旧事").available == 0  # the catalogue's 在架 column
    story = CultureEvent.objects.get(title="寒暑假圈圈故事会：小蝌蚪找妈妈")
    assert timezone.localtime(story.starts_at).weekday() == 5 and story.starts_at > timezone.now()
