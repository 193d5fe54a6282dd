"""Command line: `python -m trustmap SUBCOMMAND [--data DIR] [--format table|csv|json]`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any, NoReturn

import pandas as pd

from trustmap.analysis import before_after, coverage, era, neighbours, outcomes, profile
from trustmap.analysis.evaluation import evaluation_check
from trustmap.analysis.group_comparison import GROUPINGS, compare_indicator
from trustmap.bundle import health_vintages, themes
from trustmap.bundle.build import Build, load_build
from trustmap.bundle.datadir import DataDirectoryError
from trustmap.model import coterminosity, health_classes
from trustmap.model.council_filter import CouncilFilter
from trustmap.model.pathfinders import pathfinders_in
from trustmap.model.values import data_vintage, indicator_list
from trustmap.model.vintages import check_vintage, vintage_summary
from trustmap.stats import readings
from trustmap.stats.wording import (
    comparison_caution,
    comparison_reading,
    far_from_rest_note,
    left_out_lines,
)
from trustmap.vocabulary import COUNCIL_TYPES

FORMATS = ("table", "csv", "json")


def emit(table: pd.DataFrame | dict, output_format: str) -> None:
    """Print a table (or a JSON-able dict) in the chosen format."""
    if isinstance(table, dict):
        print(json.dumps(table, indent=1, default=str))
        return
    if output_format == "csv":
        table.to_csv(sys.stdout, index=False)
    elif output_format == "json":
        print(table.to_json(orient="records", indent=1, default_handler=str))
    else:
        with pd.option_context(
            "display.max_rows", None, "display.width", 200, "display.max_colwidth", 60
        ):
            print(table.to_string(index=False))


def cmd_vintages(build: Build, args: argparse.Namespace) -> pd.DataFrame:
    """Every council vintage with its counts."""
    return vintage_summary(build)


def cmd_pathfinders(build: Build, args: argparse.Namespace) -> pd.DataFrame:
    return pathfinders_in(build, check_vintage(build, args.vintage))


def cmd_indicators(build: Build, args: argparse.Namespace) -> pd.DataFrame:
    return indicator_list(build, theme=args.theme)


def cmd_layers(build: Build, args: argparse.Namespace) -> pd.DataFrame:
    return pd.DataFrame(build.layers)


def cmd_themes(build: Build, args: argparse.Namespace) -> pd.DataFrame:
    codes = set(build["council_members"]["la_code"])
    return themes.theme_summary(build["indicator_catalogue"], themes.server_priorities(codes))


def cmd_coterminosity(build: Build, args: argparse.Namespace) -> pd.DataFrame:
    if args.check:
        return health_classes.method_agreement(build, args.health, la_vintage=args.la_vintage)
    return health_classes.classify(
        build, args.health, la_vintage=args.la_vintage, method=args.method
    )


def cmd_coterminosity_timeline(build: Build, args: argparse.Namespace) -> pd.DataFrame:
    return health_classes.timeline(build, area=args.area, la_vintage=args.la_vintage)


def neighbours_rows(result: dict) -> pd.DataFrame:
    """The neighbours comparison as key/value rows, rounded, one row per pathfinder at the end."""
    decimals = result["decimals"]
    rows = {key: value for key, value in result.items() if key != "pathfinders"}
    for key in ("diff", "ci_low", "ci_high"):
        rows[key] = readings.format_number(result[key], readings.difference_decimals(decimals))
    for row in result["pathfinders"]:
        shown = (
            f"{readings.format_number(row['value'], decimals)} against "
            f"{readings.format_number(row['neighbours_mean'], decimals)} "
            f"({row['neighbours_used']} neighbours)"
        )
        rows[f"{row['la_code']} {row['la_name']}"] = shown + (
            f": left out, {row['reason']}" if row["reason"] else ""
        )
    return pd.DataFrame({"key": list(rows), "value": list(rows.values())})


def cmd_compare_neighbours(build: Build, args: argparse.Namespace) -> pd.DataFrame | dict:
    if args.region or args.la_type or args.coterminosity_class:
        raise ValueError(
            "--region, --la-type and --coterminosity-class do not apply to --by neighbours"
        )
    vintage = args.la_vintage or data_vintage(build, args.indicator, args.period)
    result = neighbours.compare_with_neighbours(
        build, args.indicator, args.period, vintage, list_year=args.neighbours
    )
    return result if args.format == "json" else neighbours_rows(result)


def cmd_compare(build: Build, args: argparse.Namespace) -> pd.DataFrame | dict:
    if args.by == "neighbours":
        return cmd_compare_neighbours(build, args)
    council_filter = CouncilFilter(
        region=args.region,
        la_type=args.la_type,
        coterminosity_class=args.coterminosity_class,
        health=args.health,
    )
    compared = compare_indicator(
        build,
        args.indicator,
        args.period,
        args.by,
        vintage=args.la_vintage,
        health=args.health,
        council_filter=council_filter,
    )
    result: dict[str, Any] = dict(compared)
    result |= {"reading": comparison_reading(compared), "caution": comparison_caution(compared)}
    if args.format == "json":
        return result
    # A table cell holds words: the councils left out and far from the rest as sentences.
    result |= {
        "left_out": " ".join(left_out_lines(compared)),
        "far_from_rest": far_from_rest_note(compared),
    }
    groups = {
        f"{g['group']}_{k}": v for g in result.pop("groups") for k, v in g.items() if k != "group"
    }
    return pd.DataFrame([{**result, **groups}]).T.reset_index().set_axis(["key", "value"], axis=1)


def cmd_profile(build: Build, args: argparse.Namespace) -> pd.DataFrame:
    return profile.council_profile(build, args.area)


def cmd_spine(build: Build, args: argparse.Namespace) -> pd.DataFrame:
    return profile.spine_rows(build, args.area, theme=args.theme)


def cmd_neighbours(build: Build, args: argparse.Namespace) -> pd.DataFrame:
    return neighbours.neighbours(build, args.area, list_year=args.neighbours)


def cmd_evaluation(build: Build, args: argparse.Namespace) -> pd.DataFrame:
    return evaluation_check(build)


def cmd_coverage(build: Build, args: argparse.Namespace) -> pd.DataFrame | dict:
    """Mid-2009 and, under census_2001, Census day 2001: as JSON, else one flat row."""
    result = coverage.coverage(build)
    return result if args.format == "json" else pd.json_normalize(result)


def cmd_before_after(build: Build, args: argparse.Namespace) -> pd.DataFrame | dict:
    result = before_after.before_after(
        build,
        args.indicator,
        before=args.before,
        after=args.after,
        by=args.by,
        health=args.health,
        vintage=args.la_vintage,
        count_indicator=args.count,
    )
    return result if args.format == "json" else era.comparison_rows(result)


def cmd_outcomes(build: Build, args: argparse.Namespace) -> pd.DataFrame | dict:
    """The outcome comparison: its whole result as JSON (estimates, left_out, outliers,
    headline, ...), else as key/value rows."""
    result = outcomes.outcomes(
        build,
        args.indicator,
        period_from=args.period_from,
        period_to=args.period_to,
        by=args.by,
        span=args.span,
        la_vintage=args.la_vintage,
    )
    return result if args.format == "json" else outcomes.summary_rows(result)


COMMANDS: dict[str, tuple[Callable, str]] = {
    "vintages": (cmd_vintages, "council vintages with their counts"),
    "pathfinders": (cmd_pathfinders, "the 35 pathfinders as councils of a vintage"),
    "indicators": (cmd_indicators, "indicators with label, periods and source"),
    "layers": (cmd_layers, "every processed layer: rows, vintage, source, coverage"),
    "themes": (cmd_themes, "priority themes, their indicators and published totals"),
    "coterminosity": (cmd_coterminosity, "class of every council against a health geography"),
    "coterminosity-timeline": (
        cmd_coterminosity_timeline,
        "each council's class and NHS bodies in every health vintage, 2006-2024",
    ),
    "compare": (cmd_compare, "two groups of councils on one indicator, with a 95%% Welch CI"),
    "profile": (cmd_profile, "one council against England on every indicator"),
    "spine": (cmd_spine, "one council's spine chart rows for a theme (children's first)"),
    "neighbours": (cmd_neighbours, "one council's 10 DfE statistical neighbours"),
    "evaluation": (cmd_evaluation, "pathfinders vs the rest on every indicator's first period"),
    "coverage": (
        cmd_coverage,
        "children aged 0-17 in the pathfinder councils (mid-2009 and Census day 2001)",
    ),
    "before-after": (
        cmd_before_after,
        "each council's change between two spans, compared between two groups "
        "(difference-in-differences with councils as units, then Welch)",
    ),
    "outcomes": (
        cmd_outcomes,
        "each council's change between two periods by group, unadjusted and adjusted step by "
        "step (deprivation, starting level, region; without London)",
    ),
}


def add_options(name: str, command: argparse.ArgumentParser) -> None:
    """Options of one subcommand beyond --data and --format."""
    if name == "pathfinders":
        command.add_argument("--vintage", default="2004")
    if name == "indicators":
        command.add_argument("--theme")
    if name in ("coterminosity", "compare", "coterminosity-timeline"):
        command.add_argument(
            "--la-vintage", help="council vintage (default: the one in force on the NHS date)"
        )
    if name == "compare":
        command.add_argument(
            "--health", choices=list(health_vintages.health_vintages()["id"]), default="ccg2019"
        )
    if name == "coterminosity":
        command.add_argument(
            "--health", default="ccg2019", help="health vintage id of health_vintages.csv"
        )
        command.add_argument(
            "--method",
            choices=("membership", "overlay"),
            help="default: membership where a lookup exists, else overlay",
        )
        command.add_argument(
            "--check",
            action="store_true",
            help="compare overlay and membership, with each disagreement's cause",
        )
    if name == "coterminosity-timeline":
        command.add_argument("--area", help="council code, e.g. E09000003")
    if name == "compare":
        command.add_argument("--indicator", required=True)
        command.add_argument("--period", required=True)
        command.add_argument("--by", choices=(*GROUPINGS, "neighbours"), default="pathfinder")
        command.add_argument("--region", help="keep only councils of this region, e.g. London")
        command.add_argument("--la-type", choices=tuple(COUNCIL_TYPES))
        command.add_argument("--coterminosity-class", choices=coterminosity.CLASSES)
    if name == "before-after":
        command.add_argument("--indicator", required=True)
        command.add_argument("--before", default="1998-2002", help="years, e.g. 1998-2002")
        command.add_argument("--after", default="2004-2008", help="years, e.g. 2004-2008")
        command.add_argument("--by", choices=GROUPINGS, default="pathfinder")
        command.add_argument(
            "--health",
            choices=list(health_vintages.health_vintages()["id"]),
            help=f"with --by coterminous (default {before_after.DEFAULT_HEALTH})",
        )
        command.add_argument("--la-vintage", help="council vintage (default: the data's)")
        command.add_argument(
            "--count", help="count indicator of the rate, for pooled yearly rates (JSON)"
        )
    if name == "outcomes":
        command.add_argument("--indicator", required=True)
        command.add_argument("--from", dest="period_from", required=True, help="e.g. 2016")
        command.add_argument("--to", dest="period_to", required=True, help="e.g. 2025")
        command.add_argument("--by", choices=outcomes.GROUPINGS, default="coterminous")
        command.add_argument(
            "--span",
            default=outcomes.DEFAULT_SPAN,
            help="health vintages a council must be coterminous in, first:last (with --by "
            "coterminous)",
        )
        command.add_argument("--la-vintage", help="council vintage (default: that of --to)")
    if name in ("profile", "spine", "neighbours"):
        command.add_argument("--area", required=True, help="council code, e.g. E09000029")
    if name == "spine":
        command.add_argument("--theme", help="a theme id, e.g. early-years (default: all)")
    if name in ("compare", "neighbours"):
        command.add_argument(
            "--neighbours",
            choices=list(neighbours.LIST_YEARS),
            default="2025",
            help="DfE statistical neighbour list (April 2021 or May 2025)",
        )


def error_line(message: object) -> str:
    """The CLI's one-line error: `trustmap: error: MESSAGE`, whitespace folded."""
    return f"trustmap: error: {' '.join(str(message).split())}\n"


class Parser(argparse.ArgumentParser):
    """An argument parser (and its subparsers) whose errors are one line, without the usage."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, error_line(message))


def parser() -> argparse.ArgumentParser:
    """The top parser, one subparser per entry of COMMANDS; help strings escape % as %%."""
    root = Parser(prog="python -m trustmap", description=__doc__)
    sub = root.add_subparsers(dest="command", required=True)
    for name, (_, help_text) in COMMANDS.items():
        command = sub.add_parser(name, help=help_text)
        command.add_argument(
            "--data", help="data bundle directory (default: $TRUSTMAP_DATA or ../shared/data)"
        )
        command.add_argument("--format", choices=FORMATS, default="table")
        add_options(name, command)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    handler = COMMANDS[args.command][0]
    try:
        build = load_build(args.data, progress=sys.stderr.isatty())
        emit(handler(build, args), args.format)
    except (DataDirectoryError, ValueError) as error:  # bad files, choices or too few values
        sys.stderr.write(error_line(error))
        return 2
    except BrokenPipeError:  # output piped into `head`; nothing left to say
        sys.stderr.close()
    return 0
