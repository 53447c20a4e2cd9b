"""Demo pictures drawn with Pillow (no downloads): simple scenes standing in for photos."""

from PIL import Image as PILImage
from PIL import ImageDraw

from apps.core.demo_images import demo_image_store

SCENES = ("hub", "dump", "park", "dark", "lit", "works")  # what a seeds file may name as a picture's scene


def demo_picture(scene: str, caption: str):
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
    return demo_image_store(picture, alt=caption, caption=caption)
