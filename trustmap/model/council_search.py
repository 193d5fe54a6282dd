"""Finding a council by name or code: the councils of the vintage shown, each with the other
names its area has had (a 2004 county finds the unitaries that replaced it)."""

from __future__ import annotations

import pandas as pd

from trustmap.bundle.build import Build

__all__ = ["council_name", "find_council", "former_names", "search_entries"]


def former_names(members: pd.DataFrame, vintage: str) -> pd.Series:
    """For each council of `vintage` (la_code), the other names of councils of other vintages
    sharing part of its area ('; '-joined, alphabetical; '' when none). `members`: la_code,
    la_name, ltla16cd, vintage (one row per council and 2016 district)."""
    shown = members[members["vintage"] == vintage][["la_code", "la_name", "ltla16cd"]]
    others = members[members["vintage"] != vintage][["la_name", "ltla16cd"]].rename(
        columns={"la_name": "other_name"}
    )
    paired = shown.merge(others, on="ltla16cd")
    paired = paired[paired["other_name"] != paired["la_name"]]
    names = paired.groupby("la_code")["other_name"].agg(lambda n: "; ".join(sorted(set(n))))
    codes = shown["la_code"].drop_duplicates()
    return names.reindex(codes).fillna("").set_axis(codes)


def search_entries(build: Build, vintage: str) -> pd.DataFrame:
    """One row per council of `vintage`, by name: la_code, la_name, label ('Sutton (E09000029)',
    with 'also: ...' other names), the text a type-ahead search matches (once per process and
    vintage: the view callback reads it whenever a council is selected or searched for)."""

    def compute() -> pd.DataFrame:
        members = build["council_members"]
        councils = (
            members[members["vintage"] == vintage][["la_code", "la_name"]]
            .drop_duplicates()
            .set_index("la_code")
        )
        also = former_names(members, vintage).reindex(councils.index)
        label = councils["la_name"] + " (" + councils.index + ")"
        label = label.where(also == "", label + ", also: " + also)
        return (
            councils.assign(label=label)
            .reset_index()
            .sort_values("la_name", kind="stable")
            .reset_index(drop=True)
        )

    return build.memo(("search_entries", vintage), compute)


def find_council(entries: pd.DataFrame, text: str) -> str | None:
    """The council a search's text names (`search_entries` rows): its exact label, code or
    name, else the first (by name) whose label contains the text; None when none does. Case and
    surrounding spaces do not matter."""
    wanted = text.strip().casefold()
    if not wanted:
        return None
    for column in ("label", "la_code", "la_name"):
        exact = entries[entries[column].str.casefold() == wanted]
        if not exact.empty:
            return exact["la_code"].iloc[0]
    containing = entries[entries["label"].str.casefold().str.contains(wanted, regex=False)]
    return None if containing.empty else containing["la_code"].iloc[0]


def council_name(build: Build, code: str) -> str | None:
    """The name of the council with `code` in its latest vintage; None for no such council."""
    members = build["council_members"]
    names = members.loc[members["la_code"] == code].sort_values("vintage")["la_name"]
    return None if names.empty else str(names.iloc[-1])
