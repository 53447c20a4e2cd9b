"""Pictures for demo content, drawn with Pillow (no downloads), stored through the image pipeline."""

import hashlib
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from PIL import ImageDraw

from .images import image_create
from .models import Image

PALETTES = [
    ("#b3261e", "#f6d7c3", "#7a1712"),
    ("#1f5f8b", "#d9e8f2", "#12384f"),
    ("#2f6b35", "#dcebd5", "#1d4522"),
    ("#8a5a00", "#f4e4c1", "#5a3b00"),
    ("#5b3a8a", "#e6dcf2", "#3a2459"),
]


def demo_image_store(picture: PILImage.Image, *, alt: str, caption: str = "") -> Image:
    """Run a drawn picture through the real upload pipeline, as a staff upload would go."""
    out = io.BytesIO()
    picture.convert("RGB").save(out, "JPEG", quality=82)
    upload = SimpleUploadedFile("demo.jpg", out.getvalue(), content_type="image/jpeg")
    return image_create(upload=upload, alt=alt, caption=caption)


def demo_banner(key: str, *, alt: str, caption: str = "", size=(1200, 675)) -> Image:
    """A calm landscape of ridges (红岭) in one of a few palettes, chosen by `key` so reruns match."""
    digest = hashlib.sha256(key.encode()).digest()
    main, light, dark = PALETTES[digest[0] % len(PALETTES)]
    width, height = size
    picture = PILImage.new("RGB", size, light)
    draw = ImageDraw.Draw(picture)
    sun_x = width * (0.2 + digest[1] / 255 * 0.6)
    draw.ellipse((sun_x - 70, 90, sun_x + 70, 230), fill="#fff4d6")
    for layer, colour in enumerate((main, dark)):
        base = height * (0.55 + 0.18 * layer)
        points = [(0, height)]
        for i in range(9):
            x = width * i / 8
            y = base - (digest[2 + i + layer * 9] / 255) * height * 0.22
            points.append((x, y))
        points.append((width, height))
        draw.polygon(points, fill=colour)
    return demo_image_store(picture, alt=alt, caption=caption)
