import io
import os
import struct

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from apps.core.images import image_clean, image_create
from apps.core.models import Image
from tests.factories import image_bytes

pytestmark = pytest.mark.django_db


def upload(content: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def media_files(settings) -> list[str]:
    return [os.path.join(d, f) for d, _, files in os.walk(settings.MEDIA_ROOT) for f in files]


def gps_exif(orientation: int = 6) -> bytes:
    exif = PILImage.Exif()
    exif[0x0112] = orientation  # Orientation: rotate 90° clockwise to display
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (28.0, 11.0, 30.0), 3: "E", 4: (113.0, 1.0, 12.0)}  # GPS IFD
    return exif.tobytes()


def test_jpeg_with_gps_comes_out_upright_and_without_exif():
    original = image_bytes(size=(400, 200), exif=gps_exif(orientation=6))
    assert PILImage.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the fixture really has GPS

    image = image_create(upload=upload(original), alt="街景")

    with image.file.open("rb") as fh:
        stored = PILImage.open(fh)
        stored.load()
    assert not stored.getexif()
    assert "exif" not in stored.info
    assert (stored.width, stored.height) == (200, 400)  # orientation 6 applied: portrait now
    assert (image.width, image.height) == (200, 400)


def test_stored_file_gets_a_random_name_not_the_uploaded_one():
    image = image_create(upload=upload(image_bytes(), name="王阿姨家门口.jpg"), alt="门口")
    assert "王阿姨" not in image.file.name
    assert image.file.name.endswith(".jpg")


def test_renditions_are_webp_at_widths_no_larger_than_the_original():
    image = image_create(upload=upload(image_bytes(size=(1000, 500))), alt="宽图")
    widths = [r["width"] for r in image.renditions]
    assert widths == [320, 640, 960, 1000]
    for rendition in image.renditions:
        assert rendition["name"].endswith(".webp")
        assert rendition["height"] == rendition["width"] // 2


@pytest.mark.parametrize("fmt,ext", [("PNG", "png"), ("WEBP", "webp")])
def test_png_and_webp_are_accepted(fmt, ext):
    image = image_create(upload=upload(image_bytes(fmt), name=f"x.{ext}"), alt="图")
    assert image.file.name.endswith(f".{ext}")


def test_alt_text_is_required_and_nothing_is_written(settings):
    with pytest.raises(ValidationError) as error:
        image_create(upload=upload(image_bytes()), alt="  ")
    assert error.value.error_dict["alt"][0].code == "alt_required"
    assert "替代文字" in str(error.value)
    assert media_files(settings) == []


def truncated_jpeg() -> bytes:
    data = image_bytes(size=(600, 600))
    return data[: len(data) // 2]


def bomb_png() -> bytes:
    """A tiny PNG whose header claims 50,000 × 50,000 pixels (2.5 gigapixels)."""
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 50_000, 50_000, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 100)) + chunk(b"IEND", b"")
    )


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.mark.parametrize(
    "content,name,message,code",
    [
        (b"just some text, not a picture", "note.jpg", "无法识别这个文件", "not_image"),
        (SVG, "logo.svg", "无法识别这个文件", "not_image"),
        (truncated_jpeg(), "cut.jpg", "已损坏或不完整", "corrupt"),
        (bomb_png(), "bomb.png", "像素过多", "too_many_pixels"),
        (image_bytes("GIF"), "anim.gif", "只接受 JPEG、PNG 或 WebP", "format"),
    ],
    ids=["text-named-jpg", "svg", "truncated-jpeg", "decompression-bomb", "gif"],
)
def test_bad_uploads_are_refused_with_a_clear_message_and_leave_no_file(settings, content, name, message, code):
    with pytest.raises(ValidationError) as error:
        image_create(upload=upload(content, name=name), alt="坏图")
    assert error.value.code == code
    assert message in " ".join(error.value.messages)
    assert media_files(settings) == []
    assert not Image.objects.exists()


def test_oversized_file_is_refused_before_decoding(settings):
    settings.IMAGE_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as error:
        image_clean(upload(image_bytes(size=(600, 600)) + b"\0" * 2048))
    assert error.value.code == "too_large"
    assert "图片太大" in error.value.messages[0]


def test_pixel_limit_is_ours_not_pillows(settings):
    settings.IMAGE_MAX_PIXELS = 100 * 100
    with pytest.raises(ValidationError) as error:
        image_clean(upload(image_bytes(size=(200, 200))))
    assert error.value.code == "too_many_pixels"
    assert "像素过多" in error.value.messages[0]


def test_images_prune_removes_only_files_no_image_refers_to(settings):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.core.management import call_command

    kept = image_create(upload=upload(image_bytes()), alt="保留")
    orphan = default_storage.save("images/2026/11/orphan.jpg", ContentFile(image_bytes()))
    call_command("images_prune", verbosity=0)
    assert default_storage.exists(orphan)  # dry run by default
    call_command("images_prune", "--delete", verbosity=0)
    assert not default_storage.exists(orphan)
    assert default_storage.exists(kept.file.name)
    assert all(default_storage.exists(r["name"]) for r in kept.renditions)
