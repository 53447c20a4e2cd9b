from .courses import Course, Series, Session
from .members import MemberProfile
from .settings import ClassesSettings
from .sites import RedSite, Route, RouteStop, SitePhoto

__all__ = [
    "ClassesSettings",
    "Course",
    "MemberProfile",
    "RedSite",
    "Route",
    "RouteStop",
    "Series",
    "Session",
    "SitePhoto",
]
