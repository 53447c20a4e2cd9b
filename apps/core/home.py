"""Sections of the home page contributed by the pillar apps.

core imports no pillar: each pillar registers its section in its AppConfig.ready(), with a template
and a function that returns the section's data for a request (a small, bounded number of queries).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class HomeSection:
    order: int
    template: str
    data: Callable


_sections: list[HomeSection] = []


def home_section_register(*, order: int, template: str, data: Callable) -> None:
    if any(s.template == template for s in _sections):
        return
    _sections.append(HomeSection(order, template, data))
    _sections.sort(key=lambda s: s.order)


def home_sections(request) -> list[dict]:
    sections = []
    for section in _sections:
        data = section.data(request)
        if data:
            sections.append({"template": section.template, "data": data})
    return sections
