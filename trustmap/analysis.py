"""Questions asked of a build: pathfinders in a vintage, indicator lists, vintage summaries."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

from trustmap import compare, coterminosity, councils
from trustmap.build import Build
from trustmap.pathfinders import pathfinder_status, read_pathfinders
from trustmap.themes import (
    TRUST_PRIORITIES_PATH,
    published_priorities,
    read_trust_priorities,
    split_themes,
    theme_coverage,
    themes,
)


class UnknownChoiceError(ValueError):
    """A vintage, theme, indicator or area that the build does not have."""


def known_vintages(build: Build) -> list[str]:
    return sorted(build["council_members"]["vintage"].unique())


def check_vintage(build: Build, vintage: str) -> str:
    """Return `vintage` if the build has it, else raise naming the choices."""
    return check_choice(vintage, known_vintages(build), "vintage")


def district_area_series(build: Build) -> pd.Series:
    return build["district_areas"].set_index("ltla16cd")["area_m2"]


def vintage_summary(build: Build) -> pd.DataFrame:
    """Each vintage: date in force, councils built, councils expected (sourced), label."""
    built = build["council_members"].groupby("vintage")["la_code"].nunique().rename("councils")
    table = councils.vintages().rename(columns={"councils": "expected"})
    return table.join(built, on="vintage")[
        ["vintage", "in_force_from", "councils", "expected", "label", "source"]
    ]


def vintage_pathfinders(build: Build, vintage: str) -> pd.DataFrame:
    """`pathfinder_status` of every council of `vintage`, computed once per process."""
    return build.memo(
        ("pathfinders", vintage),
        lambda: pathfinder_status(build["council_members"], district_area_series(build), vintage),
    )


def pathfinders_in(build: Build, vintage: str) -> pd.DataFrame:
    """Councils of `vintage` that are (or succeed) one of the 35 pathfinders."""
    status = vintage_pathfinders(build, vintage)
    chosen = status[status["pathfinder_share"] > 0].copy()
    if vintage == "2004":
        announced = read_pathfinders(build["council_members"]).set_index("la_code_2004")
        chosen["announced_name"] = chosen["la_code"].map(announced["announced_name"])
    chosen["vintage"] = vintage
    columns = ["la_code", "la_name", "vintage", "pathfinder_of", "pathfinder_share"]
    extra = ["announced_name"] if vintage == "2004" else []
    return chosen[columns + extra].sort_values("la_name").reset_index(drop=True)


def indicator_list(build: Build, *, theme: str | None = None) -> pd.DataFrame:
    """Indicators with id, label, periods, unit, polarity, themes and source."""
    catalogue = build["indicator_catalogue"]
    if theme is not None:
        check_choice(theme, themes()["theme"], "theme")
        tagged = split_themes(catalogue["themes"])
        catalogue = catalogue.loc[tagged[tagged == theme].index.unique()]
    columns = ["id", "label", "period", "unit", "polarity", "themes", "source"]
    return catalogue.rename(columns={"periods": "period"})[columns].reset_index(drop=True)


def theme_summary(build: Build) -> pd.DataFrame:
    """Themes with their indicator counts and the published priority totals, and, when the
    user has given `trust_priorities.csv`, how many councils it lists for each theme."""
    coverage = theme_coverage(build["indicator_catalogue"])
    totals = published_priorities().set_index("theme")[["published_priority_trusts", "of_trusts"]]
    summary = coverage.join(totals, on="theme")
    priorities = trust_priorities(build)
    if priorities is not None:
        listed = priorities.groupby("theme")["la_code"].nunique()
        summary["councils_in_your_file"] = summary["theme"].map(listed).fillna(0).astype(int)
    return summary


HEALTH_GEOGRAPHIES = {"ccg2019": "CCG April 2019", "pct2006": "PCT October 2006"}
METHODS = ("overlay", "membership")
COMPLETE_COVER_SHARE = 0.95  # below this share of a council's area, unsourced PCTs are missing
EVALUATION_START = "2003-06"  # the pathfinders were announced in July 2003


SHOWN_CHOICES = 8


def check_choice(value: str, choices, what: str) -> str:
    """Return `value` if it is one of `choices`, else raise naming a few of them."""
    choices = list(choices)
    if value not in choices:
        shown = ", ".join(choices[:SHOWN_CHOICES])
        more = f" ... ({len(choices)} in all)" if len(choices) > SHOWN_CHOICES else ""
        raise UnknownChoiceError(f"unknown {what} '{value}'; choose one of {shown}{more}")
    return value


@dataclass(frozen=True)
class CouncilFilter:
    """Which councils an analyst keeps: None in a field keeps all."""

    region: str | None = None
    la_type: str | None = None
    pathfinder: bool | None = None
    coterminosity_class: str | None = None

    @property
    def active(self) -> bool:
        return any(value is not None for value in asdict(self).values())


def filter_councils(
    build: Build, vintage: str, council_filter: CouncilFilter, health: str = "ccg2019"
) -> list[str]:
    """Codes of the councils of `vintage` that pass `council_filter` (coterminosity with
    `health` by the exact membership method where one exists)."""
    councils_of = council_layer(build, vintage).set_index("la_code")
    members = build["council_members"]
    for value, column in (
        (council_filter.region, "region_name"),
        (council_filter.la_type, "la_type"),
    ):
        if value is not None:
            check_choice(value, sorted(members[column].unique()), column.replace("_", " "))
    keep = pd.Series(True, index=councils_of.index)
    if council_filter.region is not None:
        keep &= councils_of["region_name"] == council_filter.region
    if council_filter.la_type is not None:
        keep &= councils_of["la_type"] == council_filter.la_type
    if council_filter.pathfinder is not None:
        status = vintage_pathfinders(build, vintage)
        keep &= (
            status.set_index("la_code")["pathfinder"].reindex(keep.index)
            == council_filter.pathfinder
        )
    if council_filter.coterminosity_class is not None:
        method = "membership" if health == "ccg2019" else "overlay"
        classes = coterminosity_table(build, vintage, health, method).set_index("la_code")["class"]
        keep &= classes.reindex(keep.index) == council_filter.coterminosity_class
    return keep.index[keep].tolist()


def council_layer(build: Build, vintage: str) -> pd.DataFrame:
    """Council polygons of `vintage` in EPSG:27700."""
    councils_all = build["councils"]
    return councils_all[councils_all["vintage"] == check_vintage(build, vintage)]


def coterminosity_pairs(build: Build, vintage: str, health: str, method: str) -> pd.DataFrame:
    """(council, health area) pairs with shares, computed once per build and cached."""
    check_vintage(build, vintage)
    check_choice(health, HEALTH_GEOGRAPHIES, "health geography")
    check_choice(method, METHODS, "method")
    return build.cached(
        f"pairs-{method}-{health}-{vintage}", lambda: _compute_pairs(build, vintage, health, method)
    )


def _compute_pairs(build: Build, vintage: str, health: str, method: str) -> pd.DataFrame:
    if method == "overlay":
        health_areas = build[health][["health_code", "geometry"]]
        return coterminosity.overlay_pairs(council_layer(build, vintage), health_areas)
    members = build["council_members"]
    members = members[members["vintage"] == vintage][["la_code", "ltla16cd"]]
    if health == "ccg2019":
        units = build["lsoa_ccg2019"].merge(members, on="ltla16cd").assign(weight=1.0)
    else:
        units = (
            build["pct2006_members"]
            .merge(members, on="ltla16cd")
            .join(district_area_series(build).rename("weight"), on="ltla16cd")
            .assign(unit_code=lambda u: u["ltla16cd"])
        )
    return coterminosity.membership_pairs(units[["unit_code", "la_code", "health_code", "weight"]])


def coterminosity_table(
    build: Build, vintage: str, health: str = "ccg2019", method: str = "overlay"
) -> pd.DataFrame:
    """Per council: class, index, health_codes (';'-joined) and share_of_la_max.

    PCT 2006 extents are sourced for some PCTs only: a council less than 95% covered by
    sourced PCTs gets class `not_determined`, never a guess.
    """
    return build.memo(
        ("coterminosity", vintage, health, method),
        lambda: _classify_councils(build, vintage, health, method),
    )


def _classify_councils(build: Build, vintage: str, health: str, method: str) -> pd.DataFrame:
    pairs = coterminosity_pairs(build, vintage, health, method)
    sliver = coterminosity.DEFAULT_SLIVER_SHARE if method == "overlay" else 0.0
    classes = coterminosity.classify_local_authorities(pairs, sliver_share=sliver)
    names = council_layer(build, vintage).set_index("la_code")["la_name"]
    table = pd.DataFrame({"la_code": names.index, "la_name": names.to_numpy()}).merge(
        classes, on="la_code", how="left"
    )
    covered = _covered_share(build, vintage, health)
    undetermined = table["la_code"].map(covered).fillna(0.0) < COMPLETE_COVER_SHARE
    table.loc[undetermined, "class"] = "not_determined"
    table["health_codes"] = table["health_codes"].map(
        lambda codes: ";".join(codes) if isinstance(codes, list) else ""
    )
    return table[["la_code", "la_name", "class", "index", "health_codes", "share_of_la_max"]]


def _covered_share(build: Build, vintage: str, health: str) -> pd.Series:
    """Share of each council's area inside some health area of the layer (1 for full layers).

    Measured on 2016 districts, which is exact for PCTs: their extents are unions of them.
    """
    members = build["council_members"]
    members = members[members["vintage"] == vintage].join(
        district_area_series(build), on="ltla16cd"
    )
    if health == "ccg2019":
        return pd.Series(1.0, index=members["la_code"].unique())
    covered = members["ltla16cd"].isin(build["pct2006_members"]["ltla16cd"])
    grouped = members.assign(covered_m2=members["area_m2"].where(covered, 0.0)).groupby("la_code")
    return grouped["covered_m2"].sum() / grouped["area_m2"].sum()


def method_check(build: Build, vintage: str, health: str = "ccg2019") -> pd.DataFrame:
    """Overlay against membership for every council, with the cause of each disagreement."""
    per_method = []
    for method, sliver in (("overlay", coterminosity.DEFAULT_SLIVER_SHARE), ("membership", 0.0)):
        pairs = coterminosity_pairs(build, vintage, health, method)
        per_method.append(coterminosity.classify_local_authorities(pairs, sliver_share=sliver))
    checked = coterminosity.compare_methods(*per_method)
    names = council_layer(build, vintage).set_index("la_code")["la_name"]
    checked.insert(1, "la_name", checked["la_code"].map(names))
    for column in ("health_codes_overlay", "health_codes_membership"):
        checked[column] = checked[column].map(
            lambda codes: ";".join(codes) if isinstance(codes, list) else ""
        )
    return checked


def _member_sets(build: Build) -> pd.Series:
    """Each council code of any vintage -> its set of 2016 districts (as a sorted string)."""

    def compute() -> pd.Series:
        members = build["council_members"].drop_duplicates(["la_code", "ltla16cd"])
        return members.groupby("la_code")["ltla16cd"].agg(lambda codes: ";".join(sorted(codes)))

    return build.memo(("member_sets",), compute)


def indicator_rows(build: Build, indicator_id: str, period: str | None = None) -> pd.DataFrame:
    """Values of one indicator (and period) for every geography; raises on unknown choices."""
    catalogue = build["indicator_catalogue"].set_index("id")
    check_choice(indicator_id, catalogue.index, "indicator")
    rows = build.rows_where("indicator_values", "indicator_id", indicator_id)
    if period is not None:
        check_choice(period, sorted(rows["period"].unique()), f"period of {indicator_id}")
        rows = rows[rows["period"] == period]
    return rows


def council_values(build: Build, indicator_id: str, period: str, vintage: str) -> pd.Series:
    """One indicator's council values on the councils of `vintage`, indexed by la_code.

    A source's council is matched to a council of `vintage` covering the same districts, so a
    code change alone (Buckinghamshire E10000002 -> E06000060) loses nothing; councils whose
    area differs between the data and the vintage are left out, never apportioned.
    """
    rows = indicator_rows(build, indicator_id, period)
    rows = rows[rows["geography"] == "council"]
    sets = _member_sets(build)
    in_vintage = council_layer(build, vintage)["la_code"]
    target_by_set = pd.Series(in_vintage.to_numpy(), index=in_vintage.map(sets))
    matched = rows["area_code"].map(sets).map(target_by_set)
    return pd.Series(rows["value"].to_numpy(), index=matched.to_numpy(), name=indicator_id)[
        matched.notna().to_numpy()
    ].dropna()


def data_vintage(build: Build, indicator_id: str, period: str) -> str:
    """The council vintage most of an indicator period's council rows belong to."""
    rows = indicator_rows(build, indicator_id, period)
    vintages = rows.loc[rows["geography"] == "council", "vintage"]
    if vintages.empty:
        raise UnknownChoiceError(f"{indicator_id} has no council values for {period}")
    return vintages.mode().iat[0]


def group_membership(
    build: Build, by: str, vintage: str, health: str = "ccg2019"
) -> tuple[pd.Series, tuple[str, str]]:
    """Boolean series (la_code -> in first group) and the two group labels."""
    check_choice(by, ("pathfinder", "coterminous"), "grouping")
    if by == "pathfinder":
        status = vintage_pathfinders(build, vintage)
        return status.set_index("la_code")["pathfinder"], ("pathfinder", "other councils")
    method = "membership" if health == "ccg2019" else "overlay"
    table = coterminosity_table(build, vintage, health, method)
    table = table[table["class"] != "not_determined"]
    return (table.set_index("la_code")["class"] == "coterminous"), (
        f"coterminous with {HEALTH_GEOGRAPHIES[health]}",
        "not coterminous",
    )


def years_after_evaluation_start(period: str) -> int:
    """How many years a period's start lies after the 2003 pathfinder announcement."""
    return int(period[:4]) - int(EVALUATION_START[:4])


def compare_indicator(
    build: Build,
    indicator_id: str,
    period: str,
    by: str,
    vintage: str | None = None,
    health: str = "ccg2019",
    council_filter: CouncilFilter | None = None,
) -> dict:
    """Group comparison of one indicator period, with its source and how late its data are;
    `council_filter` keeps only the councils (of the comparison's vintage) that pass it."""
    vintage = vintage or data_vintage(build, indicator_id, period)
    values = council_values(build, indicator_id, period, check_vintage(build, vintage))
    if council_filter is not None and council_filter.active:
        values = values[values.index.isin(filter_councils(build, vintage, council_filter))]
    in_first, labels = group_membership(build, by, vintage, health)
    result = compare.compare_groups(
        values, in_first.reindex(values.index).dropna().astype(bool), labels=labels
    )
    meta = build["indicator_catalogue"].set_index("id").loc[indicator_id]
    return {
        "indicator": indicator_id,
        "label": meta["label"],
        "period": period,
        "la_vintage": vintage,
        "by": by,
        **result.as_dict(),
        "councils_matched": int(len(values)),
        "polarity": meta["polarity"],
        "years_after_2003": years_after_evaluation_start(period),
        "source": meta["source"],
        "licence": meta["licence"],
    }


def latest_council_rows(build: Build, area_code: str) -> pd.DataFrame:
    """For each indicator with a value for `area_code`, its latest period's row."""
    values = build["indicator_values"]
    own = values[(values["area_code"] == area_code) & (values["geography"] == "council")]
    if own.empty:
        known = set(build["council_members"]["la_code"])
        problem = "has no indicator values" if area_code in known else "is not a council code"
        raise UnknownChoiceError(f"area '{area_code}' {problem}")
    return own.sort_values("period").groupby("indicator_id").tail(1)


def profile(build: Build, area_code: str) -> pd.DataFrame:
    """One council against England on every indicator it has (latest period of each);
    computed once per council and build, then read from the build's cache."""
    known = build["council_members"]["la_code"]
    if area_code not in set(known):
        raise UnknownChoiceError(f"area '{area_code}' is not a council code")
    return build.cached(f"profile-{area_code}", lambda: _compute_profile(build, area_code))


def _compute_profile(build: Build, area_code: str) -> pd.DataFrame:
    values = build["indicator_values"]
    catalogue = build["indicator_catalogue"].set_index("id")
    england = values[values["geography"] == "england"].set_index(["indicator_id", "period"])[
        "value"
    ]
    latest = latest_council_rows(build, area_code)
    keys = ["indicator_id", "period", "vintage"]
    peers = values[values["indicator_id"].isin(latest["indicator_id"])].merge(latest[keys], on=keys)
    codes, numbers = peers["area_code"].to_numpy(), peers["value"].to_numpy()
    peers_by_key = {
        key: pd.Series(numbers[positions], index=codes[positions])
        for key, positions in peers.groupby(keys).indices.items()
    }
    rows = []
    for row in latest.itertuples():
        polarity = catalogue.at[row.indicator_id, "polarity"]
        versus = compare.compare_area_with_england(
            area_code,
            peers_by_key[(row.indicator_id, row.period, row.vintage)],
            polarity=None if polarity == "none" else polarity,
            england_value=england.get((row.indicator_id, row.period)),
        )
        rows.append(
            {
                "indicator_id": row.indicator_id,
                "label": catalogue.at[row.indicator_id, "label"],
                "period": row.period,
                **versus.as_dict(),
                "unit": catalogue.at[row.indicator_id, "unit"],
                "polarity": polarity,
                "source": catalogue.at[row.indicator_id, "source"],
            }
        )
    return pd.DataFrame(rows).drop(columns="area_code")


def evaluation_check(build: Build) -> pd.DataFrame:
    """Pathfinders against the rest of England on every indicator's earliest council period,
    with Benjamini-Hochberg adjusted p values and how many years each postdates 2003."""
    values = build["indicator_values"]
    council = values[values["geography"] == "council"].dropna(subset=["value"])
    earliest = council.groupby("indicator_id")["period"].min()
    first = council[council["period"] == council["indicator_id"].map(earliest)]
    frames = []
    for vintage, rows in first.groupby("vintage"):
        in_first, labels = group_membership(build, "pathfinder", vintage)
        frames.append(rows.assign(in_first=rows["area_code"].map(in_first)))
    tagged = pd.concat(frames).dropna(subset=["in_first"])
    membership = tagged.drop_duplicates("area_code").set_index("area_code")["in_first"].astype(bool)
    table = compare.compare_many(
        tagged[["indicator_id", "period", "area_code", "value"]],
        membership,
        labels=("pathfinder", "other councils"),
        by=["indicator_id", "period"],
    )
    table.insert(2, "years_after_2003", table["period"].map(years_after_evaluation_start))
    labels_by_id = build["indicator_catalogue"].set_index("id")["label"]
    table.insert(1, "label", table["indicator_id"].map(labels_by_id))
    return table.sort_values(["years_after_2003", "indicator_id"]).reset_index(drop=True)


def trust_priorities(build: Build) -> pd.DataFrame | None:
    """The user's optional `data/indicators/trust_priorities.csv` (la_code, theme), validated;
    None when there is none. Per-trust priorities were never published: only a user's own
    file can say which trust chose which theme."""
    path = TRUST_PRIORITIES_PATH
    if not path.exists():
        return None
    return read_trust_priorities(path, set(build["council_members"]["la_code"]))


def council_lineage(build: Build, la_code: str, vintage: str) -> pd.DataFrame:
    """The councils of other vintages that covered the same ground as `la_code` of `vintage`,
    where they differ from it: vintage, la_code, la_name and `share_of_council` (the share of
    this council's area that lay in each)."""
    areas = district_area_series(build)
    rows = []
    for other in known_vintages(build):
        if other == vintage:
            continue
        links = councils.successors(build["council_members"], areas, vintage, other)
        links = links[links["la_code_from"] == la_code]
        if len(links) == 1 and links["la_code_to"].iat[0] == la_code:
            continue
        rows += [
            {
                "vintage": other,
                "la_code": link.la_code_to,
                "la_name": link.la_name_to,
                "share_of_council": link.share_of_from,
            }
            for link in links.itertuples()
        ]
    return pd.DataFrame(rows, columns=["vintage", "la_code", "la_name", "share_of_council"])
