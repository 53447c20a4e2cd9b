import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.culture.models import Book
from tests.culture.factories import book_create, demo_isbn

pytestmark = pytest.mark.django_db

HEADER = "书名,作者,ISBN,分类,册数\n"


def _upload(client, text: str | bytes, name="books.csv"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return client.post(reverse("admin:culture_book_import"), {"file": SimpleUploadedFile(name, data, "text/csv")})


def test_import_good_file(client, superuser):
    client.force_login(superuser)
    rows = f"平凡的世界,路遥,{demo_isbn(1)},文学,3\n草房子,曹文轩,{demo_isbn(2)},少儿绘本,2\n"
    response = _upload(client, HEADER + rows)
    assert response.status_code == 302
    assert Book.objects.count() == 2 and Book.objects.get(title="平凡的世界").available == 3


def test_import_accepts_gbk_from_excel(client, superuser):
    client.force_login(superuser)
    assert _upload(client, (HEADER + f"红岩,罗广斌,{demo_isbn(3)},文学,1\n").encode("gb18030")).status_code == 302
    assert Book.objects.filter(title="红岩").exists()


def test_bad_row_reported_with_its_line_and_nothing_imported(client, superuser):
    client.force_login(superuser)
    rows = (
        f"平凡的世界,路遥,{demo_isbn(1)},文学,3\n坏书,某人,978-0000000000,文学,1\n草房子,曹文轩,{demo_isbn(2)},少儿,2\n"
    )
    response = _upload(client, HEADER + rows)
    assert response.status_code == 400
    assert "第 3 行" in response.text and "ISBN" in response.text
    assert "第 4 行" in response.text and "分类“少儿”不存在" in response.text
    assert "没有导入任何图书" in response.text
    assert not Book.objects.exists()


def test_missing_column_changes_nothing(client, superuser):
    client.force_login(superuser)
    response = _upload(client, "书名,作者,分类,册数\n平凡的世界,路遥,文学,3\n")
    assert response.status_code == 400 and "缺少列：ISBN" in response.text
    assert not Book.objects.exists()


def test_duplicate_isbn_in_file_or_catalogue_changes_nothing(client, superuser):
    client.force_login(superuser)
    rows = f"平凡的世界,路遥,{demo_isbn(1)},文学,3\n平凡的世界（第二部）,路遥,{demo_isbn(1)},文学,1\n"
    response = _upload(client, HEADER + rows)
    assert "第 3 行：ISBN" in response.text and "与第 2 行重复" in response.text
    assert not Book.objects.exists()
    book_create(title="红岩", isbn=demo_isbn(9))
    response = _upload(client, HEADER + f"红岩,罗广斌,{demo_isbn(9)},文学,1\n新书,某人,{demo_isbn(10)},文学,1\n")
    assert "已在馆藏中" in response.text and Book.objects.count() == 1


def test_fifty_megabyte_file_is_refused_before_reading(client, superuser, settings):
    client.force_login(superuser)
    big = HEADER.encode() + b"x" * (50 * 1024 * 1024)
    response = _upload(client, big)
    assert response.status_code == 400 and "文件太大" in response.text
    assert not Book.objects.exists()


def test_catalogue_is_searchable(client):
    book_create(title="红星照耀中国", author="埃德加·斯诺", category="party", copies=4, available=0)
    book_create(title="草房子", author="曹文轩", category="children")
    html = client.get(reverse("culture:library"), {"q": "斯诺"}).text
    assert "红星照耀中国" in html and "草房子" not in html and "已全部借出" in html
    html = client.get(reverse("culture:library"), {"category": "children"}).text
    assert "草房子" in html and "红星照耀中国" not in html


def test_every_bad_row_is_listed_in_line_order_with_a_code_and_nothing_is_imported():
    from django.core.exceptions import ValidationError

    from apps.culture.services.library import books_import

    book_create(title="红岩", isbn=demo_isbn(9))
    rows = (
        f",某人,{demo_isbn(1)},文学,1\n"  # line 2: no title
        f"坏书,某人,978-0000000000,文学,1\n"  # 3: a bad ISBN
        f"草房子,曹文轩,{demo_isbn(2)},少儿,2\n"  # 4: no such category
        f"平凡的世界,路遥,{demo_isbn(3)},文学,0\n"  # 5: copies out of range
        f"又一本,某人,{demo_isbn(3)},文学,1\n"  # 6: the ISBN of line 5 again
        f"红岩,罗广斌,{demo_isbn(9)},文学,1\n"  # 7: already in the catalogue
    )
    upload = SimpleUploadedFile("books.csv", (HEADER + rows).encode(), "text/csv")
    with pytest.raises(ValidationError) as error:
        books_import(upload=upload)
    assert [e.code for e in error.value.error_list] == ["bad_row"] * 6 + ["bad_rows"]
    messages = error.value.messages
    assert [m[: m.index("行")] for m in messages[:6]] == [f"第 {n} " for n in range(2, 8)]
    assert "书名为空" in messages[0] and "与第 5 行重复" in messages[4] and "已在馆藏中" in messages[5]
    assert messages[6].startswith("文件中有 6 处问题")
    assert Book.objects.count() == 1


def test_the_demo_catalogue_is_a_file_staff_can_import(client, superuser):
    """seeds/library.csv is in the import's format: the admin takes it as it is, 在架 column included."""
    from apps.core.seeding import SEEDS_DIR

    client.force_login(superuser)
    response = _upload(client, (SEEDS_DIR / "library.csv").read_bytes(), name="library.csv")
    assert response.status_code == 302
    assert Book.objects.count() == 16 and Book.objects.get(title="城南旧事").available == 0


def test_on_shelf_column_is_optional_and_within_the_copies(client, superuser):
    client.force_login(superuser)
    header = "书名,作者,ISBN,分类,册数,在架\n"
    response = _upload(
        client, header + f"平凡的世界,路遥,{demo_isbn(1)},文学,3,4\n草房子,曹文轩,{demo_isbn(2)},少儿绘本,2,\n"
    )
    assert response.status_code == 400 and "第 2 行：在架“4”应为 0 到册数（3）之间的整数" in response.text
    assert not Book.objects.exists()
    response = _upload(
        client, header + f"平凡的世界,路遥,{demo_isbn(1)},文学,3,1\n草房子,曹文轩,{demo_isbn(2)},少儿绘本,2,\n"
    )
    assert response.status_code == 302
    assert dict(Book.objects.values_list("title", "available")) == {"平凡的世界": 1, "草房子": 2}
