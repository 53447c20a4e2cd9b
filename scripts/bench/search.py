"""Search at benchmark size, in-process (issue target: p95 ≤ 20 ms at 10,000 articles).

The words residents type most (社区, 党员, 服务 match most of the corpus) next to rare names and places,
each as the overview of every kind and as the first page of 资讯. Every query is warmed, then timed
SAMPLES times, so one pause of the machine moves p95 by one sample rather than deciding it.
"""

import statistics
import time

from apps.core.search.query import search_page, search_run, search_terms

QUERIES = ("社区", "党员", "服务", "党建", "卢孝东", "远大路", "三方共商 停车")
SAMPLES = 100
P95_TARGET_MS = 20.0


def _p50_p95(run) -> tuple[float, float]:
    for _ in range(3):
        run()
    timings = []
    for _ in range(SAMPLES):
        start = time.perf_counter()
        run()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings), statistics.quantiles(timings, n=20)[18]


def search_timings() -> dict[str, tuple[float, float]]:
    timings = {}
    for query in QUERIES:
        terms = search_terms(query)
        if not search_run(terms):
            raise SystemExit(f"search finds nothing for {query!r}: the benchmark corpus is wrong")
        timings[query] = _p50_p95(lambda terms=terms: search_run(terms))
        timings[f"{query} (资讯 p1)"] = _p50_p95(lambda terms=terms: search_page(terms, "news.article", 1))
    return timings


def search_print(timings: dict[str, tuple[float, float]], volume: int) -> bool:
    """Print the timings; True when every p95 meets the target."""
    print()
    print(f"search in-process over --volume {volume}, ms (p50 / p95 of {SAMPLES}; target p95 ≤ {P95_TARGET_MS:.0f}):")
    slow = False
    for query, (p50, p95) in timings.items():
        mark = "" if p95 <= P95_TARGET_MS else "  ← over target"
        slow |= bool(mark)
        print(f"  {query:<20}{p50:>7.1f}{p95:>7.1f}{mark}")
    return not slow
