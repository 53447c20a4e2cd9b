"""The site's URLs plus a view that fails with personal data in its error (log, 500 page and error-report tests)."""

from django.urls import path

from hongling.urls import handler500  # noqa: F401 - handler500 is read from here
from hongling.urls import urlpatterns as site_urlpatterns

PHONE, EMAIL, ID_CARD = "13912345678", "wang.guilan@example.com", "430104199001011234"


def fail(request):
    raise ValueError(f"lookup failed for {PHONE} / {EMAIL} / {ID_CARD}")


urlpatterns = [path("__fail__/", fail), *site_urlpatterns]
