"""Load check: N people press 报名 at the same moment for S seats, over HTTP against a running server.

    DATABASE_URL=postgres://… SECRET_KEY=… ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 \
        python scripts/seat_race.py http://127.0.0.1:8010 --people 1000 --seats 50

The server must use the same database (and cache). The script creates the people (with login sessions) and
one occurrence, then wrk (Debian's package; `make bench` installs it) opens one connection per person and
each posts the form once with its own session cookie and CSRF token (scripts/bench/race.lua); then it counts
the rows. Only loopback.
`make bench` (scripts/bench/) imports `seat_race()` and `login_session()` from here.
"""

import argparse
import importlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent / "bench"))  # load.py: where wrk is
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hongling.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.crypto import get_random_string  # noqa: E402
from load import wrk_path  # noqa: E402 - scripts/bench/load.py

from apps.core.models import Occurrence, Registration  # noqa: E402

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
RACE_SCRIPT = Path(__file__).resolve().parent / "bench" / "race.lua"


def login_session(user) -> str:
    """A logged-in session for `user` in the database, as a log-in would leave it; returns its key."""
    session = importlib.import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def people(n: int, run: str) -> list[tuple[str, str]]:
    """(session key, csrf secret) for n new users."""
    User = get_user_model()
    users = User.objects.bulk_create(
        [User(phone=f"+86135{run}{i:05d}", display_name=f"压测{i}", password=make_password(None)) for i in range(n)]
    )
    return [(login_session(user), get_random_string(32)) for user in users]


def seat_race(base: str, *, people_count: int, seats: int, threads: int = 2) -> dict:
    """Create one occurrence and `people_count` people, release their 报名 together, count the outcome.

    The crowd is wrk (scripts/bench/race.lua): one connection per person, each posting the form with its own
    session cookie and CSRF token, all opened at once; a C client, so the server gets the machine's cores."""
    if urlsplit(base).hostname not in LOOPBACK:
        raise SystemExit("only a server on this machine (loopback) may be loaded")
    run = f"{int(time.time()) % 100:02d}"
    starts = timezone.now() + timedelta(days=2)
    occurrence = Occurrence.objects.create(
        kind="load", title="压测场次", starts_at=starts, ends_at=starts + timedelta(hours=1), capacity=seats
    )
    crowd = people(people_count, run)
    url = f"{base.rstrip('/')}/occurrences/{occurrence.pk}/register/"
    threads = max(1, min(threads, people_count))
    rows = Registration.objects.filter(occurrence=occurrence)
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as listing:
        listing.writelines(f"{session_key} {csrf}\n" for session_key, csrf in crowd)
        listing.flush()
        command = [
            wrk_path(), "--threads", str(threads), "--connections", str(people_count), "--duration", "600s",
            "--timeout", "600s", "--script", str(RACE_SCRIPT), url, "--", listing.name, str(threads),
        ]  # fmt: skip
        crowd_run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # noqa: S603
        # wrk runs for its whole --duration: once every person has a row (or wrk died), let the last answers
        # arrive, then Ctrl-C it, which ends the run and prints the summary.
        deadline = time.monotonic() + 600
        while crowd_run.poll() is None and rows.count() < people_count and time.monotonic() < deadline:
            time.sleep(0.5)
        time.sleep(2)
        crowd_run.send_signal(signal.SIGINT)
        out, err = crowd_run.communicate(timeout=60)
    line = next((line for line in out.splitlines() if line.startswith("RACE ")), None)
    if line is None:
        raise SystemExit(f"wrk failed ({crowd_run.returncode}): {err.strip() or out.strip()}")
    answers = json.loads(line.removeprefix("RACE "))
    statuses = {302: answers["redirects"]}
    if answers["other"] or answers["errors"]:
        statuses[0] = answers["other"] + answers["errors"]  # another status, or no answer at all
    confirmed = rows.filter(status="confirmed").count()
    return {
        "people": people_count,
        "seats": seats,
        "seconds": answers["slowest_us"] / 1e6,  # every request was sent at the start: the last answer's wait
        "statuses": statuses,
        "confirmed": confirmed,
        "waitlisted": rows.filter(status="waitlisted").count(),
        "rows": rows.count(),
        "ok": confirmed == seats and rows.count() == people_count and statuses == {302: people_count},
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--seats", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (the connections are the people)")
    args = parser.parse_args()
    result = seat_race(args.base, people_count=args.people, seats=args.seats, threads=args.threads)
    r = result
    print(f"{r['people']} requests in {r['seconds']:.1f} s ({r['people'] / r['seconds']:.0f}/s), HTTP {r['statuses']}")
    print(f"seats {r['seats']}: confirmed {r['confirmed']}, waitlisted {r['waitlisted']}, rows {r['rows']}")
    print("OK: never overbooked, nobody lost" if result["ok"] else "FAILED")
    sys.exit(0 if result["ok"] else 1)


if __name__ == "__main__":
    main()
