from .events import ChildAttendee, CultureEvent
from .library import Book, DriftBook, DriftLog, Library

__all__ = ["Book", "ChildAttendee", "CultureEvent", "DriftBook", "DriftLog", "Library"]
