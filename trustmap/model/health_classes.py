"""Every council against its NHS commissioner in every health vintage, and over time.

Classes are computed on request from the build's immutable per-vintage tables (units placed in
2016 districts, polygons in EPSG:27700) and memoised per process; nothing is written to the build.

Methods: `membership` counts LSOAs (exact; shares are shares of a council's LSOAs), `overlay`
intersects polygons (area shares, EPSG:27700, slivers below `DEFAULT_SLIVER_SHARE` ignored), and
`pct_members` sums whole 2016 districts of the sourced PCTs (area shares). A council is
`not_determined` when under 95% of it is covered by sourced health areas (PCT 2006), or when some
of its units cannot be placed in one council of the vintage asked (LSOAs of 2021 in a district
merged before 2021, such as Bournemouth, Christchurch and Poole, set against the 2009 councils).

Overlay tolerance: `coterminosity.DEFAULT_SLIVER_SHARE` (0.03), checked on the bundle against
the lookups on files of the same make as the overlay-only years: on the TopoJSON CCGs of 2016
(as 2013) generalisation slivers reach 0.017 of either area, on the BSC CCGs of 2021 (as the 2023
files) 0.016, while real crossings start at 0.012-0.02 (a few LSOAs). The ultra-generalised
(BUC) files of 2020 and July 2022 have slivers up to 0.08 and 0.05, which no tolerance separates
from real crossings: there the lookups decide, and `method_agreement` shows the cost.

Following a council through time (`timeline` with `la_vintage`): a council of the vintage asked is
matched to the council of each health vintage's own council vintage that has exactly the same
2016 districts; if there is none (the council was split, merged or absorbed), its class there is
`area_changed` and `note` names the councils that then covered its ground. Nothing is guessed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import pandas as pd

from trustmap.bundle import choices, health_vintages
from trustmap.bundle.build import Build
from trustmap.model import coterminosity, vintages

__all__ = [
    "ALL_CLASSES",
    "AREA_CHANGED",
    "NOT_DETERMINED",
    "class_counts",
    "classify",
    "classify_units",
    "comparable_ids",
    "coterminous_throughout",
    "display_ids",
    "follow_councils",
    "format_classes",
    "health_areas",
    "health_units",
    "method_agreement",
    "agreement_summary",
    "bodies_known",
    "timeline",
    "unit_councils",
]

Method = Literal["membership", "overlay", "pct_members"]
NOT_DETERMINED = "not_determined"
AREA_CHANGED = "area_changed"
ALL_CLASSES = (*coterminosity.CLASSES, NOT_DETERMINED)
COMPLETE_COVER_SHARE = 0.95  # below this share of a council's area, unsourced PCTs are missing
CLASS_COLUMNS = [
    "la_code",
    "la_name",
    "class",
    "index",
    "health_codes",
    "health_names",
    "share_of_la_max",
    "n_health",
]
UNNAMED = "name not in the bundle"


def unit_councils(ltla16_members: pd.Series, members: pd.DataFrame) -> pd.Series:
    """The council (la_code of `members`: la_code, ltla16cd) holding every 2016 district of each
    unit; missing where they lie in several councils."""
    groups = pd.Series(ltla16_members.unique(), name="group")
    exploded = pd.DataFrame({"group": groups, "ltla16cd": groups.str.split(";")}).explode(
        "ltla16cd"
    )
    placed = exploded.merge(members[["la_code", "ltla16cd"]], on="ltla16cd", how="left")
    found = placed.dropna(subset="la_code").drop_duplicates(["group", "la_code"])
    councils = found.groupby("group")["la_code"]
    return ltla16_members.map(councils.first().where(councils.size() == 1))


def _names_of(codes: list[str], names: dict[str, str]) -> str:
    return ";".join(
        name if isinstance(name := names.get(code), str) else f"{code} ({UNNAMED})"
        for code in codes
    )


def format_classes(
    classes: pd.DataFrame, councils: pd.DataFrame, health_names: pd.Series
) -> pd.DataFrame:
    """Every council of `councils` (la_code, la_name) with its class from
    `coterminosity.classify_local_authorities` and the health areas' codes and names, each
    ';'-joined in code order: columns `CLASS_COLUMNS`. A council without pairs is not_determined."""
    table = councils[["la_code", "la_name"]].merge(classes, on="la_code", how="left")
    codes = table["health_codes"].map(lambda c: c if isinstance(c, list) else [])
    table["class"] = table["class"].fillna(NOT_DETERMINED)
    names = health_names.to_dict()
    table["health_names"] = codes.map(lambda c: _names_of(c, names))
    table["health_codes"] = codes.str.join(";")
    table["n_health"] = codes.str.len()
    return table[CLASS_COLUMNS].sort_values("la_code", ignore_index=True)


def classify_units(units: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """Exact classes from units that nest in 2016 districts and in one health area each.

    `units`: unit_code, ltla16_members (';'-joined 2016 districts), health_code (missing where
    no sourced health area covers the unit), health_name, weight. `members`: la_code, la_name,
    ltla16cd of one council vintage. Returns `CLASS_COLUMNS`, one row per council; the class is
    not_determined where under 95% of a council's weight is covered, or where a unit on its
    ground lies in several councils (its 2016 districts are not known more finely).
    """
    la_code = unit_councils(units["ltla16_members"], members)
    placed = units.assign(la_code=la_code)[la_code.notna()]
    unplaced_districts = units.loc[la_code.isna(), "ltla16_members"].str.split(";").explode()
    unsure = set(members.loc[members["ltla16cd"].isin(unplaced_districts), "la_code"])
    covered = placed["health_code"].notna()
    pairs = coterminosity.membership_pairs(
        placed[covered][["unit_code", "la_code", "health_code", "weight"]]
    )
    classes = coterminosity.classify_local_authorities(pairs, sliver_share=0.0)
    weight = placed.groupby("la_code")["weight"].sum()
    covered_share = placed[covered].groupby("la_code")["weight"].sum().reindex(weight.index)
    short = covered_share.fillna(0.0) / weight < COMPLETE_COVER_SHARE
    unsure |= set(weight.index[short])
    names = units.dropna(subset="health_code").drop_duplicates("health_code")
    councils = members.drop_duplicates("la_code")
    table = format_classes(classes, councils, names.set_index("health_code")["health_name"])
    table.loc[table["la_code"].isin(unsure), "class"] = NOT_DETERMINED
    return table


def health_units(build: Build, health_id: str) -> pd.DataFrame:
    """Units of one health vintage (`health_vintages.UNIT_COLUMNS`); empty if it has none."""
    return build.rows_where(health_vintages.UNITS_TABLE, "health", health_id)


def health_areas(build: Build, health_id: str, *, display: bool = False) -> pd.DataFrame:
    """Polygons of one health vintage: health_code, health_name, geometry; EPSG:27700 with
    area_m2, or with `display` the simplified EPSG:4326 copy for the map. Empty if it has none
    (see `display_ids`)."""
    table = health_vintages.DISPLAY_TABLE if display else health_vintages.AREAS_TABLE
    return build.rows_where(table, "health", health_id)


def display_ids(build: Build) -> list[str]:
    """Health vintages with polygons for the map, oldest first."""
    drawn = set(build[health_vintages.DISPLAY_TABLE]["health"])
    return [i for i in health_vintages.health_vintages()["id"] if i in drawn]


def _default_la_vintage(build: Build, row: pd.Series, la_vintage: str | None) -> str:
    return vintages.check_vintage(build, la_vintage or row["council_vintage"])


def _check_method(row: pd.Series, method: str | None) -> str:
    """The method asked, or the vintage's own; `membership` also names the PCT member table,
    which is membership of whole districts."""
    if method == "membership" and row["method"] == "pct_members":
        method = "pct_members"
    return choices.check_choice(
        method or row["method"], health_vintages.methods(row), f"method for {row['id']}"
    )


def _vintage_row(health_id: str) -> pd.Series:
    ids = health_vintages.health_vintages()["id"]
    return health_vintages.vintage(choices.check_choice(health_id, ids, "health vintage"))


def classify(
    build: Build,
    health_id: str,
    *,
    la_vintage: str | None = None,
    method: Method | None = None,
) -> pd.DataFrame:
    """Class of every council of `la_vintage` (default: the council vintage in force on the
    health vintage's date) against the health vintage, by `method` (default: its own).

    Columns: la_code, la_name, class (`ALL_CLASSES`), index (largest IoU), health_codes and
    health_names (';'-joined, same order), share_of_la_max (share of the council's LSOAs, or
    area for overlay and PCTs, in its largest health area), n_health.
    """
    row = _vintage_row(health_id)
    la_vintage = _default_la_vintage(build, row, la_vintage)
    checked = _check_method(row, method)
    return build.memo(
        ("health_classes", health_id, la_vintage, checked),
        lambda: _compute(build, row, la_vintage, checked),
    )


def _members(build: Build, la_vintage: str) -> pd.DataFrame:
    members = build["council_members"]
    return members[members["vintage"] == la_vintage][["la_code", "la_name", "ltla16cd"]]


def _compute(build: Build, row: pd.Series, la_vintage: str, method: str) -> pd.DataFrame:
    if method != "overlay":
        return classify_units(health_units(build, row["id"]), _members(build, la_vintage))
    areas = health_areas(build, row["id"])
    councils = vintages.council_layer(build, la_vintage)
    pairs = coterminosity.overlay_pairs(councils, areas[["health_code", "geometry"]])
    classes = coterminosity.classify_local_authorities(pairs)
    names = areas.set_index("health_code")["health_name"]
    return format_classes(classes, councils, names)


def method_agreement(
    build: Build, health_id: str, *, la_vintage: str | None = None
) -> pd.DataFrame:
    """Overlay against the exact lookup for every council (columns of
    `coterminosity.compare_methods` with la_name; codes ';'-joined). Raises for a vintage
    without both polygons and a lookup."""
    row = _vintage_row(health_id)
    if health_vintages.methods(row) != ["membership", "overlay"]:
        raise ValueError(
            f"{health_id} lacks a lookup or polygons, so its methods cannot be compared; "
            f"compare one of {', '.join(comparable_ids())}"
        )
    per_method = [
        classify(build, health_id, la_vintage=la_vintage, method=m).assign(
            health_codes=lambda t: t["health_codes"].str.split(";")
        )
        for m in ("overlay", "membership")
    ]
    checked = coterminosity.compare_methods(*per_method)
    checked.insert(
        1, "la_name", checked["la_code"].map(per_method[1].set_index("la_code")["la_name"])
    )
    for column in ("health_codes_overlay", "health_codes_membership"):
        checked[column] = checked[column].str.join(";")
    return checked


def comparable_ids() -> list[str]:
    """Health vintages with both an exact lookup and polygons, oldest first."""
    table = health_vintages.health_vintages()
    both = [
        health_vintages.methods(row) == ["membership", "overlay"] for _, row in table.iterrows()
    ]
    return table.loc[both, "id"].tolist()


def agreement_summary(build: Build) -> pd.DataFrame:
    """For each health vintage with a lookup and polygons: councils, agree, share_agree and the
    disagreeing councils' names."""
    rows = []
    for health_id in comparable_ids():
        row = health_vintages.vintage(health_id)
        checked = method_agreement(build, health_id)
        rows.append(
            {
                "health": row["id"],
                "council_vintage": row["council_vintage"],
                "councils": len(checked),
                "agree": int(checked["agree"].sum()),
                "share_agree": float(checked["agree"].mean()),
                "disagree": "; ".join(checked.loc[~checked["agree"], "la_name"]),
            }
        )
    return pd.DataFrame(rows)


def follow_councils(members: pd.DataFrame, from_vintage: str, to_vintage: str) -> pd.DataFrame:
    """Each council of `from_vintage` in `to_vintage` (`members`: vintage, la_code, la_name,
    ltla16cd): la_code, la_code_to and la_name_to (';'-joined in code order where several),
    same_area (True when one council of `to_vintage` has exactly its 2016 districts)."""
    origin, target = (
        members.loc[members["vintage"] == v, ["la_code", "la_name", "ltla16cd"]]
        for v in (from_vintage, to_vintage)
    )
    districts = {
        side: table.groupby("la_code")["ltla16cd"].agg(lambda codes: ";".join(sorted(codes)))
        for side, table in (("from", origin), ("to", target))
    }
    met = (
        origin[["la_code", "ltla16cd"]]
        .merge(target.rename(columns={"la_code": "la_code_to", "la_name": "la_name_to"}))
        .drop_duplicates(["la_code", "la_code_to"])
        .sort_values(["la_code", "la_code_to"])
    )
    links = met.groupby("la_code").agg(
        la_code_to=("la_code_to", ";".join), la_name_to=("la_name_to", ";".join)
    )
    links["same_area"] = links["la_code_to"].map(districts["to"]) == districts["from"]
    return links.reset_index()


TIMELINE_COLUMNS = [
    "la_code",
    "la_name",
    "health",
    "kind",
    "date",
    "council_vintage",
    "council_then",
    "class",
    "bodies",
    "health_codes",
    "share_of_la_max",
    "method",
    "note",
]


def timeline(
    build: Build, *, area: str | None = None, la_vintage: str | None = None
) -> pd.DataFrame:
    """One row per council per health vintage, oldest first: `TIMELINE_COLUMNS`.

    Without `la_vintage`, each health vintage lists the councils then in force (its paired
    council vintage; la_code is theirs). With it, la_code is a council of `la_vintage` followed
    by shared 2016 districts; la_name is the name of the council it matched then
    (`council_then`), and where none matched, class is `area_changed`. bodies: health area
    names ';'-joined. `area` keeps one council code (raises if no row has it).
    """
    if la_vintage is not None:
        vintages.check_vintage(build, la_vintage)
    table = build.memo(("health_timeline", la_vintage), lambda: _timeline(build, la_vintage))
    if area is None:
        return table
    choices.check_choice(area, table["la_code"].unique(), "council code")
    return table[table["la_code"] == area].reset_index(drop=True)


def _timeline(build: Build, la_vintage: str | None) -> pd.DataFrame:
    frames = []
    for _, row in health_vintages.health_vintages().iterrows():
        then = row["council_vintage"]
        classes = classify(build, row["id"]).assign(
            health=row["id"],
            kind=row["kind"],
            date=row["in_force_from"],
            council_vintage=then,
            council_then=lambda t: t["la_code"],
            bodies=lambda t: t["health_names"],
            method=row["method"],
            note="",
        )
        if la_vintage is not None:
            classes = _followed(build, classes, la_vintage, row)
        frames.append(classes[TIMELINE_COLUMNS])
    return pd.concat(frames, ignore_index=True)


def _followed(build: Build, classes: pd.DataFrame, la_vintage: str, row: pd.Series) -> pd.DataFrame:
    then = row["council_vintage"]
    # Health vintages share council vintages: follow each pair of council vintages once.
    links = build.memo(
        ("follow_councils", la_vintage, then),
        lambda: follow_councils(build["council_members"], la_vintage, then),
    )
    kept = links[links["same_area"]].merge(
        classes.drop(columns="la_code"), left_on="la_code_to", right_on="council_then"
    )
    changed = links[~links["same_area"]]
    names = _members(build, la_vintage).drop_duplicates("la_code").set_index("la_code")["la_name"]
    changed = pd.DataFrame(
        {
            "la_code": changed["la_code"],
            "la_name": changed["la_code"].map(names),
            "health": row["id"],
            "kind": row["kind"],
            "date": row["in_force_from"],
            "council_vintage": then,
            "council_then": changed["la_code_to"],
            "class": AREA_CHANGED,
            "bodies": "",
            "health_codes": "",
            "share_of_la_max": float("nan"),
            "method": row["method"],
            "note": [
                f"area changed: in the {then} councils its ground lay in "
                + ", ".join(
                    f"{name} ({code})"
                    for code, name in zip(codes.split(";"), names_to.split(";"), strict=True)
                )
                for codes, names_to in changed[["la_code_to", "la_name_to"]].itertuples(index=False)
            ],
        }
    )
    return pd.concat([kept, changed], ignore_index=True).sort_values("la_code", ignore_index=True)


def class_counts(build: Build) -> pd.DataFrame:
    """National counts per health vintage, oldest first, councils then in force: health, kind,
    date, label, council_vintage, method, class (every one of `ALL_CLASSES`, zeros kept),
    councils (count) and bodies (health areas in the vintage)."""
    rows = []
    table = timeline(build)
    for _, row in health_vintages.health_vintages().iterrows():
        classes = table[table["health"] == row["id"]]["class"].value_counts()
        bodies = bodies_known(build, row["id"])
        rows += [
            {
                "health": row["id"],
                "kind": row["kind"],
                "date": row["in_force_from"],
                "label": row["label"],
                "council_vintage": row["council_vintage"],
                "method": row["method"],
                "class": name,
                "councils": int(classes.get(name, 0)),
                "bodies": bodies,
            }
            for name in ALL_CLASSES
        ]
    return pd.DataFrame(rows)


def bodies_known(build: Build, health_id: str) -> int:
    """Health areas of a vintage known to the build (PCT 2006: those with a sourced extent)."""
    units = health_units(build, health_id)
    if len(units):
        return int(units["health_code"].dropna().nunique())
    return len(health_areas(build, health_id))


def coterminous_throughout(build: Build, health_ids: Iterable[str], la_vintage: str) -> pd.Series:
    """la_code (councils of `la_vintage`) -> True when coterminous in every listed health
    vintage. Councils whose class is not_determined or area_changed in any of them are left
    out, so the outcome analysis never counts an unknown as "not coterminous"."""
    health_ids = list(health_ids)
    for health_id in health_ids:
        _vintage_row(health_id)
    table = timeline(build, la_vintage=la_vintage)
    table = table[table["health"].isin(health_ids)]
    unknown = table.loc[table["class"].isin([NOT_DETERMINED, AREA_CHANGED]), "la_code"]
    known = table[~table["la_code"].isin(unknown)]
    result = (known["class"] == "coterminous").groupby(known["la_code"]).all()
    return result.rename("coterminous_throughout")
