"""What of 红岭文化 the site search indexes: public culture events and the library's books."""

from django.urls import reverse
from django.utils import timezone

from apps.core.search import SearchDocument, search_register
from apps.core.search.index import plain_text

from .models import Book, CultureEvent

EPOCH = timezone.make_aware(timezone.datetime(2020, 1, 1))


def event_document(event: CultureEvent) -> SearchDocument | None:
    if not event.is_public:
        return None
    when = f"{timezone.localtime(event.starts_at):%Y年%m月%d日 %H:%M}"
    text = "\n".join([event.get_category_display(), when, event.place, event.summary, plain_text(event.body)])
    return SearchDocument(
        title=event.title, text=text, url=event.get_absolute_url(), visible_from=EPOCH, date=event.starts_at
    )


def book_document(book: Book) -> SearchDocument | None:
    text = "\n".join([book.author, book.get_category_display(), book.isbn, "社区图书馆 馆藏"])
    url = f"{reverse('culture:library')}?q={book.isbn}"
    return SearchDocument(title=f"《{book.title}》", text=text, url=url, visible_from=EPOCH)


def register() -> None:
    search_register(CultureEvent, label="红岭文化活动", document=event_document, order=40)
    search_register(Book, label="图书馆藏", document=book_document, order=41)
