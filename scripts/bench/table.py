"""The table `make bench` prints, and its verdict (exit status 1 on any error)."""

from load import Load


def _ratio(value: float, base: float) -> str:
    return f"{value / base:.3f}" if base else "-"


def print_table(*, pages, warm: dict[str, Load], cold, crowd, small, large, race: dict, volume: int) -> int:
    static, hello = warm[pages[0].name].rps, warm[pages[1].name].rps
    header = (
        f"{'page':<24}{'warm r/s':>9}{'p50':>7}{'p95':>7}{'cold r/s':>9}{'p50':>7}{'p95':>7}"
        f"{'÷static':>8}{'÷hello':>8}{'64c r/s':>8}{'p95':>7}{'errors':>7}{'q demo':>7}{f'q {volume}':>8}"
    )
    print()
    print("req/s and latency (ms) at 16 connections: warm = page cache on, cold = PAGE_CACHE_SECONDS=0;")
    print("÷static, ÷hello = warm req/s over the baseline's; 64c = 64 connections, page cache on;")
    print(f"errors = all runs; q = SQL queries per request, page cache off, demo seed / --volume {volume}.")
    print(header)
    print("-" * len(header))
    failed = False
    for page in pages:
        w, c, x = warm[page.name], cold[page.name], crowd[page.name]
        errors = w.errors + x.errors + (c.errors if c is not w else 0)
        failed |= errors > 0
        q_small = "-" if small[page.name] is None else str(small[page.name])
        q_large = "-" if large[page.name] is None else str(large[page.name])
        print(
            f"{page.name:<24}{w.rps:>9.0f}{w.p50_ms:>7.1f}{w.p95_ms:>7.1f}{c.rps:>9.0f}{c.p50_ms:>7.1f}{c.p95_ms:>7.1f}"
            f"{_ratio(w.rps, static):>8}{_ratio(w.rps, hello):>8}{x.rps:>8.0f}{x.p95_ms:>7.0f}{errors:>7}"
            f"{q_small:>7}{q_large:>8}"
        )
    race_rps = race["people"] / race["seconds"]
    race_errors = sum(n for status, n in race["statuses"].items() if status != 302)
    print()
    print(
        f"报名 race: {race['people']} people at once for {race['seats']} seats in {race['seconds']:.1f} s "
        f"({race_rps:.0f} req/s, ÷hello {_ratio(race_rps, hello)}): confirmed {race['confirmed']}, "
        f"waitlisted {race['waitlisted']}, rows {race['rows']}, HTTP {race['statuses']}, errors {race_errors}"
    )
    failed |= not race["ok"]
    print("FAILED: errors above" if failed else "OK: no errors, seats exact")
    return 1 if failed else 0
