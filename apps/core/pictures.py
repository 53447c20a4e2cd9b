"""Pictures as pages show them: the WebP renditions with srcset, intrinsic size, lazy loading and alt.

`picture_html` is what the `{% picture %}` tag prints. `body_pictures` does the same for the pictures
inside rich text: staff insert an image by its `/media/…` address, which is the cleaned original (a
JPEG of up to several megabytes); at render time each one that is a known `core.Image` becomes the
responsive WebP version, looked up in one query per body.
"""

import html
import re
from functools import lru_cache

from django.core.files.storage import default_storage
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from .media import media_name_for_url, media_url_prefixes
from .models import Image

# Rich text was serialized by nh3 (html5ever) when it was saved: every attribute value is in double quotes
# with `"` escaped, so a tag ends at the first `>` outside quotes.
IMG_TAG = re.compile(r'<img\b(?:[^>"]|"[^"]*")*>')
ATTRIBUTE = re.compile(r'([a-zA-Z][a-zA-Z0-9-]*)="([^"]*)"')
BODY_SIZES = "(min-width: 48rem) 46rem, 100vw"


def picture_html(image: Image | None, *, sizes: str = "100vw", css_class: str = "", loading: str = "lazy",
                 alt: str | None = None) -> str:  # fmt: skip
    """<img> with a WebP srcset from the image pipeline's renditions, intrinsic width/height and alt."""
    if image is None:
        return ""
    renditions = image.renditions or []
    attrs = {"alt": image.alt if alt is None else alt, "loading": loading, "decoding": "async", "class": css_class}
    if not renditions:
        return format_html(
            '<img src="{}" width="{}" height="{}"{}>', image.file.url, image.width, image.height, _attrs(attrs)
        )
    largest = renditions[-1]
    src, srcset = _sources(tuple((r["name"], r["width"]) for r in renditions))
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}"{}>',
        src, srcset, sizes, largest["width"], largest["height"], _attrs(attrs),
    )  # fmt: skip


@lru_cache(maxsize=4096)
def _sources(renditions: tuple[tuple[str, int], ...]) -> tuple[str, SafeString]:
    """src and srcset of a set of renditions: built once per process, as a home page shows the same
    pictures to everyone (five storage URLs and an escaped join each). Names are random and never reused."""
    srcset = format_html_join(", ", "{} {}w", ((default_storage.url(name), width) for name, width in renditions))
    return default_storage.url(renditions[-1][0]), srcset


def _attrs(attrs: dict) -> str:
    # alt is always written, even empty (a decorative picture); the others only when set.
    return format_html_join("", ' {}="{}"', ((k, v) for k, v in attrs.items() if v or k == "alt"))


def body_pictures(body: str, *, sizes: str = BODY_SIZES) -> str:
    """`body` (sanitized rich text) with each <img> of a known core.Image replaced by its renditions.

    Images that are not ours or not known (deleted, pasted from elsewhere in /media/) stay as they are.
    The alt text written in the body is kept; the image's own alt fills in when the body has none.
    """
    if "<img" not in body:
        return body
    prefixes = media_url_prefixes()
    found = []  # (match, attributes, storage name)
    for match in IMG_TAG.finditer(body):
        attributes = {key: html.unescape(value) for key, value in ATTRIBUTE.findall(match.group(0))}
        if name := media_name_for_url(attributes.get("src", ""), prefixes):
            found.append((match, attributes, name))
    if not found:
        return body
    images = {image.file.name: image for image in Image.objects.filter(file__in={name for *_, name in found})}
    parts, position = [], 0
    for match, attributes, name in found:
        if image := images.get(name):
            alt = attributes.get("alt") or image.alt
            parts += [body[position : match.start()], picture_html(image, sizes=sizes, alt=alt)]
            position = match.end()
    return "".join(parts) + body[position:]
