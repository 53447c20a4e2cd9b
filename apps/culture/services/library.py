"""The library catalogue's CSV import: all rows or none.

The size is checked before a byte is read; every row is validated first and every problem reported
with its line number; only a clean file is written, in one transaction. Excel in China saves CSV as
GB18030, so that encoding is accepted besides UTF-8 (with or without BOM). The demo catalogue
(seeds/library.csv) is read by the same reader and written by the same `books_add`.
"""

import csv
import io

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from apps.core.pagecache import pagecache_invalidate
from apps.core.search.index import search_index_rebuild

from ..models import Book

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20000
MAX_REPORTED = 20
# Column headers accepted (Chinese first, English for exports from other systems).
COLUMNS = {
    "title": ("书名", "title"),
    "author": ("作者", "author"),
    "isbn": ("ISBN", "isbn"),
    "category": ("分类", "category"),
    "copies": ("册数", "copies"),
    "available": ("在架", "available"),  # optional: how many are on the shelf now (all, when absent)
}
REQUIRED = ("title", "isbn", "category", "copies")
CATEGORY_BY_LABEL = {label: value for value, label in Book.Category.choices} | {v: v for v in Book.Category.values}


def isbn_normalize(raw: str) -> str:
    """'978-7-5442-9116-4' → '9787544291164'. Raises ValidationError when the check digit is wrong."""
    isbn = (raw or "").replace("-", "").replace(" ", "").upper()
    if len(isbn) == 13 and isbn.isdigit():
        total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(isbn[:12]))
        if (10 - total % 10) % 10 == int(isbn[12]):
            return isbn
    elif len(isbn) == 10 and isbn[:9].isdigit() and (isbn[9].isdigit() or isbn[9] == "X"):
        total = sum((10 - i) * int(d) for i, d in enumerate(isbn[:9])) + (10 if isbn[9] == "X" else int(isbn[9]))
        if total % 11 == 0:
            return isbn
    raise ValidationError(f"ISBN“{raw}”不正确（应为 10 位或 13 位，且校验位正确）。", code="bad_isbn")


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError("无法识别文件的编码，请用 Excel“另存为 CSV（UTF-8）”后再上传。", code="encoding")


def _header_map(header: list[str]) -> dict[str, int]:
    found = {}
    cleaned = [h.strip() for h in header]
    for key, names in COLUMNS.items():
        for name in names:
            if name in cleaned:
                found[key] = cleaned.index(name)
            elif name.lower() in [c.lower() for c in cleaned]:
                found[key] = [c.lower() for c in cleaned].index(name.lower())
    missing = [COLUMNS[key][0] for key in REQUIRED if key not in found]
    if missing:
        raise ValidationError(
            f"第 1 行（表头）缺少列：{'、'.join(missing)}。表头应为：书名,作者,ISBN,分类,册数（可加一列：在架）。",
            code="missing_column",
        )
    return found


def _book_from_row(row: list[str], columns: dict[str, int], line: int, seen: dict[str, int]) -> Book:
    def cell(key):
        index = columns.get(key)
        return row[index].strip() if index is not None and index < len(row) else ""

    title = cell("title")
    if not title:
        raise ValidationError(f"第 {line} 行：书名为空。", code="title_required")
    try:
        isbn = isbn_normalize(cell("isbn"))
    except ValidationError as error:
        raise ValidationError(f"第 {line} 行：{error.messages[0]}", code=error.code) from None
    if isbn in seen:
        raise ValidationError(f"第 {line} 行：ISBN {isbn} 与第 {seen[isbn]} 行重复。", code="isbn_duplicate")
    seen[isbn] = line
    category = CATEGORY_BY_LABEL.get(cell("category"))
    if category is None:
        labels = "、".join(Book.Category.labels)
        raise ValidationError(
            f"第 {line} 行：分类“{cell('category')}”不存在，可选：{labels}。", code="category_unknown"
        )
    copies = cell("copies")
    if not copies.isdigit() or not 1 <= int(copies) <= 999:
        raise ValidationError(f"第 {line} 行：册数“{copies}”应为 1 到 999 之间的整数。", code="copies_invalid")
    available = cell("available") or copies
    if not available.isdigit() or int(available) > int(copies):
        raise ValidationError(
            f"第 {line} 行：在架“{available}”应为 0 到册数（{copies}）之间的整数。", code="available_invalid"
        )
    return Book(
        title=title[:120], author=cell("author")[:80], isbn=isbn, category=category,
        copies=int(copies), available=int(available),
    )  # fmt: skip


def books_read(data: bytes) -> tuple[dict[int, Book], list[tuple[int, str]]]:
    """Every row of a catalogue CSV checked: the books by line, and each bad row's line and message (a duplicate
    ISBN in the file included). Raises ValidationError for what spoils the whole file (encoding, header)."""
    reader = csv.reader(io.StringIO(_decode(data)))
    header = next(reader, None)
    if not header:
        raise ValidationError("文件是空的。", code="empty")
    columns = _header_map(header)
    books, errors, seen = {}, [], {}
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if line > MAX_ROWS + 1:
            raise ValidationError(f"一次最多导入 {MAX_ROWS} 行，请分几次导入。", code="too_many_rows")
        try:
            books[line] = _book_from_row(row, columns, line, seen)
        except ValidationError as error:
            errors.append((line, error.messages[0]))
    return books, errors


def books_parse(upload) -> list[Book]:
    """Read and check every row of an uploaded CSV. Raises ValidationError listing the bad lines."""
    if upload.size > MAX_BYTES:
        size, limit = upload.size / 1024 / 1024, MAX_BYTES // 1024 // 1024
        raise ValidationError(f"文件太大（{size:.1f} MB），请不要超过 {limit} MB，可分几次导入。", code="too_large")
    books, errors = books_read(upload.read(MAX_BYTES + 1))
    line_of = {book.isbn: line for line, book in books.items()}
    for isbn, title in Book.objects.filter(isbn__in=line_of).values_list("isbn", "title"):
        line = line_of[isbn]
        errors.append((line, f"第 {line} 行：ISBN {isbn} 已在馆藏中（《{title}》），如需修改请直接编辑该书。"))
    if errors:
        errors = [message for _, message in sorted(errors)]
        shown = errors[:MAX_REPORTED]
        more = f"（另有 {len(errors) - MAX_REPORTED} 处问题未列出）" if len(errors) > MAX_REPORTED else ""
        # A list of plain messages would lose the code (Django keeps a code only on each ValidationError).
        summary = f"文件中有 {len(errors)} 处问题，没有导入任何图书。{more}"
        raise ValidationError(
            [*(ValidationError(m, code="bad_row") for m in shown), ValidationError(summary, code="bad_rows")]
        )
    if not books:
        raise ValidationError("文件里没有图书数据。", code="empty")
    return list(books.values())


@transaction.atomic
def books_import(*, upload) -> int:
    return books_add(books_parse(upload))


@transaction.atomic
def books_add(books: list[Book]) -> int:
    """Add checked books (from `books_read`) to the catalogue in one go, searchable at once."""
    for book in books:
        book.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            Book.objects.bulk_create(books)
    except IntegrityError:
        # Only when someone added the same ISBN while this file was being checked.
        raise ValidationError(
            "导入时馆藏刚好被修改（ISBN 重复），没有导入任何图书，请重新上传。", code="isbn_conflict"
        ) from None
    # bulk_create sends no post_save: bring the site search up to date for the catalogue in one go.
    search_index_rebuild(keys=[Book._meta.label_lower])
    pagecache_invalidate()
    return len(books)
