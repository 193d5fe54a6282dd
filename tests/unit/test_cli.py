"""The command line: every subcommand on the tiny bundle (values worked by hand in
tests/fixtures/bundle.py), and on the real bundle the figures the README quotes."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from trustmap import themes
from trustmap.cli import main


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
    [("vintages", 4), ("layers", 8), ("themes", 8), ("indicators", 8)],
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
        "group": "pathfinder",
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
    assert (table["pathfinder_n"], table["other councils_median"]) == ("3", "15.0")


def test_compare_keeps_only_the_filtered_councils(run):
    argv = ["compare", "--indicator", "iod2019-imd-average-score", "--period", "2019"]
    code, out, _ = run(*argv, "--la-type", "UA", "--format", "json")
    # UAs of 2019: Alpha and Beta (pathfinders), Shire (not): one other council is too few.
    assert code == 2 and out == ""
    code, out, err = run(*argv, "--region", "North", "--format", "json")
    assert code == 2
    assert err == (
        "trustmap: error: too few values to compare: group 'other councils' has 1 "
        "(at least 2 are needed)\n"
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


def test_profile_and_evaluation_commands(run):
    code, out, _ = run("profile", "--area", "E06000901", "--format", "json")
    assert code == 0
    assert [row["indicator_id"] for row in json.loads(out)] == [
        "iod2019-idaci-average-score",
        "iod2019-imd-average-score",
        "ons-infant-mortality-rate",
        "lait-fsp-new-gooddev",
    ]
    code, out, _ = run("evaluation", "--format", "json")
    assert code == 0 and len(json.loads(out)) == 6  # the six indicators with council values


@pytest.mark.parametrize(
    "argv, message",
    [
        (["pathfinders", "--vintage", "1999"], "unknown vintage '1999'"),
        (["compare", "--indicator", "nope", "--period", "2019"], "unknown indicator 'nope'"),
        (["profile", "--area", "E99999999"], "is not a council code"),
        (["coterminosity", "--la-vintage", "2000"], "unknown vintage"),
    ],
)
def test_bad_input_gives_one_line_and_non_zero_exit(run, argv, message):
    code, _, error = run(*argv)
    error = error.strip()
    assert code == 2
    assert message in error and "\n" not in error and error.startswith("trustmap: error:")


def test_missing_data_directory_is_one_line(capsys, tmp_path):
    assert main(["vintages", "--data", str(tmp_path / "nowhere")]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"trustmap: error: No data directory at {tmp_path / 'nowhere'}")
    assert error.count("\n") == 1


def test_themes_command_refuses_a_bad_priorities_file(run, tmp_path, monkeypatch):
    own = tmp_path / "trust_priorities.csv"
    own.write_text("la_code,theme\nE06000901,astrology\n")
    monkeypatch.setattr(themes, "TRUST_PRIORITIES_PATH", own)
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
    assert groups["pathfinder"]["n"] == 35 and groups["other councils"]["n"] == 115
    assert {"n", "mean", "median", "sd"} <= set(groups["pathfinder"])
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
    assert groups == {"pathfinder": 8, "other councils": 25}  # 33 London boroughs
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
    "command, rows", [("vintages", 6), ("layers", 10), ("themes", 8), ("indicators", 535)]
)
def test_real_listing_commands_count_their_rows(capsys, command, rows):
    assert main([command, "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == rows
