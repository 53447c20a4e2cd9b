from .courses import Course, Series, Session
from .members import MemberProfile
from .sites import RedSite, Route, RouteStop, SitePhoto

__all__ = ["Course", "MemberProfile", "RedSite", "Route", "RouteStop", "Series", "Session", "SitePhoto"]
