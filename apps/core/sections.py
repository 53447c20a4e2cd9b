"""Pages assembled from blocks that several apps contribute (the home page, /me/, each pillar's page).

An app registers a block once, in its AppConfig.ready(): a template and a function returning the
block's data for a request (a small, bounded number of queries). The page owner does not know the app.
A page may pass more to every block's function (a pillar's page passes `pillar`, its key).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    order: int
    template: str
    data: Callable


class PageSections:
    def __init__(self, *, skip_empty: bool):
        self.skip_empty = skip_empty
        self._sections: list[Section] = []

    def register(self, *, order: int, template: str, data: Callable) -> None:
        if all(s.template != template for s in self._sections):
            self._sections.append(Section(order, template, data))
            self._sections.sort(key=lambda s: s.order)

    def for_request(self, request, **context) -> list[dict]:
        blocks = (
            {"order": s.order, "template": s.template, "data": s.data(request, **context)} for s in self._sections
        )
        return [b for b in blocks if b["data"] or not self.skip_empty]
