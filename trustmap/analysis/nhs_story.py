"""The story of NHS reorganisation, 2006-2024, for policymakers: how many councils shared their
boundary with their NHS commissioner in each health vintage, each vintage's source, and what the
counts cannot say (PCT 2006 is only partly sourced)."""

from __future__ import annotations

import pandas as pd

from trustmap.bundle import health_vintages, sources
from trustmap.bundle.build import Build
from trustmap.model import health_classes
from trustmap.vocabulary import COTERMINOSITY_CLASS_LABELS, COTERMINOSITY_METHOD_LABELS

__all__ = ["class_count_table", "class_counts_source", "partly_determined"]


def class_count_table(build: Build) -> pd.DataFrame:
    """`health_classes.class_counts` (health, kind, date, label, council_vintage, method,
    class, councils, bodies; method in words) with class_label (as the map's legend names
    it), councils_then (councils in force with that vintage), expected_bodies (sourced count
    of the vintage's bodies) and source (its files, cited), oldest first."""
    counts = health_classes.class_counts(build)
    rows = health_vintages.health_vintages().set_index("id")
    cited = {
        health: sources.source_line(*health_vintages.source_files(row))
        for health, row in rows.iterrows()
    }
    return counts.assign(
        method=counts["method"].map(COTERMINOSITY_METHOD_LABELS).fillna(counts["method"]),
        class_label=counts["class"].map(COTERMINOSITY_CLASS_LABELS),
        councils_then=counts.groupby("health")["councils"].transform("sum"),
        expected_bodies=counts["health"].map(rows["expected_bodies"]).astype(int),
        source=counts["health"].map(cited),
    )


def partly_determined(table: pd.DataFrame) -> list[str]:
    """One sentence per health vintage with councils not determined, e.g. PCT 2006: how many
    councils, and how many of the expected bodies the bundle knows."""
    notes = []
    undetermined = table[
        (table["class"] == health_classes.NOT_DETERMINED) & (table["councils"] > 0)
    ]
    for row in undetermined.itertuples():
        notes.append(
            f"{health_vintages.health_label(row.health)} is partly determined: the bundle "
            f"knows the extent of {row.bodies} of its {row.expected_bodies} bodies, so "
            f"{row.councils} of the {row.councils_then} councils of {row.council_vintage} are "
            "shown as not determined."
        )
    return notes


def class_counts_source(table: pd.DataFrame) -> str:
    """The chart's source line: the publishers, the years, and where each file is cited."""
    publishers = sorted(
        {
            sources.describe(file)["publisher"]
            for health in table["health"].unique()
            for file in health_vintages.source_files(health_vintages.vintage(health))
        },
        key=len,
    )
    dates = pd.to_datetime(table["date"])
    return (
        f"Source: {'; '.join(publishers)}: the NHS commissioners of {dates.min():%B %Y} to "
        f"{dates.max():%B %Y}, each against the councils then in force (exact small-area "
        "lookups where published, else polygon overlay); every vintage's files are cited in "
        "the table. Open Government Licence v3.0."
    )
