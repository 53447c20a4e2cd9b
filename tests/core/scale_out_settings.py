"""Production settings for the two-node test (tests/core/test_scale_out.py), with one difference: static files
are referenced by their plain names, since the test does not run collectstatic (no hashed manifest)."""

from hongling.settings import *  # noqa: F403

STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
