"""Gunicorn for the benchmark: started on a free loopback port in the bench range, stopped on exit."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORKERS = 3  # as the Dockerfile runs it (sync workers)


def free_port(first: int, last: int) -> int:
    for port in range(first, last + 1):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise SystemExit(f"no free port in {first}-{last}")


def redis_reachable(host: str = "127.0.0.1", port: int = 6379) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


class Gunicorn:
    """`gunicorn hongling.wsgi` with the given environment; a context manager that always stops it."""

    def __init__(self, *, port: int, env: dict[str, str], log: Path):
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.env = env
        self.log = log
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Gunicorn":
        command = [
            str(Path(sys.executable).with_name("gunicorn")), "hongling.wsgi:application",
            "--bind", f"127.0.0.1:{self.port}", "--workers", str(WORKERS), "--backlog", "2048",
        ]  # fmt: skip
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=out, stderr=out)  # noqa: S603
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn stopped at start; see {self.log}")
            try:
                with urllib.request.urlopen(f"{self.base}/__bench__/hello", timeout=5) as response:  # noqa: S310
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.5)
        raise SystemExit(f"gunicorn did not answer within 60 s; see {self.log}")

    def drain(self) -> None:
        """Wait until the workers have answered what a finished load run left queued (a sync worker still
        serves requests whose client has gone), so that it does not slow the next measurement."""
        for _ in range(WORKERS):
            with urllib.request.urlopen(f"{self.base}/__bench__/hello", timeout=300) as response:  # noqa: S310
                response.read()

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


def base_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    env.update(extra)
    return env
