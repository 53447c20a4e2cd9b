"""Site-wide search. Each app registers what it indexes with `search_register()` (in its AppConfig.ready()).

core imports no pillar: a registered model supplies a function that turns one object into a
`SearchDocument` (or None while it is not public); saving or deleting the object keeps the index current.
"""

from .registry import SearchDocument, search_register

__all__ = ["SearchDocument", "search_register"]
