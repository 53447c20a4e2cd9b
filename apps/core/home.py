"""Sections of the home page contributed by the pillar apps (core imports no pillar).

home_section_register(order=30, template="news/includes/home_news.html", data=latest_news)
"""

from .sections import PageSections

_home = PageSections(skip_empty=True)
home_section_register = _home.register
home_sections = _home.for_request
