"""The portal's URLs plus the benchmark's baseline: a minimal Django view (settings_bench only)."""

from django.http import HttpResponse
from django.urls import path

from .urls import urlpatterns as portal_urlpatterns


def hello(request):
    """What any Django page costs at least: the middleware stack and a response, no template, no query."""
    return HttpResponse("hello", content_type="text/plain")


urlpatterns = [path("__bench__/hello", hello, name="bench_hello"), *portal_urlpatterns]
