"""Command line: `python -m trustmap SUBCOMMAND [--data DIR] [--format table|csv|json]`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

import pandas as pd

from trustmap import analysis
from trustmap.build import Build, load_build
from trustmap.datadir import DataDirectoryError
from trustmap.validation import DataFileError

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
    return analysis.vintage_summary(build)


def cmd_pathfinders(build: Build, args: argparse.Namespace) -> pd.DataFrame:
    return analysis.pathfinders_in(build, analysis.check_vintage(build, args.vintage))


def cmd_indicators(build: Build, args: argparse.Namespace) -> pd.DataFrame:
    return analysis.indicator_list(build, theme=args.theme)


def cmd_layers(build: Build, args: argparse.Namespace) -> pd.DataFrame:
    return pd.DataFrame(build.layers)


def cmd_themes(build: Build, args: argparse.Namespace) -> pd.DataFrame:
    return analysis.theme_summary(build)


COMMANDS: dict[str, tuple[Callable, str]] = {
    "vintages": (cmd_vintages, "council vintages with their counts"),
    "pathfinders": (cmd_pathfinders, "the 35 pathfinders as councils of a vintage"),
    "indicators": (cmd_indicators, "indicators with label, periods and source"),
    "layers": (cmd_layers, "every processed layer: rows, vintage, source, coverage"),
    "themes": (cmd_themes, "priority themes, their indicators and published totals"),
}


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m trustmap", description=__doc__)
    sub = root.add_subparsers(dest="command", required=True)
    for name, (_, help_text) in COMMANDS.items():
        command = sub.add_parser(name, help=help_text)
        command.add_argument(
            "--data", help="data bundle directory (default: $TRUSTMAP_DATA or ../shared/data)"
        )
        command.add_argument("--format", choices=FORMATS, default="table")
        if name == "pathfinders":
            command.add_argument("--vintage", default="2004")
        if name == "indicators":
            command.add_argument("--theme")
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    handler = COMMANDS[args.command][0]
    try:
        build = load_build(args.data, progress=sys.stderr.isatty())
        emit(handler(build, args), args.format)
    except (DataDirectoryError, DataFileError, analysis.UnknownChoiceError) as error:
        print(f"trustmap: error: {' '.join(str(error).split())}", file=sys.stderr)
        return 2
    return 0
