"""/me/: the signed-in person's own page, and their data export, assembled from every app.

Apps add to it without accounts knowing them (register in AppConfig.ready()):
- `me_section_register(order=…, template=…, data=callable(request))` — a block on /me/;
- `export_register(key=…, data=callable(user))` — their part of the personal-data export (JSON-safe).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class MeSection:
    order: int
    template: str
    data: Callable


_sections: list[MeSection] = []
_exports: dict[str, Callable] = {}


def me_section_register(*, order: int, template: str, data: Callable) -> None:
    if all(s.template != template for s in _sections):
        _sections.append(MeSection(order, template, data))
        _sections.sort(key=lambda s: s.order)


def me_sections(request) -> list[dict]:
    return [{"template": s.template, "data": s.data(request)} for s in _sections]


def export_register(*, key: str, data: Callable) -> None:
    _exports[key] = data


def personal_data(user) -> dict:
    return {key: data(user) for key, data in sorted(_exports.items())}
