"""Warm static export of a real chart and the real map: PNG, SVG and PDF at 1600x900.

Run: `.venv/bin/python bench/export.py [--runs N]`. Target: under 0.5 s each, warm.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from trustmap import export, figures  # noqa: E402
from trustmap.build import load_build  # noqa: E402


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--runs", type=int, default=5)
    args = options.parse_args()
    build = load_build()
    start = time.perf_counter()
    export.start_renderer()
    print(f"renderer start: {time.perf_counter() - start:.2f} s")
    subjects = figures.export_subjects(build)
    for name, (figure, title, source) in subjects.items():
        export.render(figure, "png", title=title, source=source)  # warm-up
        for image_format in export.MEDIA_TYPES:
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                export.render(figure, image_format, title=title, source=source)
                times.append(time.perf_counter() - start)
            print(
                f"export {name} {image_format}: median {statistics.median(times):.3f} s "
                f"(target < 0.5 s)"
            )


if __name__ == "__main__":
    main()
