"""`make bench`: build the benchmark database, serve it with gunicorn, load every page, print one table.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hongling_bench .venv/bin/python scripts/bench/run.py

Steps: (re)create the PostgreSQL database (its name must contain "bench": it is dropped first), migrate,
collectstatic, `seed --demo-users`, count each page's queries (small data), `seed --demo-users --volume N`
(timed), count again (large data), then start two gunicorns with production settings (settings_bench): one
as deployed ("warm": page cache on) and one with PAGE_CACHE_SECONDS=0 ("cold"). wrk loads each page for a
fixed time at 16 connections on both, then at 64 connections on the warm one, counting errors; last,
1,000 people press 报名 for 50 seats at once; search is timed in-process at the large size. Exits 1 on
any error. Loopback only.
"""

import argparse
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts"), str(Path(__file__).resolve().parent)]

from load import Load, wrk  # noqa: E402
from phone import phone_weight  # noqa: E402
from servers import Gunicorn, base_env, free_port, redis_reachable  # noqa: E402

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/hongling_bench"
PAGE_CACHE_OFF = {"PAGE_CACHE_SECONDS": "0"}  # the page cache's switch (apps/core), assumed name


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--volume", type=int, default=int(os.environ.get("BENCH_VOLUME", "10000")))
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", "5")))
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--seats", type=int, default=50)
    parser.add_argument("--ports", default=os.environ.get("BENCH_PORTS", "8400-8499"))
    return parser.parse_args()


def database_recreate(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if parts.scheme not in {"postgres", "postgresql"} or "bench" not in name:
        raise SystemExit(f"the benchmark needs PostgreSQL and a database named …bench… (it is dropped): {url}")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0")


def manage(*args: str, env: dict[str, str]) -> float:
    began = time.monotonic()
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603
    return time.monotonic() - began


def database_settle() -> None:
    """Write out what the seed left in PostgreSQL's buffers before measuring (a superuser's CHECKPOINT), so that the
    checkpoint PostgreSQL would start on its own does not land in the middle of the pages' runs. Without the right
    to do so, the run goes on as it is."""
    from django.db import DatabaseError, connection

    try:
        with connection.cursor() as cursor:
            cursor.execute("CHECKPOINT")
    except DatabaseError as error:
        print(f"(CHECKPOINT not allowed: {error}; measuring anyway)", flush=True)


def main() -> int:
    # SIGTERM unwinds like Ctrl-C, so the gunicorns' context managers stop them whatever ends the run.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    args = parse_args()
    first, last = (int(p) for p in args.ports.split("-"))
    database = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE
    redis = os.environ.get("REDIS_URL") or ("redis://127.0.0.1:6379/0" if redis_reachable() else "")
    env = base_env(
        DJANGO_SETTINGS_MODULE="hongling.settings_bench", DATABASE_URL=database, REDIS_URL=redis,
        SECRET_KEY=secrets.token_urlsafe(48), ALLOWED_HOSTS="127.0.0.1,testserver", SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0", LOG_LEVEL="WARNING", BENCH_RUN=f"bench-{secrets.token_hex(4)}",
    )  # fmt: skip
    os.environ.update(env)
    os.environ.update(PAGE_CACHE_OFF)  # this process counts queries as the pages cost them uncached

    print(f"database {database}; cache {redis or 'database (no Redis at 127.0.0.1:6379)'}", flush=True)
    database_recreate(database)
    timings = {"migrate": manage("migrate", "--noinput", env=env)}
    timings["collectstatic"] = manage("collectstatic", "--noinput", env=env)
    timings["seed"] = manage("seed", "--demo-users", env=env)

    import django

    django.setup()
    from pages import bench_member, bench_pages, query_counts
    from seat_race import login_session, seat_race

    pages = bench_pages()
    member_session = login_session(bench_member())
    small = query_counts(pages, member_session)
    print(f"seed --volume {args.volume} …", flush=True)
    timings[f"seed --volume {args.volume}"] = manage("seed", "--demo-users", f"--volume={args.volume}", env=env)
    database_settle()
    large = query_counts(pages, member_session)
    from search import search_timings

    searches = search_timings()
    print("  ".join(f"{step} {seconds:.0f} s" for step, seconds in timings.items()), flush=True)

    logs = ROOT / "var" / "bench"
    logs.mkdir(parents=True, exist_ok=True)
    cookie = f"sessionid={member_session}"
    warm: dict[str, Load] = {}
    cold: dict[str, Load] = {}
    crowd: dict[str, Load] = {}
    with (
        Gunicorn(port=free_port(first, last), env=env, log=logs / "warm.log") as server,
        Gunicorn(port=free_port(first + 1, last), env={**env, **PAGE_CACHE_OFF}, log=logs / "cold.log") as uncached,
    ):
        print(f"gunicorn ({server.base} page cache on, {uncached.base} off), 3 sync workers each", flush=True)
        for results, target, connections in ((warm, server, 16), (cold, uncached, 16), (crowd, server, 64)):
            for page in pages:
                if target is uncached and not page.is_page:
                    results[page.name] = warm[page.name]
                    continue
                url = target.base + page.path
                page_cookie = cookie if page.logged_in else ""
                wrk(url, connections=connections, seconds=args.warmup, cookie=page_cookie)
                target.drain()
                results[page.name] = wrk(url, connections=connections, seconds=args.seconds, cookie=page_cookie)
                target.drain()
                print(f"  {connections:>2} conn {'warm' if target is server else 'cold'} {page.name}: "
                      f"{results[page.name].rps:.0f}/s", flush=True)  # fmt: skip
        race = seat_race(server.base, people_count=args.people, seats=args.seats)
        phone = phone_weight(server.base + "/")

    from phone import phone_print
    from search import search_print
    from table import print_table

    status = print_table(pages=pages, warm=warm, cold=cold, crowd=crowd, small=small, large=large, race=race,
                         volume=args.volume)  # fmt: skip
    phone_print(phone, "/")
    search_print(searches, args.volume)  # a target, not an error: printed, never the exit status
    return status


if __name__ == "__main__":
    sys.exit(main())
