"""QR codes as inline SVG (segno), for check-in links, share blocks and authenticator set-up."""

import io

import segno


def qr_svg(data: str, *, scale: int = 4) -> str:
    out = io.BytesIO()
    segno.make(data, error="m").save(out, kind="svg", scale=scale, xmldecl=False, svgns=True, border=2)
    return out.getvalue().decode()
