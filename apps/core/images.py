"""The image pipeline: the one place every uploaded picture goes through.

An upload is accepted only if Pillow decodes it fully as JPEG, PNG or WebP within the size and pixel
limits. It is then turned upright by its EXIF orientation and re-encoded from pixels, so no EXIF, GPS
or other metadata survives, saved under a random name, and given WebP renditions at a few widths.
Nothing is written to storage until the upload has passed every check.

A storage that fails (disk full, read-only, object storage down) is a `ValidationError` with code
`storage_unavailable` (图片暂时无法保存，请稍后再试), which forms show like any other, keeping what was typed;
the caller's transaction rolls back, and every file written since it began (the request's earlier photos
and renditions) is deleted. Files of an uncommitted transaction are remembered per thread until it
commits; any left over from one that rolled back are orphans and are deleted at the next failure too.
"""

import io
import logging
import threading
import uuid
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

from .models import Image

logger = logging.getLogger(__name__)

ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
STORAGE_UNAVAILABLE = "图片暂时无法保存，请稍后再试。"
_uncommitted = threading.local()  # storage names written by this thread's transaction, not committed yet


@dataclass(frozen=True)
class CleanImage:
    """An upload that passed the pipeline: re-encoded bytes, ready to be saved."""

    content: bytes
    extension: str
    width: int
    height: int


def _open(upload) -> PILImage.Image:
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
    if size > settings.IMAGE_MAX_BYTES:
        raise ValidationError(
            "图片太大（%(size)s），请上传不超过 %(limit)s 的图片。",
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(settings.IMAGE_MAX_BYTES)},
        )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # A picture over Pillow's own limit is refused, not decoded with a warning.
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            picture = PILImage.open(upload)
            if picture.format not in ACCEPTED_FORMATS:
                raise ValidationError("只接受 JPEG、PNG 或 WebP 格式的图片。", code="format")
            if picture.width * picture.height > settings.IMAGE_MAX_PIXELS:
                raise _too_many_pixels()
            picture.load()
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        raise _too_many_pixels() from None
    except UnidentifiedImageError:
        raise ValidationError("无法识别这个文件，请上传 JPEG、PNG 或 WebP 格式的照片。", code="not_image") from None
    except (OSError, SyntaxError, ValueError):
        raise ValidationError("图片文件已损坏或不完整，请重新选择。", code="corrupt") from None
    return picture


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        "图片像素过多，请上传不超过 %(limit)d 万像素的图片。",
        code="too_many_pixels",
        params={"limit": settings.IMAGE_MAX_PIXELS // 10_000},
    )


def image_clean(upload) -> CleanImage:
    """Check an uploaded file and re-encode it without metadata; raise ValidationError if it is refused."""
    picture = _open(upload)
    fmt = picture.format
    picture = ImageOps.exif_transpose(picture)
    out = io.BytesIO()
    if fmt == "JPEG":
        picture.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
    elif fmt == "PNG":
        mode = "RGBA" if picture.mode in {"RGBA", "LA", "P"} else "RGB"
        picture.convert(mode).save(out, "PNG", optimize=True)
    else:
        mode = "RGBA" if "A" in picture.getbands() else "RGB"
        picture.convert(mode).save(out, "WEBP", quality=85)
    return CleanImage(out.getvalue(), ACCEPTED_FORMATS[fmt], picture.width, picture.height)


def _uncommitted_names() -> list[str]:
    if not hasattr(_uncommitted, "names"):
        _uncommitted.names = []
    return _uncommitted.names


def _committed(name: str) -> None:
    with_name = _uncommitted_names()
    if name in with_name:
        with_name.remove(name)


def stored_file_save(storage, name: str, content: bytes, max_length: int | None = None) -> str:
    """Save `content` under (about) `name`; remembered until the transaction commits. If the storage fails,
    every uncommitted file is deleted and the failure is a ValidationError the form shows."""
    try:
        stored = storage.save(name, ContentFile(content), max_length=max_length)
    except Exception as exc:  # OSError on disk (ENOSPC, EROFS), the client's own errors on object storage
        logger.warning("image storage failed, the upload is refused: %s: %s", type(exc).__name__, exc)
        stored_files_discard(storage)
        raise ValidationError(STORAGE_UNAVAILABLE, code="storage_unavailable") from exc
    _uncommitted_names().append(stored)
    transaction.on_commit(lambda: _committed(stored))
    return stored


def stored_files_discard(storage) -> None:
    """Delete the files written by this thread's transaction that has not committed (it is failing)."""
    names = _uncommitted_names()
    while names:
        name = names.pop()
        try:
            storage.delete(name)
        except Exception:  # the storage is failing: images_prune finds what is left
            logger.warning("could not delete %s after a failed upload", name)


def _rendition_name(stem: str, width: int) -> str:
    return f"renditions/{stem}-{width}.webp"


def renditions_build(image: Image, content: bytes) -> list[dict]:
    """WebP copies of `image` (whose stored bytes are `content`) at the configured widths narrower than it,
    plus its own width. Made from the bytes in hand: reading the file back costs a download on S3."""
    picture = PILImage.open(io.BytesIO(content))
    picture.load()
    stem = image.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    widths = [w for w in settings.IMAGE_RENDITION_WIDTHS if w < picture.width] + [
        min(picture.width, max(settings.IMAGE_RENDITION_WIDTHS))
    ]
    renditions = []
    for width in sorted(set(widths)):
        height = max(1, round(picture.height * width / picture.width))
        copy = picture.copy()
        copy = copy.convert("RGBA" if "A" in copy.getbands() else "RGB").resize((width, height), PILImage.LANCZOS)
        out = io.BytesIO()
        copy.save(out, "WEBP", quality=80)
        name = stored_file_save(default_storage, _rendition_name(stem, width), out.getvalue())
        renditions.append({"width": width, "height": height, "name": name})
    return renditions


def image_store(image: Image, clean: CleanImage) -> Image:
    """Write a cleaned upload into `image` (new or replacing its file), build its renditions, save it."""
    old_files = image_files(image) if image.file else []
    field = image._meta.get_field("file")
    name = field.generate_filename(image, f"{uuid.uuid4().hex}.{clean.extension}")
    # Stored through the storage API and named on the field directly: `image.file.save()` would read the
    # file back for its width and height (a download from object storage), which we already know.
    image.file.name = stored_file_save(field.storage, name, clean.content, max_length=field.max_length)
    image.width, image.height = clean.width, clean.height
    image.renditions = renditions_build(image, clean.content)
    # The file's name was made and length-checked above; cleaning that field would read the image back.
    image.full_clean(exclude={"file"})
    image.save()
    for name in old_files:
        default_storage.delete(name)
    return image


@transaction.atomic
def image_create(*, upload, alt: str, caption: str = "", uploaded_by=None) -> Image:
    """Run `upload` through the pipeline and store it as an Image with its renditions."""
    alt = (alt or "").strip()
    if not alt:
        raise ValidationError({"alt": ValidationError("请填写图片的替代文字（描述图片内容）。", code="alt_required")})
    clean = upload if isinstance(upload, CleanImage) else image_clean(upload)
    return image_store(Image(alt=alt, caption=caption, uploaded_by=uploaded_by), clean)


def image_files(image: Image) -> list[str]:
    """Every storage name belonging to `image`: the cleaned original and its renditions."""
    return [image.file.name, *(r["name"] for r in image.renditions)]
