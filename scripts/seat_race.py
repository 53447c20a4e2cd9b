"""Load check: N people press 报名 at the same moment for S seats, over HTTP against a running server.

    DATABASE_URL=postgres://… SECRET_KEY=… ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 \
        python scripts/seat_race.py http://127.0.0.1:8010 --people 1000 --seats 50

The server must use the same database. The script creates the people (with login sessions) and one
occurrence, releases all requests together from a thread pool, then counts the rows. Only loopback.
"""

import argparse
import os
import sys
import threading
import time
import urllib.request
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hongling.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.crypto import get_random_string  # noqa: E402

from apps.core.models import Occurrence, Registration  # noqa: E402


def people(n: int, run: str) -> list[tuple[str, str]]:
    """(session key, csrf secret) for n new users."""
    User = get_user_model()
    users = User.objects.bulk_create(
        [User(phone=f"+86136{run}{i:05d}", display_name=f"压测{i}", password=make_password(None)) for i in range(n)]
    )
    out = []
    for user in users:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        out.append((session.session_key, get_random_string(32)))
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--seats", type=int, default=50)
    parser.add_argument("--threads", type=int, default=200)
    args = parser.parse_args()
    if urlsplit(args.base).hostname not in {"127.0.0.1", "localhost", "::1"}:
        sys.exit("only a server on this machine (loopback) may be loaded")

    run = f"{int(time.time()) % 100:02d}"
    starts = timezone.now() + timedelta(days=2)
    occurrence = Occurrence.objects.create(
        kind="load", title="压测场次", starts_at=starts, ends_at=starts + timedelta(hours=1), capacity=args.seats
    )
    crowd = people(args.people, run)
    url = f"{args.base.rstrip('/')}/occurrences/{occurrence.pk}/register/"
    barrier = threading.Barrier(args.threads)
    lock = threading.Lock()
    queue = list(crowd)
    statuses: dict[int, int] = {}

    def worker():
        barrier.wait()
        while True:
            with lock:
                if not queue:
                    return
                session_key, csrf = queue.pop()
            request = urllib.request.Request(  # noqa: S310 - http(s) to loopback only, checked in main()
                url,
                data=f"csrfmiddlewaretoken={csrf}".encode(),
                headers={"Cookie": f"sessionid={session_key}; csrftoken={csrf}", "Referer": args.base},
                method="POST",
            )
            opener = urllib.request.build_opener(NoRedirect)
            try:
                status = opener.open(request, timeout=120).status
            except urllib.error.HTTPError as error:
                status = error.code
            with lock:
                statuses[status] = statuses.get(status, 0) + 1

    threads = [threading.Thread(target=worker) for _ in range(args.threads)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - began
    rows = Registration.objects.filter(occurrence=occurrence)
    confirmed = rows.filter(status="confirmed").count()
    waitlisted = rows.filter(status="waitlisted").count()
    print(f"{args.people} requests in {seconds:.1f} s ({args.people / seconds:.0f}/s), HTTP statuses {statuses}")
    print(f"seats {args.seats}: confirmed {confirmed}, waitlisted {waitlisted}, rows {rows.count()}")
    ok = confirmed == args.seats and rows.count() == args.people
    print("OK: never overbooked, nobody lost" if ok else "FAILED")
    sys.exit(0 if ok else 1)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


if __name__ == "__main__":
    main()
