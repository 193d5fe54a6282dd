"""Cold build and warm start of the processed layers, on the real bundle.

Run: `.venv/bin/python bench/build.py [--data DIR] [--runs N]`. Prints seconds and the ratio;
targets: cold under 20 s, warm under 2 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile

from _servers import seconds  # first: it puts the project on sys.path

from trustmap.bundle.build import CACHE_ENV_VAR, load_build


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--data")
    options.add_argument("--runs", type=int, default=3)
    args = options.parse_args()
    cold, warm = [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as cache:
            os.environ[CACHE_ENV_VAR] = cache
            cold.append(seconds(lambda: load_build(args.data)))
            warm.extend(seconds(lambda: load_build(args.data)) for _ in range(3))
    cold_s, warm_s = statistics.median(cold), statistics.median(warm)
    print(f"cold build: median {cold_s:.2f} s over {len(cold)} runs (target < 20 s)")
    print(f"warm start: median {warm_s:.3f} s over {len(warm)} runs (target < 2 s)")
    print(f"build: cold_s={cold_s:.2f} warm_s={warm_s:.3f} ratio={cold_s / warm_s:.1f}")


if __name__ == "__main__":
    main()
