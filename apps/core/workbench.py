"""The admin index's 工作台: sections registered by each pillar from its AppConfig.ready() (core knows no
pillar by name), each drawn with apps.core.charts and its data table; server-rendered, no script."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class WorkbenchSection:
    order: int
    template: str
    data: Callable  # data(request) -> dict, or None to leave the section out


_SECTIONS: list[WorkbenchSection] = []


def workbench_section_register(*, order: int, template: str, data: Callable) -> None:
    _SECTIONS.append(WorkbenchSection(order, template, data))
    _SECTIONS.sort(key=lambda s: s.order)


def workbench_sections(request) -> list[dict]:
    sections = []
    for section in _SECTIONS:
        data = section.data(request)
        if data is not None:
            sections.append({"template": section.template, "data": data})
    return sections
