"""Indicator switches over loopback: the real app against the naive one (bench/naive_app.py).

Both apps run as subprocesses in production mode (debug off), each on a free port. For each
switch the real app is sent every `/_dash-update-component` POST a browser sends when the
indicator dropdown changes (replayed by `DashTab`, parallel where the browser is parallel); the
naive app its one callback. The same IoD 2019 indicators (period 2019, vintage 2019) are used
for both. Run: `.venv/bin/python bench/indicator_switch.py [--switches N]`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from contextlib import ExitStack
from dataclasses import dataclass, field

from _servers import (
    DashTab,
    layout_options,
    machine_note,
    naive_app_command,
    percentile,
    real_app_command,
    serve,
)

SWITCHES = 34
WARM_UP_SWITCHES = 2
VINTAGE = PERIOD = "2019"
INDICATOR_PREFIX = "iod2019-"
REAL_START = f"?v={VINTAGE}&c=indicator&p={PERIOD}&i="
MAP_OUTPUT = "map.figure"
SPEEDUP_TARGET = 10
BYTES_RATIO_TARGET = 100


@dataclass
class Switches:
    """Per switch: wall seconds of the whole chain, its slowest response, and its body bytes;
    and, like for like with the naive app, the response that recolours the map."""

    name: str
    seconds: list[float] = field(default_factory=list)
    slowest: list[float] = field(default_factory=list)
    wire_bytes: list[int] = field(default_factory=list)
    responses: list[int] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    map_seconds: list[float] = field(default_factory=list)
    map_bytes: list[int] = field(default_factory=list)
    per_callback: dict[str, list[tuple[int, float]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def record(self, tab: DashTab, indicator: str) -> None:
        started = time.perf_counter()
        exchanges = tab.change("indicator.value", indicator)
        elapsed = time.perf_counter() - started
        failed = [f"{short(e.label)}: {e.status} {e.error or ''}" for e in exchanges if not e.ok]
        if not exchanges or failed:
            self.failures.append(f"{indicator}: {failed or 'no callback ran'}")
            return
        self.seconds.append(elapsed)
        self.slowest.append(max(e.seconds for e in exchanges))
        self.wire_bytes.append(sum(e.wire_bytes for e in exchanges))
        self.responses.append(len(exchanges))
        for exchange in exchanges:
            self.per_callback[exchange.label].append((exchange.wire_bytes, exchange.seconds))
        recolour = next(e for e in exchanges if MAP_OUTPUT in e.label)
        self.map_seconds.append(recolour.seconds)
        self.map_bytes.append(recolour.wire_bytes)

    def report(self) -> None:
        median_ms = statistics.median(self.seconds) * 1000
        p95_ms = percentile(self.seconds, 0.95) * 1000
        slowest_ms = statistics.median(self.slowest) * 1000
        print(
            f"{self.name}: {len(self.seconds)} switches of "
            f"{statistics.median(self.responses):.0f} callback response(s); latency median "
            f"{median_ms:.1f} ms, p95 {p95_ms:.1f} ms (slowest response median "
            f"{slowest_ms:.1f} ms); bytes median {statistics.median(self.wire_bytes):,.0f}; "
            f"{len(self.failures)} failed switch(es)"
        )
        for failure in self.failures:
            print(f"  failed: {failure}")
        print(
            f"  map response: latency median {statistics.median(self.map_seconds) * 1000:.1f} ms, "
            f"p95 {percentile(self.map_seconds, 0.95) * 1000:.1f} ms; bytes median "
            f"{statistics.median(self.map_bytes):,.0f}"
        )

    def dominant(self, measure: int) -> tuple[str, float]:
        """The callback with the largest median bytes (measure 0) or seconds (1), and that."""
        medians = {
            label: statistics.median(pair[measure] for pair in measured)
            for label, measured in self.per_callback.items()
        }
        label = max(medians, key=medians.get)
        return short(label), medians[label]

    def breakdown(self) -> None:
        """Each callback's median bytes and latency, largest first."""
        rows = sorted(
            self.per_callback.items(),
            key=lambda item: -statistics.median(size for size, _ in item[1]),
        )
        for label, measured in rows:
            print(
                f"  {statistics.median(size for size, _ in measured):>9,.0f} B "
                f"{statistics.median(s for _, s in measured) * 1000:7.1f} ms  "
                f"({len(measured)} responses)  {short(label)}"
            )


def short(label: str) -> str:
    """A callback's first output and how many more it has."""
    outputs = label.strip(".").split("...")
    return outputs[0] + (f" (+{len(outputs) - 1} more outputs)" if len(outputs) > 1 else "")


def common_indicators(real: DashTab, naive: DashTab, count: int) -> list[str]:
    naive_ids = layout_options(naive, "indicator.options")
    real_ids = set(layout_options(real, "indicator.options"))
    shared = [i for i in naive_ids if i.startswith(INDICATOR_PREFIX) and i in real_ids]
    if len(shared) < count:
        sys.exit(f"only {len(shared)} IoD 2019 indicators in both apps; {count} wanted")
    return shared[:count]


def opened(url: str, query: str = "") -> DashTab:
    tab = DashTab(url)
    failed = [e for e in tab.open(query) if not e.ok]
    if failed:
        sys.exit(f"{url}/{query} did not load: {failed}")
    return tab


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--switches", type=int, default=SWITCHES, help="at least 30")
    args = parser.parse_args()
    print(machine_note())
    with ExitStack() as servers:
        real_url = servers.enter_context(serve(real_app_command, "real"))
        naive_url = servers.enter_context(serve(naive_app_command, "naive"))
        naive = opened(naive_url)
        probe = opened(real_url)
        indicators = common_indicators(probe, naive, args.switches + WARM_UP_SWITCHES)
        warm_up, measured = indicators[:WARM_UP_SWITCHES], indicators[WARM_UP_SWITCHES:]
        real = opened(real_url, REAL_START + warm_up[0])
        ours, theirs = Switches("real app"), Switches("naive app")
        for results, tab in ((ours, real), (theirs, naive)):
            for indicator in warm_up[::-1]:
                tab.change("indicator.value", indicator)
            for indicator in measured:
                results.record(tab, indicator)
        view = real.props.get("view.data") or {}
        if (view.get("vintage"), real.props.get("period.value")) != (VINTAGE, PERIOD):
            sys.exit(f"the real app left vintage/period {VINTAGE}/{PERIOD}: {view}")
    print(machine_note())
    print(f"{len(measured)} IoD 2019 indicators, period {PERIOD}, vintage {VINTAGE}")
    for results in (ours, theirs):
        results.report()
        results.breakdown()
    whole = statistics.median(theirs.seconds) / statistics.median(ours.seconds)
    whole_bytes = statistics.median(theirs.wire_bytes) / statistics.median(ours.wire_bytes)
    print(
        f"whole switch (ours also redraws comparisons, scatter and trend): "
        f"speedup={whole:.2f} bytes_ratio={whole_bytes:.2f}"
    )
    # Like for like: the naive app's one response against ours that recolours the map.
    speedup = statistics.median(theirs.map_seconds) / statistics.median(ours.map_seconds)
    bytes_ratio = statistics.median(theirs.map_bytes) / statistics.median(ours.map_bytes)
    if speedup < SPEEDUP_TARGET or bytes_ratio < BYTES_RATIO_TARGET:
        print(f"below target (speedup {SPEEDUP_TARGET}, bytes ratio {BYTES_RATIO_TARGET}):")
        (largest, size), (slowest, seconds) = ours.dominant(0), ours.dominant(1)
        print(f"  most bytes: {size:,.0f} B a switch (median) from {largest}")
        print(f"  slowest: {seconds * 1000:.1f} ms a switch (median) from {slowest}")
    print(f"indicator_switch: speedup={speedup:.2f} bytes_ratio={bytes_ratio:.2f}")


if __name__ == "__main__":
    main()
