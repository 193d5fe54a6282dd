"""Coterminosity and comparisons on the real bundle, and the CLI that reports them."""

from __future__ import annotations

import json

import pytest

from trustmap import health_classes, profile, themes
from trustmap.cli import main


def test_overlay_and_membership_agree_on_2019_councils_and_ccgs(build):
    checked = health_classes.method_agreement(build, "ccg2019", la_vintage="2019")
    assert len(checked) == 151
    assert checked["agree"].sum() >= 148
    assert (checked.loc[~checked["agree"], "cause"].str.len() > 0).all()


def test_known_coterminous_pairs_on_real_data(build):
    table = health_classes.classify(
        build, "ccg2019", la_vintage="2019", method="membership"
    ).set_index("la_code")
    assert table.at["E08000016", "class"] == "coterminous"  # Barnsley = NHS Barnsley CCG
    assert table.at["E10000012", "class"] != "coterminous"  # Essex had five CCGs and more
    london_boroughs = table[table.index.str.startswith("E09")]
    assert (london_boroughs["class"] == "coterminous").sum() >= 25
    assert table.at["E09000001", "class"] == "health_spans_several"  # City and Hackney CCG


def test_pct2006_is_never_guessed_where_unsourced(build):
    table = health_classes.classify(build, "pct2006", la_vintage="2004").set_index("la_code")
    assert table.at["E10000015", "class"] == "not_determined"  # Hertfordshire: one PCT unsourced
    assert table.at["E09000008", "class"] == "coterminous"  # Croydon = Croydon PCT
    assert table.at["E09000029", "class"] == "health_spans_several"  # Sutton and Merton PCT
    assert (table["class"] == "coterminous").sum() == 36  # as listed in pct2006_membership.md


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


def test_profile_reads_against_england(build):
    table = profile.council_profile(build, "E09000029")
    row = table.set_index("indicator_id").loc["iod2019-imd-average-score"]
    assert row["value"] == pytest.approx(13.987)
    assert row["england_basis"] == "mean of councils" and row["n_councils"] == 151
    good_development = table.set_index("indicator_id").loc["lait-fsp-new-gooddev"]
    assert good_development["england_basis"] == "source"


@pytest.mark.parametrize(
    "argv, message",
    [
        (["pathfinders", "--vintage", "1999"], "unknown vintage '1999'"),
        (["compare", "--indicator", "nope", "--period", "2019"], "unknown indicator 'nope'"),
        (["profile", "--area", "E99999999"], "is not a council code"),
        (["coterminosity", "--la-vintage", "2000"], "unknown vintage"),
    ],
)
def test_bad_input_gives_one_line_and_non_zero_exit(capsys, argv, message):
    assert main(argv) == 2
    error = capsys.readouterr().err.strip()
    assert message in error and "\n" not in error and error.startswith("trustmap: error:")


@pytest.mark.parametrize("command", ["vintages", "layers", "themes", "indicators"])
def test_every_listing_command_speaks_all_formats(capsys, command):
    for output_format in ("table", "csv", "json"):
        assert main([command, "--format", output_format]) == 0
        assert capsys.readouterr().out.strip()


def test_compare_keeps_only_the_filtered_councils(capsys):
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


def test_themes_count_the_users_own_priorities_file(build, tmp_path, monkeypatch, capsys):
    catalogue = build["indicator_catalogue"]
    assert "councils_in_your_file" not in themes.theme_summary(catalogue)
    own = tmp_path / "trust_priorities.csv"
    own.write_text("la_code,theme\nE09000029,send\nE08000019,send\nE08000019,mental-health\n")
    monkeypatch.setattr(themes, "TRUST_PRIORITIES_PATH", own)
    codes = set(build["council_members"]["la_code"])
    counts = themes.theme_summary(catalogue, themes.server_priorities(codes)).set_index("theme")[
        "councils_in_your_file"
    ]
    assert (counts["send"], counts["mental-health"], counts["youth-justice"]) == (2, 1, 0)
    own.write_text("la_code,theme\nE09000029,astrology\n")
    assert main(["themes"]) == 2
    assert "unknown theme" in capsys.readouterr().err
