"""The national evaluation's question on every indicator: pathfinders against the rest of
England on each indicator's earliest council period, with false-discovery control."""

from __future__ import annotations

import pandas as pd

from trustmap.analysis.group_comparison import group_membership
from trustmap.bundle.build import Build
from trustmap.model.pathfinders import years_after_announcement
from trustmap.stats import compare

__all__ = ["evaluation_check"]


def evaluation_check(build: Build) -> pd.DataFrame:
    """One row per indicator (compare.compare_many's columns) with label and years_after_2003,
    Benjamini-Hochberg adjusted p values, ordered by how late the data are."""
    values = build["indicator_values"]
    council = values[values["geography"] == "council"].dropna(subset=["value"])
    earliest = council.groupby("indicator_id")["period"].min()
    first = council[council["period"] == council["indicator_id"].map(earliest)]
    frames = []
    for vintage, rows in first.groupby("vintage"):
        in_first, _ = group_membership(build, "pathfinder", vintage)
        frames.append(rows.assign(in_first=rows["area_code"].map(in_first)))
    tagged = pd.concat(frames).dropna(subset=["in_first"])
    membership = tagged.drop_duplicates("area_code").set_index("area_code")["in_first"].astype(bool)
    table = compare.compare_many(
        tagged[["indicator_id", "period", "area_code", "value"]],
        membership,
        labels=("pathfinder", "other councils"),
        by=["indicator_id", "period"],
    )
    table.insert(2, "years_after_2003", table["period"].map(years_after_announcement))
    labels_by_id = build["indicator_catalogue"].set_index("id")["label"]
    table.insert(1, "label", table["indicator_id"].map(labels_by_id))
    return table.sort_values(["years_after_2003", "indicator_id"]).reset_index(drop=True)
