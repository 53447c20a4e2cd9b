"""Helpers for the page-cache tests."""

import pytest
from django.core.cache import cache

from apps.core.models import SiteSettings


@pytest.fixture(autouse=True)
def site_settings_row(db):
    """The settings row exists before the first page, as on a running site (creating it invalidates pages)."""
    return SiteSettings.load()


def page_entries() -> int:
    """How many whole pages the (in-memory, test) cache holds."""
    return sum("pagecache:page:" in key for key in cache._cache)
