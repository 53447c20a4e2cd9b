"""Pictures for demo content, drawn with Pillow (no downloads), stored through the real image pipeline."""

import hashlib
import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from PIL import ImageDraw

from .images import image_create
from .models import Image

PALETTES = [
    ((179, 38, 30), (250, 214, 165)),
    ((138, 90, 0), (255, 236, 200)),
    ((27, 110, 53), (214, 240, 220)),
    ((40, 70, 140), (215, 228, 250)),
    ((120, 40, 110), (245, 220, 240)),
]


def landscape(seed: int, size: tuple[int, int] = (1200, 675)) -> PILImage.Image:
    """A simple drawn landscape (sky, ridges, sun, houses) in one of the palettes."""
    rng = random.Random(seed)
    dark, light = PALETTES[seed % len(PALETTES)]
    width, height = size
    picture = PILImage.new("RGB", size, light)
    draw = ImageDraw.Draw(picture)
    for y in range(height // 2):  # sky gradient
        t = y / (height / 2)
        draw.line([(0, y), (width, y)], fill=tuple(int(light[i] * (1 - t * 0.25)) for i in range(3)))
    sun = rng.randint(int(width * 0.58), int(width * 0.83))
    draw.ellipse([sun, 60, sun + 120, 180], fill=(255, 245, 230))
    for layer in range(3):  # the ridges (红岭)
        base = height // 2 + layer * 70
        shade = tuple(max(0, c - 40 * (2 - layer)) for c in dark)
        ridge = [(x, base - rng.randint(0, 80)) for x in range(0, width + 150, 150)]
        draw.polygon([(0, height), *ridge, (width, height)], fill=shade)
    for i in range(rng.randint(3, 6)):  # houses
        x = 80 + i * 180 + rng.randint(0, 40)
        y = height - 190 - rng.randint(0, 40)
        draw.rectangle([x, y, x + 120, y + 110], fill=(250, 250, 245))
        draw.polygon([(x - 10, y), (x + 60, y - 55), (x + 130, y)], fill=dark)
        draw.rectangle([x + 45, y + 50, x + 75, y + 110], fill=dark)
    return picture


def demo_image_store(picture: PILImage.Image, *, alt: str, caption: str = "") -> Image:
    """Run a drawn picture through the upload pipeline, as a staff upload would go."""
    out = io.BytesIO()
    picture.convert("RGB").save(out, "JPEG", quality=82)
    upload = SimpleUploadedFile("demo.jpg", out.getvalue(), content_type="image/jpeg")
    return image_create(upload=upload, alt=alt, caption=caption)


def demo_banner(key: str | int, *, alt: str, caption: str = "") -> Image:
    """A landscape chosen by `key` (the same key always draws the same picture)."""
    seed = key if isinstance(key, int) else int(hashlib.sha256(key.encode()).hexdigest()[:8], 16)
    return demo_image_store(landscape(seed), alt=alt, caption=caption)
