import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hongling.settings")
application = get_wsgi_application()

# A real SMS provider without its credentials, signature or template IDs stops the web process here, with the
# missing settings named, rather than failing the first verification code (apps/core/sms/checks.py).
from apps.core.sms.checks import sms_sender_check_or_raise  # noqa: E402

sms_sender_check_or_raise()

# Load jieba's dictionary now, while the worker starts (about 1 s of CPU), rather than on a resident's first
# search. Only the web process pays: migrate, the task worker and cron commands never import this module.
from apps.core.search.segment import tokenizer  # noqa: E402

tokenizer()

# Everything loaded so far (Django, the URL conf, templates' tags, jieba's dictionary: ~100,000 objects) lives as
# long as the worker. Move it out of the garbage collector's sight, so a full collection no longer walks it in the
# middle of a request (150–200 ms, about once every few hundred requests, measured in-process on the bench data).
gc.collect()
gc.freeze()
