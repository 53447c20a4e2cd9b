"""What of 红岭课堂 the site search indexes: published courses (their sessions are listed on the
course page) and the red-education sites."""

from django.utils import timezone

from apps.core.search import SearchDocument, search_register
from apps.core.search.index import plain_text

from .models import Course, RedSite

EPOCH = timezone.make_aware(timezone.datetime(2020, 1, 1))


def course_document(course: Course) -> SearchDocument | None:
    if not course.is_published:
        return None
    text = "\n".join([course.summary, course.get_format_display(), course.teacher, plain_text(course.body)])
    return SearchDocument(title=course.title, text=text, url=course.get_absolute_url(), visible_from=EPOCH)


def site_document(site: RedSite) -> SearchDocument | None:
    if not site.is_published:
        return None
    text = "\n".join([site.summary, site.address, plain_text(site.body)])
    return SearchDocument(title=site.name, text=text, url=site.get_absolute_url(), visible_from=EPOCH)


def register() -> None:
    search_register(Course, label="红岭课堂", document=course_document, order=20, few=True)
    search_register(RedSite, label="红色教育阵地", document=site_document, order=21, few=True)
