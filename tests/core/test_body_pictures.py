import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.core.images import image_create
from apps.core.richtext import render_richtext, sanitize_html
from tests.factories import image_bytes

pytestmark = pytest.mark.django_db


def uploaded(size=(1000, 500), alt="连心广场"):
    return image_create(upload=io.BytesIO(image_bytes(size=size)), alt=alt)


def body_with(*images, alt="夜校现场") -> str:
    figures = "".join(
        f'<figure><img src="{image.file.url}" alt="{alt}" width="{image.width}"><figcaption>说明</figcaption></figure>'
        for image in images
    )
    return sanitize_html(f"<p>正文。</p>{figures}")


def test_body_image_is_shown_as_webp_renditions_with_size_and_lazy_loading():
    image = uploaded()
    html = render_richtext(body_with(image))
    assert image.file.url not in html  # the original JPEG is not sent
    for rendition in image.renditions:
        assert f"/media/{rendition['name']} {rendition['width']}w" in html
    assert 'src="/media/renditions/' in html and ".webp" in html
    assert 'width="1000" height="500"' in html
    assert 'loading="lazy"' in html and 'sizes="' in html
    assert 'alt="夜校现场"' in html  # the alt written in the body is kept
    assert "<figcaption>说明</figcaption>" in html


def test_body_image_without_alt_gets_the_image_alt():
    image = uploaded(alt="岭上清风园的步道")
    body = sanitize_html(f'<p><img src="{image.file.url}"></p>')
    assert 'alt="岭上清风园的步道"' in render_richtext(body)


def test_body_images_are_looked_up_in_one_query():
    images = [uploaded(alt=f"图 {n}") for n in range(4)]
    body = body_with(*images)
    with CaptureQueriesContext(connection) as queries:
        html = render_richtext(body)
    assert len(queries) == 1
    assert html.count("srcset=") == 4


def test_unknown_media_image_is_left_as_it_is():
    body = sanitize_html('<p><img src="/media/images/2020/01/gone.jpg" alt="旧图" width="600" height="400"></p>')
    assert render_richtext(body) == body


def test_text_without_images_needs_no_query():
    with CaptureQueriesContext(connection) as queries:
        assert render_richtext("<p>没有图片。</p>") == "<p>没有图片。</p>"
    assert len(queries) == 0


@pytest.mark.parametrize(
    "hostile,gone",
    [
        ('<img src="{url}" onerror="alert(1)" alt="图">', "onerror"),
        ('<img src="{url}" alt="x&quot; onload=&quot;alert(1)">', 'onload="'),
        ('<img src="{url}" alt="图"><script>alert(1)</script>', "<script"),
        ('<img src="javascript:alert(1)" alt="图">', "javascript:"),
        ('<img src="https://evil.example/{url}" alt="图">', "evil.example"),
        ('<img src="{url}" style="position:fixed" alt="图">', "style="),
    ],
)
def test_hostile_markup_around_our_images_is_still_stripped(hostile, gone):
    image = uploaded()
    html = render_richtext(sanitize_html("<p>" + hostile.format(url=image.file.url) + "</p>"))
    assert gone not in html
