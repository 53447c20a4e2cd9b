import pytest

from tests.news.factories import editor_create, reviewer_create


@pytest.fixture
def editor(db):
    return editor_create(email="editor@example.com")


@pytest.fixture
def reviewer(db):
    return reviewer_create(email="reviewer@example.com")
