"""Load one URL with wrk (Debian's package) and read throughput, latency and errors from report.lua."""

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

REPORTER = Path(__file__).with_name("report.lua")


@dataclass
class Load:
    requests: int
    seconds: float
    errors: int  # connect, read, write and timeout errors, and responses other than 2xx/3xx
    p50_ms: float
    p95_ms: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def wrk_path() -> str:
    path = shutil.which("wrk")
    if path is None:
        raise SystemExit("wrk is missing: `make bench` installs it (apt-get install wrk)")
    return path


def wrk(url: str, *, connections: int, seconds: int, cookie: str = "") -> Load:
    command = [
        wrk_path(), "--threads", str(min(2, connections)), "--connections", str(connections),
        "--duration", f"{seconds}s", "--timeout", "30s", "--script", str(REPORTER),
    ]  # fmt: skip
    if cookie:
        command += ["--header", f"Cookie: {cookie}"]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout  # noqa: S603
    line = next(line for line in out.splitlines() if line.startswith("BENCH "))
    data = json.loads(line.removeprefix("BENCH "))
    errors = sum(data[k] for k in ("connect", "read", "write", "status", "timeout"))
    return Load(data["requests"], data["duration_us"] / 1e6, errors, data["p50"] / 1000, data["p95"] / 1000)
