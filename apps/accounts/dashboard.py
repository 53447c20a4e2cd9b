"""/me/: the signed-in person's own page, and their data export, assembled from every app.

Apps add to it without accounts knowing them (register in AppConfig.ready()):
- `me_section_register(order=…, template=…, data=callable(request))` — a block on /me/;
- `export_register(key=…, data=callable(user))` — their part of the personal-data export (JSON-safe).
"""

from collections.abc import Callable

from apps.core.sections import PageSections

_me = PageSections(skip_empty=False)
me_section_register = _me.register
me_sections = _me.for_request
_exports: dict[str, Callable] = {}


def export_register(*, key: str, data: Callable) -> None:
    _exports[key] = data


def personal_data(user) -> dict:
    return {key: data(user) for key, data in sorted(_exports.items())}
