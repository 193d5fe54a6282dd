"""Warm static export of the real map and comparison charts: PNG, SVG and PDF at 1600x900.

Run: `.venv/bin/python bench/export.py [--runs N]`. Target: under 0.5 s each, warm (Chromium
already started, as it is after an app's first export).
"""

from __future__ import annotations

import argparse
import statistics

from _servers import seconds  # first: it puts the project on sys.path

from trustmap.bundle.build import load_build
from trustmap.bundle.themes import themes
from trustmap.export import renderer as export
from trustmap.export.slides import CHARTS, briefing, make_slide, render_slide
from trustmap.show.view import Choices, parse_query

VIEW = "?v=2019&c=indicator&i=lait-fsp-new-gooddev&p=2019"


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--runs", type=int, default=5)
    args = options.parse_args()
    build = load_build()
    view, _ = parse_query(VIEW, Choices.from_build(build, themes()["theme"]))

    def render(chart: str, image_format: str) -> bytes:
        return render_slide(make_slide(build, chart, view), image_format)

    first = seconds(lambda: render("map", "png"))
    print(f"renderer start and first export: {first:.2f} s")
    worst = 0.0
    for chart in CHARTS:
        for image_format in export.MEDIA_TYPES:
            runs = [seconds(lambda c=chart, f=image_format: render(c, f)) for _ in range(args.runs)]
            median = statistics.median(runs)
            worst = max(worst, median)
            print(f"export {chart} {image_format}: median {median:.3f} s over {args.runs}")
    pack = seconds(lambda: briefing(build, view))
    print(f"briefing pack (3 pages): {pack:.2f} s")
    print(f"export: worst_median_s={worst:.3f} target_s=0.5")


if __name__ == "__main__":
    main()
