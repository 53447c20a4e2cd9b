"""红岭文化 from `culture.yaml` and `library.csv` in the seeds folder (see seeds/README.md): the community library
and its catalogue, a season of culture events, and one drifting book's journey. Everything is checked before it is
written; the catalogue is read and added by the admin's CSV import (same columns, same checks: a bad ISBN or a
duplicate stops the seed with its line), and drift stops are logged as a reader logs them. Idempotent.
"""

from datetime import time, timedelta

from django.core.exceptions import ValidationError

from apps.accounts.seed import demo_phone, demo_user
from apps.core.booking.bulk import occurrences_bulk_create
from apps.core.demo_images import demo_banner
from apps.core.search.index import search_index_rebuild
from apps.core.seeding import (
    Entry,
    SeedError,
    days_from_today,
    entry_choice,
    entry_count,
    entry_date,
    entry_fields,
    entry_list,
    entry_moment,
    entry_ref,
    entry_rules,
    entry_save,
    seed_file,
    seeds_folder,
)
from apps.hubs.models import Hub
from apps.hubs.seed_content import HUB

from .models import Book, CultureEvent, DriftBook, Library
from .services.drift import drift_log_create
from .services.library import books_add, books_read

READS_SEEDS_FOLDER = True  # culture.yaml, library.csv; `seed --from DIR` runs it (see the seed command)
SEED_AFTER = ("accounts", "hubs")  # the library and events are at hubs; drift stops logged by a demo account
VOLUME_TITLE = "演示活动"
LIBRARY_FIELDS = ("name", "hub", "address", "opening_hours", "summary")
EVENT_FIELDS = ("minutes", "audience", "capacity", "library")


def culture_content(hubs: dict[str, Hub]) -> dict:
    """`culture.yaml` checked entry by entry: fields, choices, dates and every hub named."""
    data = seed_file("culture.yaml")
    if data is None:
        return {"library": None, "events": [], "drift": []}
    entry_fields(data, required=(), optional=("library", "events", "drift"))
    library = data.get("library")
    if library is not None:
        if not isinstance(library, Entry):
            raise data.error("“library”应当是“名称: 内容”的映射。")
        entry_fields(library, required=LIBRARY_FIELDS, optional=("phone", "rules"))
        entry_ref(library, "hub", hubs, **HUB)
    events = entry_list(data, "events")
    for event in events:
        entry_fields(event, required=("category", "title", "hub", "starts", "summary"), optional=EVENT_FIELDS)
        entry_choice(event, "category", CultureEvent.Category.values)
        entry_choice(event.item(audience=event.get("audience", "everyone")), "audience", CultureEvent.Audience.values)
        entry_ref(event, "hub", hubs, **HUB)
        event["starts"] = entry_moment(event, "starts")
        entry_count(event, "minutes")
        entry_count(event, "capacity")
        if event.get("library") and library is None:
            raise event.error("“library: true”需要文件里有 library（图书馆）。")
    drifts = entry_list(data, "drift")
    for drift in drifts:
        entry_fields(drift, required=("code", "title", "hub", "released"), optional=("logged_by", "stops"))
        entry_ref(drift, "hub", hubs, **HUB)
        drift["released"] = entry_date(drift, "released")
        if drift.get("logged_by"):
            drift["logged_by"] = demo_phone(drift, "logged_by")
        for stop in entry_list(drift, "stops"):
            entry_fields(stop, required=("hub", "logged"), optional=("note",))
            entry_ref(stop, "hub", hubs, **HUB)
            stop["logged"] = entry_moment(stop, "logged")
    return {"library": library, "events": events, "drift": drifts}


def library_seed(entry: Entry | None, hubs) -> Library | None:
    if entry is None:
        return None
    library = Library.objects.filter(name=entry["name"]).first()
    if library is None:
        library = Library(
            **{field: entry[field] for field in LIBRARY_FIELDS if field != "hub"},
            hub=hubs[entry["hub"]],
            phone=str(entry.get("phone") or ""),
            rules=(entry.get("rules") or "").strip(),
        )
        entry_save(entry, library)
        library.photo = demo_banner(f"library-{library.hub.slug}", alt="提质后的社区图书馆（示意图）")
        library.save(update_fields=["photo"])
    return library


def catalogue_seed() -> int:
    """`library.csv` through the admin import's reader; books already in the catalogue (by ISBN) are left alone."""
    path = seeds_folder() / "library.csv"
    if not path.is_file():
        return 0
    try:
        books, errors = books_read(path.read_bytes())
    except ValidationError as error:
        raise SeedError(path, 1, error.messages[0]) from error
    if errors:
        line, message = min(errors)
        raise SeedError(path, line, message)
    have = set(Book.objects.filter(isbn__in=[book.isbn for book in books.values()]).values_list("isbn", flat=True))
    new = [book for book in books.values() if book.isbn not in have]
    return books_add(new) if new else 0


def _how_to_join(audience: str, capacity: int | None) -> str:
    if audience == "families":
        return "<p>请家长登录后为孩子报名，填写孩子的小名和年龄；活动当天请陪同孩子提前十分钟到场签到。</p>"
    if capacity:
        return "<p>场地座位有限，请登录后报名；来不了请提前取消报名，把名额让给其他邻居。</p>"
    return "<p>无需报名，欢迎直接到场，带上家人和邻居一起来。</p>"


def events_seed(entries: list[Entry], hubs, library) -> int:
    for entry in entries:
        starts = entry["starts"]
        if CultureEvent.objects.filter(title=entry["title"], starts_at=starts).exists():
            continue
        audience, capacity = entry.get("audience", "everyone"), entry.get("capacity")
        event = CultureEvent(
            category=entry["category"],
            title=entry["title"],
            starts_at=starts,
            audience=audience,
            capacity=capacity,
            ends_at=starts + timedelta(minutes=entry.get("minutes", 90)),
            venue_hub=hubs[entry["hub"]],
            library=library if entry.get("library") else None,
            summary=entry["summary"],
            body=_how_to_join(audience, capacity),
        )
        event.poster = demo_banner(f"culture-{event.title}", alt=f"{event.title}海报（示意图）")
        event.derived_fields_set()
        entry_save(entry, event)
    return CultureEvent.objects.count()


def volume_events_seed(hubs, volume: int) -> int:
    """`seed --volume N`: N/10 events over the past and the coming year, for load tests. Topped up, not repeated.

    Inserted in bulk (a thousand saves take minutes on a busy machine), then indexed for search."""
    have = CultureEvent.objects.filter(title__startswith=VOLUME_TITLE).count()
    if have >= volume // 10:
        return 0
    slugs = sorted(hubs)
    categories = [c for c in CultureEvent.Category if c not in CultureEvent.LIBRARY_CATEGORIES]
    events = []
    for n in range(have, volume // 10):
        starts = days_from_today(n % 730 - 365, time(9 + n % 11, 0))
        capacity = 30 if n % 2 else None
        events.append(
            CultureEvent(
                category=categories[n % len(categories)],
                title=f"{VOLUME_TITLE} {n + 1}",
                starts_at=starts,
                ends_at=starts + timedelta(minutes=90),
                capacity=capacity,
                venue_hub=hubs[slugs[n % len(slugs)]],
                summary="用于性能测试的演示活动。",
                body=_how_to_join("everyone", capacity),
            )
        )
    occurrences_bulk_create(events)
    search_index_rebuild(keys=["culture.cultureevent"])
    return len(events)


def drift_seed(entries: list[Entry], hubs, *, demo_users: bool) -> None:
    """Each drifting book, released at a hub, then logged at each stop as a reader logs it (on the stop's day)."""
    for entry in entries:
        drift_book = DriftBook.objects.filter(code=entry["code"]).first()
        if drift_book is not None:
            continue
        drift_book = DriftBook(
            code=entry["code"],
            title=entry["title"],
            book=Book.objects.filter(title=entry["title"]).first(),
            released_hub=hubs[entry["hub"]],
            released_at=entry["released"],
        )
        entry_save(entry, drift_book)
        logger = demo_user(entry, entry["logged_by"]) if demo_users and entry.get("logged_by") else None
        for stop in entry["stops"]:
            with entry_rules(stop):
                drift_log_create(
                    code=drift_book.code,
                    hub=hubs[stop["hub"]],
                    note=stop.get("note") or "",
                    user=logger,
                    now=stop["logged"],
                )


def run(*, demo_users: bool, volume: int) -> str:
    hubs = {hub.slug: hub for hub in Hub.objects.all()}
    content = culture_content(hubs)
    library = library_seed(content["library"], hubs)
    catalogue_seed()
    events = events_seed(content["events"], hubs, library)
    if volume and hubs:
        events = volume_events_seed(hubs, volume) + events
    drift_seed(content["drift"], hubs, demo_users=demo_users)
    return f"{events} 场文化活动，{Book.objects.count()} 种馆藏图书，{DriftBook.objects.count()} 本漂流书"
