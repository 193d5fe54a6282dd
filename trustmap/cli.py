"""Command line: `python -m trustmap SUBCOMMAND [--data DIR] [--format table|csv|json]`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

import pandas as pd

from trustmap import analysis, coterminosity, health_classes
from trustmap.build import Build, load_build
from trustmap.datadir import DataDirectoryError

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
    return analysis.vintage_summary(build)


def cmd_pathfinders(build: Build, args: argparse.Namespace) -> pd.DataFrame:
    return analysis.pathfinders_in(build, analysis.check_vintage(build, args.vintage))


def cmd_indicators(build: Build, args: argparse.Namespace) -> pd.DataFrame:
    return analysis.indicator_list(build, theme=args.theme)


def cmd_layers(build: Build, args: argparse.Namespace) -> pd.DataFrame:
    return pd.DataFrame(build.layers)


def cmd_themes(build: Build, args: argparse.Namespace) -> pd.DataFrame:
    return analysis.theme_summary(build)


def cmd_coterminosity(build: Build, args: argparse.Namespace) -> pd.DataFrame:
    if args.check:
        return health_classes.method_agreement(build, args.health, la_vintage=args.la_vintage)
    return health_classes.classify(
        build, args.health, la_vintage=args.la_vintage, method=args.method
    )


def cmd_coterminosity_timeline(build: Build, args: argparse.Namespace) -> pd.DataFrame:
    return health_classes.timeline(build, area=args.area, la_vintage=args.la_vintage)


def cmd_compare(build: Build, args: argparse.Namespace) -> pd.DataFrame | dict:
    council_filter = analysis.CouncilFilter(
        region=args.region, la_type=args.la_type, coterminosity_class=args.coterminosity_class
    )
    result = analysis.compare_indicator(
        build, args.indicator, args.period, args.by, args.la_vintage, args.health, council_filter
    )
    if args.format == "json":
        return result
    groups = {
        f"{g['group']}_{k}": v for g in result.pop("groups") for k, v in g.items() if k != "group"
    }
    return pd.DataFrame([{**result, **groups}]).T.reset_index().set_axis(["key", "value"], axis=1)


def cmd_profile(build: Build, args: argparse.Namespace) -> pd.DataFrame:
    return analysis.profile(build, args.area)


def cmd_evaluation(build: Build, args: argparse.Namespace) -> pd.DataFrame:
    return analysis.evaluation_check(build)


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
    "compare": (cmd_compare, "two groups of councils on one indicator, with a 95% Welch CI"),
    "profile": (cmd_profile, "one council against England on every indicator"),
    "evaluation": (cmd_evaluation, "pathfinders vs the rest on every indicator's first period"),
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
            "--health", choices=list(analysis.HEALTH_GEOGRAPHIES), default="ccg2019"
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
        command.add_argument("--by", choices=("pathfinder", "coterminous"), default="pathfinder")
        command.add_argument("--region", help="keep only councils of this region, e.g. London")
        command.add_argument("--la-type", choices=("County", "UA", "MD", "LB"))
        command.add_argument("--coterminosity-class", choices=coterminosity.CLASSES)
    if name == "profile":
        command.add_argument("--area", required=True, help="council code, e.g. E09000029")


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m trustmap", description=__doc__)
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
        print(f"trustmap: error: {' '.join(str(error).split())}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head`; nothing left to say
        sys.stderr.close()
    return 0
