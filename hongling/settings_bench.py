"""Settings for `make bench` only (scripts/bench/): the production settings, plus

- the hello-view baseline at /__bench__/hello (hongling/urls_bench.py), never in the production URLconf;
- a cache key prefix per run (BENCH_RUN), so a run never reads pages or fragments cached by an earlier one
  from a shared Redis, without flushing anybody's keys.
"""

import os

from .settings import *  # noqa: F403
from .settings import CACHES

ROOT_URLCONF = "hongling.urls_bench"
CACHES["default"]["KEY_PREFIX"] = os.environ.get("BENCH_RUN", "bench")
