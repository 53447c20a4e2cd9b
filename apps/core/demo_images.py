"""Pictures for demo content, drawn with Pillow (no downloads), stored through the real image pipeline.

A seeds file describes a picture by the scene to draw (`PICTURE_SCENES`) and its caption; `demo_picture` draws it.
"""

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


# What a seeds file may name as a picture's scene: a landscape (chosen by a key), or a simple drawn scene standing
# in for a photo of a hub, a dumping ground, a park, a street at night before and after its lights, works.
PICTURE_SCENES = ("landscape", "hub", "dump", "park", "dark", "lit", "works")


def demo_picture(scene: str, *, caption: str, key: str = "") -> Image:
    """The picture a seeds file describes: `scene` drawn and stored with `caption` as its caption and alt text.
    A landscape is chosen by `key` (the same key, the same picture)."""
    if scene not in PICTURE_SCENES:
        raise ValueError(f"unknown picture scene {scene!r}")
    if scene == "landscape":
        return demo_banner(key or caption, alt=caption, caption=caption)
    return demo_image_store(_scene(scene), alt=caption, caption=caption)


def _scene(scene: str) -> PILImage.Image:
    """A simple drawn scene (sky, ground, a few shapes) standing in for a photo."""
    picture = PILImage.new("RGB", (960, 640), "#9fb7c9")
    draw = ImageDraw.Draw(picture)
    if scene == "dump":
        draw.rectangle((0, 380, 960, 640), fill="#7a6a55")
        for x in range(60, 900, 110):
            draw.ellipse((x, 420 + x % 70, x + 90, 480 + x % 70), fill="#4d4a45")
    elif scene == "park":
        draw.rectangle((0, 380, 960, 640), fill="#5f9b52")
        draw.rectangle((0, 500, 960, 540), fill="#d9c9a3")
        for x in range(80, 900, 180):
            draw.rectangle((x + 35, 300, x + 50, 400), fill="#6b4b2a")
            draw.ellipse((x, 220, x + 90, 320), fill="#2f6b35")
    elif scene in ("dark", "lit"):
        picture.paste("#1c2333" if scene == "dark" else "#2d3b57", (0, 0, 960, 640))
        draw.rectangle((0, 460, 960, 640), fill="#3a3a3a")
        for x in range(100, 960, 250):
            draw.rectangle((x, 200, x + 10, 460), fill="#777777")
            if scene == "lit":
                draw.ellipse((x - 25, 180, x + 35, 230), fill="#ffe58a")
                draw.polygon([(x - 60, 460), (x + 70, 460), (x + 5, 225)], fill="#6b6442")
    elif scene == "works":
        draw.rectangle((0, 380, 960, 640), fill="#8a7f6a")
        draw.rectangle((300, 300, 620, 400), fill="#e0a030")
    else:  # hub
        draw.rectangle((0, 420, 960, 640), fill="#c9c2b5")
        draw.rectangle((240, 180, 720, 440), fill="#f2ede6")
        draw.rectangle((420, 320, 540, 440), fill="#b3261e")
    return picture
