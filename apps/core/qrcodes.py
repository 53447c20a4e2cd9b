"""QR codes as inline SVG (segno), for check-in links, share blocks and authenticator set-up."""

import io
from functools import lru_cache

import segno


def qr_svg(data: str, *, scale: int = 4, fluid: bool = False) -> str:
    """`fluid`: no width and height but a viewBox, so CSS sizes the code (the projector page fills the screen)."""
    out = io.BytesIO()
    segno.make(data, error="m").save(out, kind="svg", scale=scale, xmldecl=False, svgns=True, border=2, omitsize=fluid)
    return out.getvalue().decode()


@lru_cache(maxsize=1024)
def public_qr_svg(data: str, *, scale: int = 4) -> str:
    """qr_svg of a public link (an article's share URL), made once per process: everyone gets the same code and
    encoding it costs milliseconds. Never for a secret (a check-in token, an authenticator key)."""
    return qr_svg(data, scale=scale)
