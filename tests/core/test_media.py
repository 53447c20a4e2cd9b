import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from tests.factories import image_bytes

pytestmark = pytest.mark.django_db

YEAR_IMMUTABLE = "public, max-age=31536000, immutable"


@pytest.fixture
def stored():
    content = image_bytes()
    name = default_storage.save("images/2026/12/0123456789abcdef.jpg", ContentFile(content))
    return name, content


def test_media_file_is_served_with_a_year_of_immutable_caching(client, stored):
    name, content = stored
    response = client.get(f"/media/{name}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Length"] == str(len(content))
    assert response["Cache-Control"] == YEAR_IMMUTABLE
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith("GMT")


def test_media_file_answers_not_modified_to_its_etag_or_date(client, stored):
    name, _ = stored
    first = client.get(f"/media/{name}")
    by_etag = client.get(f"/media/{name}", headers={"If-None-Match": first["ETag"]})
    by_date = client.get(f"/media/{name}", headers={"If-Modified-Since": first["Last-Modified"]})
    for response in (by_etag, by_date):
        assert response.status_code == 304
        assert response.content == b""
        assert response["Cache-Control"] == YEAR_IMMUTABLE
        assert response["ETag"] == first["ETag"]


def test_media_file_head_gives_the_headers_without_the_body(client, stored):
    name, content = stored
    response = client.head(f"/media/{name}")
    assert response.status_code == 200
    assert response["Cache-Control"] == YEAR_IMMUTABLE
    assert response["Content-Length"] == str(len(content))
    assert b"".join(response.streaming_content) == b""


@pytest.mark.parametrize(
    "path",
    [
        "images/2026/12/" + "a" * 3000 + ".jpg",  # one name far over the file system's limit
        "a" * 5000,  # over PATH_MAX: "File name too long" from the OS
        "images/../../hongling/settings.py",
        "..%2f..%2fhongling/settings.py",
        "images/%2e%2e/%2e%2e/etc/passwd",
        "images/2026/12/0123456789abcdef.jpg%00.png",
        "images\\..\\secret.jpg",
        "images/",
        "images/2026",
        "images/2026/12/missing.jpg",
    ],
)
def test_media_file_answers_not_found_for_names_that_are_not_ours(client, stored, path):
    client.raise_request_exception = False
    response = client.get(f"/media/{path}")
    # A NUL byte is refused as bad input (400) before any view; every other name is simply not found.
    assert response.status_code == (400 if "%00" in path else 404)
    assert "Cache-Control" not in response or "immutable" not in response["Cache-Control"]


def test_media_file_refuses_writes(client, stored):
    name, _ = stored
    assert client.post(f"/media/{name}").status_code == 405
