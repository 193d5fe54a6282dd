"""The command line: every subcommand on the tiny bundle (values worked by hand in
tests/fixtures/bundle.py), and on the real bundle the figures the README quotes."""

from __future__ import annotations

import argparse
import io
import json

import pandas as pd
import pytest

from tests.fixtures import bundle as tiny
from tests.fixtures.tables import project_tables_with
from trustmap.bundle import health_vintages
from trustmap.bundle.tables import TABLES_ENV_VAR
from trustmap.cli import main, parser
from trustmap.model import health_classes
from trustmap.vocabulary import PATHFINDER_GROUPS

PATHFINDERS = PATHFINDER_GROUPS[0]


@pytest.fixture
def run(tiny_project, capsys):
    """main() on the tiny bundle: (exit status, stdout, stderr)."""

    def call(*argv: str) -> tuple[int, str, str]:
        code = main([*argv, "--data", str(tiny_project.bundle)])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return call


def test_vintages_as_csv(run):
    code, out, _ = run("vintages", "--format", "csv")
    assert code == 0
    assert out.splitlines() == [
        "vintage,in_force_from,councils,expected,label,source",
        "2004,2004-04-01,5,5,2004: Alphabet county,tests/fixtures/bundle.py",
        "2009,2009-04-01,6,6,2009: Alpha and Beta unitary,tests/fixtures/bundle.py",
        "2019,2019-04-01,6,6,2019: Shire unitary,tests/fixtures/bundle.py",
        "2023,2023-04-01,7,7,2023: Shire split,tests/fixtures/bundle.py",
    ]


@pytest.mark.parametrize(
    "command, rows",
    [("vintages", 4), ("layers", 10), ("themes", 8), ("indicators", 15)],
)
def test_every_listing_command_speaks_all_formats(run, command, rows):
    code, table, _ = run(command, "--format", "table")
    assert code == 0 and len(table.strip().splitlines()) == rows + 1  # with its header
    code, text, _ = run(command, "--format", "csv")
    assert code == 0 and len(pd.read_csv(io.StringIO(text))) == rows
    code, text, _ = run(command, "--format", "json")
    assert code == 0 and len(json.loads(text)) == rows


def test_pathfinders_of_2004_and_their_successors(run):
    code, out, _ = run("pathfinders", "--vintage", "2004", "--format", "json")
    assert code == 0
    assert [(r["la_code"], r["announced_name"]) for r in json.loads(out)] == [
        ("PRE2009-ALPHABET", "Alphabet"),
        ("E09000901", "Delta"),
    ]
    code, out, _ = run("pathfinders", "--vintage", "2023", "--format", "json")
    assert [(r["la_name"], r["pathfinder_of"]) for r in json.loads(out)] == [
        ("Alpha", "Alphabet"),
        ("Beta", "Alphabet"),
        ("Delta", "Delta"),
    ]


def test_compare_json_on_the_tiny_bundle(run):
    code, out, _ = run(
        "compare",
        "--indicator",
        "iod2019-imd-average-score",
        "--period",
        "2019",
        "--format",
        "json",
    )
    assert code == 0
    result = json.loads(out)
    # Pathfinders Alpha 30, Beta 20, Delta 40; others Gamma 25, Shire 10, Epsilon 15.
    assert result["groups"][0] == {
        "group": "pathfinders (and successors)",
        "n": 3,
        "mean": 30.0,
        "median": 30.0,
        "sd": 10.0,
    }
    assert result["groups"][1]["group"] == "other councils"
    assert (result["groups"][1]["n"], result["groups"][1]["median"]) == (3, 15.0)
    assert result["groups"][1]["mean"] == pytest.approx(50 / 3)
    assert result["diff"] == pytest.approx(40 / 3)
    assert (result["la_vintage"], result["councils_matched"], result["years_after_2003"]) == (
        "2019",
        6,
        16,
    )


def test_compare_as_a_table_lists_key_and_value(run):
    code, out, _ = run(
        "compare", "--indicator", "iod2019-imd-average-score", "--period", "2019", "--format", "csv"
    )
    table = pd.read_csv(io.StringIO(out)).set_index("key")["value"]
    assert code == 0
    assert (table["pathfinders (and successors)_n"], table["other councils_median"]) == (
        "3",
        "15.0",
    )


def test_compare_keeps_only_the_filtered_councils(run):
    argv = ["compare", "--indicator", "iod2019-imd-average-score", "--period", "2019"]
    code, out, _ = run(*argv, "--la-type", "UA", "--format", "json")
    # UAs of 2019: Alpha and Beta (pathfinders), Shire (not): one other council is too few.
    assert code == 2 and out == ""
    code, out, err = run(*argv, "--region", "North", "--format", "json")
    assert code == 2
    assert err == (
        "trustmap: error: Too few councils to compare: only 1 other council kept has a value "
        "for 2019; each group needs at least 2.\n"
    )
    code, _, err = run(*argv, "--region", "Atlantis")
    assert code == 2 and "unknown region name 'Atlantis'" in err


def test_coterminosity_and_its_method_check(run):
    code, out, _ = run("coterminosity", "--la-vintage", "2019", "--format", "json")
    classes = {row["la_name"]: row["class"] for row in json.loads(out)}
    assert code == 0
    assert classes == {
        "Alpha": "health_spans_several",
        "Beta": "health_spans_several",
        "Shire": "coterminous",
        "Gamma": "coterminous",
        "Delta": "health_spans_several",
        "Epsilon": "health_spans_several",
    }
    code, out, _ = run("coterminosity", "--la-vintage", "2019", "--check", "--format", "json")
    assert code == 0 and [row["agree"] for row in json.loads(out)] == [True] * 6


def test_coterminosity_timeline_follows_a_council_through_the_health_vintages(run):
    argv = ("coterminosity-timeline", "--format", "json")
    code, out, _ = run(*argv, "--area", tiny.SHIRE_2019, "--la-vintage", "2019")
    rows = [(r["health"], r["council_then"], r["class"], r["bodies"]) for r in json.loads(out)]
    assert code == 0
    assert rows == [  # the 2004 county and the 2019 unitary have the same districts
        ("pct2006", tiny.SHIRE_2009, "coterminous", "Shire PCT"),
        ("ccg2019", tiny.SHIRE_2019, "coterminous", "NHS Shire CCG"),
    ]
    code, out, _ = run(*argv, "--area", tiny.WEST_SHIRE, "--la-vintage", "2023")
    assert [(r["class"], r["note"]) for r in json.loads(out)] == [
        (
            "area_changed",
            f"area changed: in the 2004 councils its ground lay in Shire ({tiny.SHIRE_2009})",
        ),
        (
            "area_changed",
            f"area changed: in the 2019 councils its ground lay in Shire ({tiny.SHIRE_2019})",
        ),
    ]


def test_profile_spine_and_evaluation_commands(run):
    code, out, _ = run("profile", "--area", tiny.ALPHA, "--format", "json")
    rows = {row["indicator_id"]: row for row in json.loads(out)}
    assert code == 0 and len(rows) == 15  # every indicator of the tiny catalogue
    assert next(iter(rows)) == "lait-fsp-new-gooddev"  # children's (LAIT) indicators first
    # 50 infant deaths in 10,000 births: 5.0, Wilson 95% 3.79 to 6.59 holds England's 4.0.
    assert rows["ons-infant-mortality-rate"]["judgement"] == "similar"
    assert {rows[i]["la_name"] for i in rows} == {"Alpha"}
    code, out, _ = run("spine", "--area", tiny.GAMMA, "--theme", "early-years", "--format", "csv")
    spine = pd.read_csv(io.StringIO(out))
    assert code == 0
    assert spine[["indicator_id", "value", "rank", "quartile"]].values.tolist() == [
        ["lait-fsp-new-gooddev", 67.0, 6, "D"]
    ]
    code, out, _ = run("evaluation", "--format", "json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 13  # the indicators with council values
    assert (rows[0]["indicator_id"], rows[0]["period"]) == ("ons-u18-conception-rate", "2001")


def test_neighbours_and_the_comparison_with_them(run):
    code, out, _ = run("neighbours", "--area", tiny.ALPHA, "--format", "csv")
    assert code == 0
    assert out.splitlines() == [
        "rank,neighbour_code,neighbour_name,closeness",
        f"1,{tiny.BETA},Beta,Very close",
        f"2,{tiny.GAMMA},Gamma,Close",
        f"3,{tiny.EAST_SHIRE},East Shire,Close",
        f"4,{tiny.WEST_SHIRE},West Shire,Close",
        f"5,{tiny.EPSILON},Epsilon,Close",
    ]
    argv = ("compare", "--indicator", "lait-fsp-new-gooddev", "--period", "2023")
    code, out, _ = run(*argv, "--by", "neighbours", "--format", "json")
    result = json.loads(out)
    # Alpha 64 against Gamma, East and West Shire, Epsilon (73.25); Beta 73 against Gamma,
    # West and East Shire (72.67); Delta keeps only Epsilon and Gamma: left out.
    assert code == 0 and (result["n"], result["pathfinders_dropped"]) == (2, 1)
    assert result["diff"] == pytest.approx((-9.25 + 1 / 3) / 2)
    assert [row["kept"] for row in result["pathfinders"]] == [True, True, False]
    code, out, _ = run(*argv, "--by", "neighbours", "--format", "csv")
    table = pd.read_csv(io.StringIO(out)).set_index("key")["value"]
    assert table[f"{tiny.DELTA} Delta"] == (
        "83 against 71 (2 neighbours): left out, only 2 comparable neighbour(s)"
    )
    code, _, error = run(*argv, "--by", "neighbours", "--region", "North")
    assert code == 2 and "do not apply to --by neighbours" in error


def test_coverage_of_the_children(run):
    code, out, _ = run("coverage", "--format", "json")
    result = json.loads(out)
    # Alpha, Beta and Delta: 10,000 children each, of England's 67,000.
    assert code == 0
    assert (result["pathfinder_children"], result["england_children"], result["councils"]) == (
        30_000,
        67_000,
        3,
    )
    assert result["share"] == pytest.approx(30 / 67)


def test_before_after_on_the_under_18_conceptions(run):
    argv = ("before-after", "--indicator", "ons-u18-conception-rate")
    spans = ("--before", "2001-2002", "--after", "2004-2005")
    code, out, _ = run(*argv, *spans, "--format", "csv")
    table = pd.read_csv(io.StringIO(out)).set_index("measure")
    assert code == 0
    # Change of the mean rate: Alpha 49 -> 39, Beta 41 -> 35 (pathfinders, -8 on average);
    # Gamma 45 -> 43, Shire 31 -> 30 (-1.5); Delta is published with Epsilon: left out.
    assert table.loc["change", ["n_first", "mean_first", "n_second", "mean_second"]].tolist() == [
        2,
        -8.0,
        2,
        -1.5,
    ]
    assert table.loc["change", ["diff", "ci_low", "ci_high"]].tolist() == pytest.approx(
        [-6.5, -26.743, 13.743], abs=1e-3
    )
    code, out, _ = run(*argv, *spans, "--count", "ons-u18-conceptions", "--format", "json")
    result = json.loads(out)
    assert code == 0 and result["dropped"]["boundary_or_combined"] == 2
    pooled = {(r["period"], r["group"]): (r["count"], r["denominator"]) for r in result["pooled"]}
    assert pooled[("2001", PATHFINDERS)] == (180.0, 4000.0)  # (100 + 80) of 2 x 2,000 women
    code, _, error = run(*argv, "--format", "csv")
    assert code == 2 and "span '1998-2002' names period(s) 1998, 1999, 2000" in error


@pytest.mark.parametrize(
    "argv, message",
    [
        (["pathfinders", "--vintage", "1999"], "unknown vintage '1999'"),
        (["compare", "--indicator", "nope", "--period", "2019"], "unknown indicator 'nope'"),
        (["profile", "--area", "E99999999"], "is not a council code"),
        (["coterminosity", "--la-vintage", "2000"], "unknown vintage"),
        (["coterminosity", "--health", "nhs1900"], "unknown health vintage 'nhs1900'"),
        (["coterminosity-timeline", "--area", "E99999999"], "unknown council code 'E99999999'"),
        (["indicators", "--theme", "astrology"], "unknown theme 'astrology'"),
        (["spine", "--area", tiny.ALPHA, "--theme", "astrology"], "unknown theme 'astrology'"),
        (["neighbours", "--area", "E99999999"], "not in DfE's May 2025 neighbour list"),
    ],
)
def test_bad_input_gives_one_line_and_non_zero_exit(run, argv, message):
    code, _, error = run(*argv)
    error = error.strip()
    assert code == 2
    assert message in error and "\n" not in error and error.startswith("trustmap: error:")


SUBCOMMANDS = next(
    action.choices for action in parser()._actions if isinstance(action, argparse._SubParsersAction)
)


def required_options(command: str) -> list[str]:
    """The required options of a subcommand, each with a placeholder value."""
    actions = SUBCOMMANDS[command]._actions
    return [part for a in actions if a.required for part in (a.option_strings[0], "x")]


def exit_status(argv: list[str], capsys) -> tuple[int, str, str]:
    """main() that argparse ends: (exit status, stdout, stderr)."""
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    captured = capsys.readouterr()
    return stopped.value.code, captured.out, captured.err


def test_top_help_lists_every_subcommand(capsys):
    code, out, err = exit_status(["--help"], capsys)
    assert code == 0 and err == ""
    assert out.startswith("usage: python -m trustmap")
    assert all(name in out for name in SUBCOMMANDS)


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_subcommand_answers_help(capsys, command):
    code, out, err = exit_status([command, "--help"], capsys)
    assert code == 0 and err == ""
    assert out.startswith(f"usage: python -m trustmap {command} ")


def assert_one_line_usage_error(code: int, out: str, err: str, message: str) -> None:
    """Exit status 2, nothing on stdout, and the message alone on one stderr line."""
    assert (code, out) == (2, "")
    assert err.startswith("trustmap: error: ") and err.count("\n") == 1
    assert message in err


@pytest.mark.parametrize(
    "argv, message",
    [
        ([], "the following arguments are required: command"),
        (["no-such-command"], "invalid choice: 'no-such-command'"),
        (["--no-such-option", "vintages"], "unrecognized arguments: --no-such-option"),
    ],
)
def test_top_parser_errors_are_one_line(capsys, argv, message):
    assert_one_line_usage_error(*exit_status(argv, capsys), message)


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_unknown_option_is_one_line(capsys, command):
    argv = [command, *required_options(command), "--no-such-option"]
    status = exit_status(argv, capsys)
    assert_one_line_usage_error(*status, "unrecognized arguments: --no-such-option")


@pytest.mark.parametrize("command", [name for name in SUBCOMMANDS if required_options(name)])
def test_missing_required_option_is_one_line(capsys, command):
    first = required_options(command)[0]
    status = exit_status([command], capsys)
    assert_one_line_usage_error(*status, f"the following arguments are required: {first}")


CHOICES = [
    (command, action.option_strings[0])
    for command, sub in SUBCOMMANDS.items()
    for action in sub._actions
    if action.choices and action.option_strings
]


@pytest.mark.parametrize("command, option", CHOICES)
def test_value_outside_the_choices_is_one_line(capsys, command, option):
    argv = [command, *required_options(command), option, "no-such-choice"]
    status = exit_status(argv, capsys)
    assert_one_line_usage_error(*status, f"argument {option}: invalid choice: 'no-such-choice'")


def test_missing_data_directory_is_one_line(capsys, tmp_path):
    assert main(["vintages", "--data", str(tmp_path / "nowhere")]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"trustmap: error: No data directory at {tmp_path / 'nowhere'}")
    assert error.count("\n") == 1


def test_themes_command_refuses_a_bad_priorities_file(run, tiny_project, tmp_path, monkeypatch):
    own = {"indicators/trust_priorities.csv": "la_code,theme\nE06000901,astrology\n"}
    tables = project_tables_with(tmp_path / "tables", own, base=tiny_project.project)
    monkeypatch.setenv(TABLES_ENV_VAR, str(tables))
    code, _, error = run("themes")
    assert code == 2 and "unknown theme" in error


@pytest.mark.bundle
def test_compare_json_has_the_documented_keys(capsys):
    code = main(
        [
            "compare",
            "--indicator",
            "imd-lsoa-share-most-deprived-10pc",
            "--period",
            "2004",
            "--by",
            "pathfinder",
            "--format",
            "json",
        ]
    )
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    for key in ("diff", "ci_low", "ci_high", "p_welch", "p_mannwhitney", "hedges_g"):
        assert isinstance(result[key], float)
    groups = {g["group"]: g for g in result["groups"]}
    assert groups[PATHFINDERS]["n"] == 35 and groups["other councils"]["n"] == 115
    assert {"n", "mean", "median", "sd"} <= set(groups[PATHFINDERS])
    assert result["ci_low"] < result["diff"] < result["ci_high"]


@pytest.mark.bundle
def test_real_compare_keeps_only_the_filtered_councils(capsys):
    argv = [
        "compare",
        "--indicator",
        "iod2019-imd-average-score",
        "--period",
        "2019",
        "--region",
        "London",
        "--format",
        "json",
    ]
    assert main(argv) == 0
    groups = {g["group"]: g["n"] for g in json.loads(capsys.readouterr().out)["groups"]}
    assert groups == {PATHFINDERS: 8, "other councils": 25}  # 33 London boroughs
    assert main([*argv[:-2], "--region", "Atlantis"]) == 2
    assert "unknown region name 'Atlantis'" in capsys.readouterr().err


@pytest.mark.bundle
def test_cli_lists_the_35_with_codes(capsys):
    assert main(["pathfinders", "--vintage", "2004", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("la_code,la_name")
    assert len(lines) == 36 and any(line.startswith("E10000012,Essex,") for line in lines)


@pytest.mark.bundle
@pytest.mark.parametrize(
    "command, rows", [("vintages", 6), ("layers", 25), ("themes", 8), ("indicators", 540)]
)
def test_real_listing_commands_count_their_rows(capsys, command, rows):
    assert main([command, "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == rows


HEALTH_IDS = health_vintages.health_vintages()["id"].tolist()


@pytest.mark.bundle
@pytest.mark.parametrize("health_id", HEALTH_IDS)
def test_real_coterminosity_works_for_every_id(capsys, health_id):
    assert main(["coterminosity", "--health", health_id, "--format", "csv"]) == 0
    header = capsys.readouterr().out.splitlines()[0]
    assert header == ",".join(health_classes.CLASS_COLUMNS)


@pytest.mark.bundle
def test_real_timeline_and_bad_choices(capsys):
    assert main(["coterminosity-timeline", "--area", "E09000003", "--format", "json"]) == 0
    rows = pd.DataFrame(json.loads(capsys.readouterr().out))
    assert len(rows) == len(HEALTH_IDS) and list(rows.columns) == health_classes.TIMELINE_COLUMNS
    assert main(["coterminosity", "--health", "ccg2013", "--method", "membership"]) == 2
    assert "choose one of overlay" in capsys.readouterr().err
    assert main(["coterminosity", "--health", "ccg2015", "--check"]) == 2


@pytest.mark.bundle
def test_real_before_after_by_coterminous_prints_json(capsys):
    argv = ["before-after", "--indicator", "ons-u18-conception-rate", "--by", "coterminous"]
    assert main([*argv, "--format", "json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["health"] == "ccg2019" and printed["by"] == "coterminous"
    assert sum(group["n"] for group in printed["change"]["groups"]) == 148


@pytest.mark.bundle
def test_real_outcomes_report_every_adjustment_in_json_and_as_rows(capsys):
    argv = ["outcomes", "--indicator", "lait-lac", "--from", "2016", "--to", "2025"]
    assert main([*argv, "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert [row["estimate"] for row in result["estimates"]] == [
        "unadjusted",
        "deprivation",
        "level",
        "region",
        "without_london",
    ]
    for row in result["estimates"]:
        assert row["ci_low"] < row["coefficient"] < row["ci_high"] and 0 < row["p"] < 1
    assert {"la_code", "la_name", "reason"} == set(result["left_out"][0])
    assert main([*argv, "--format", "csv"]) == 0
    rows = pd.read_csv(io.StringIO(capsys.readouterr().out)).set_index("key")["value"]
    assert rows["n: without London"] == "113"
    assert rows["left out: no value in 2016: not yet a council then"] == "4"
