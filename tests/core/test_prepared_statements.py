"""On PostgreSQL the web process plans a repeated query once per connection (hongling/settings.py)."""

import pytest
from django.db import connection

from apps.core.models import SiteSettings

pytestmark = [pytest.mark.django_db]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_a_query_run_twice_is_prepared_on_the_connection():
    def prepared() -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s", ["%core_sitesettings%"]
            )
            return cursor.fetchone()[0]

    before = prepared()
    for _ in range(3):
        list(SiteSettings.objects.filter(pk=1))
    assert prepared() == before + 1  # with DB_PREPARED_STATEMENTS=0 (client-side binding) nothing is prepared
