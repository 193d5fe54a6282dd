"""One council's NHS bodies through time, for its page: in each NHS geography from October 2006
to April 2024, the local commissioner (primary care trust, clinical commissioning group, then
sub-ICB location) and, from July 2022, the integrated care board above it, each named, typed and
classed in words, with the share of the council in its largest body.

Built on `health_classes.timeline` (the council followed by its 2016 districts); nothing is
computed again here, only paired by date and worded.
"""

from __future__ import annotations

import pandas as pd

from trustmap.bundle import health_vintages
from trustmap.bundle.build import Build
from trustmap.model import health_classes
from trustmap.vocabulary import (
    AREA_CHANGED_LABEL,
    COTERMINOSITY_CLASS_LABELS,
    COTERMINOSITY_METHOD_LABELS,
    NHS_BODY_TYPES,
)

__all__ = ["NHS_BODY_COLUMNS", "methods_by_year", "nhs_bodies", "sub_icb_successions"]

NHS_BODY_COLUMNS = [
    "date",
    "year",
    "health",
    "commissioner",
    "commissioner_type",
    "class",
    "class_label",
    "share_of_council",
    "icb_health",
    "icb",
    "icb_class",
    "icb_class_label",
    "icb_share_of_council",
]
ICB_KIND = "ICB"
SUB_ICB_KIND = "sub-ICB location"
CLASS_WORDS = {**COTERMINOSITY_CLASS_LABELS, health_classes.AREA_CHANGED: AREA_CHANGED_LABEL}
PCT_SOURCES = "the data bundle's notes on the primary care trusts of 2006"


def _not_known(build: Build, row: pd.Series) -> str:
    """Why a body is not known: for PCTs, how few of them the bundle has."""
    if row["method"] == "pct_members":
        vintage = health_vintages.vintage(row["health"])
        known = health_classes.bodies_known(build, row["health"])
        missing = (
            "not known"
            if not row["bodies"]
            else f"{row['bodies'].replace(';', ', ')}; the rest of the council not known"
        )
        return (
            f"{missing}: the bundle has the member areas of only {known} of the "
            f"{vintage['expected_bodies']} primary care trusts of "
            f"{pd.Timestamp(vintage['in_force_from']):%B %Y} (see {PCT_SOURCES})"
        )
    return (
        "not known: part of this council is covered by no known body, or lies in several "
        f"councils of {row['council_vintage']}"
    )


def _bodies_text(build: Build, row: pd.Series) -> str:
    if row["class"] == health_classes.NOT_DETERMINED:
        return _not_known(build, row)
    if row["class"] == health_classes.AREA_CHANGED:
        return _ground_then(build, row)
    return row["bodies"].replace(";", ", ")


def _ground_then(build: Build, row: pd.Series) -> str:
    """Whose ground this council's was then, by name (a council gone by 2009 has only the
    project's PRE2009- code, which no reader knows)."""
    members = build["council_members"]
    then = members[members["vintage"] == row["council_vintage"]]
    names = then.drop_duplicates("la_code").set_index("la_code")["la_name"]
    listed = names.reindex(row["council_then"].split(";")).fillna("another council").tolist()
    councils = " and ".join([", ".join(listed[:-1]), listed[-1]] if len(listed) > 1 else listed)
    pages = "those councils' pages" if len(listed) > 1 else "that council's page"
    return (
        f"Not classed: in the councils of {row['council_vintage']} its ground lay in {councils} "
        f"(see {pages})"
    )


def _worded(build: Build, rows: pd.DataFrame) -> pd.DataFrame:
    """Per row of `timeline`: date, health, body (names or why none), type, class and its
    words, and the share of the council in its largest body (NaN where the class is unknown
    or the council's ground changed)."""
    known = ~rows["class"].isin([health_classes.NOT_DETERMINED, health_classes.AREA_CHANGED])
    return pd.DataFrame(
        {
            "date": rows["date"].astype(str),
            "health": rows["health"],
            "body": [_bodies_text(build, row) for _, row in rows.iterrows()],
            "type": rows["kind"].map(NHS_BODY_TYPES),
            "class": rows["class"],
            "class_label": rows["class"].map(CLASS_WORDS),
            "share": rows["share_of_la_max"].where(known),
        }
    )


def nhs_bodies(build: Build, area: str, *, la_vintage: str) -> pd.DataFrame:
    """Council `area` of `la_vintage` against its NHS bodies, one row per date an NHS geography
    came into force, oldest first: `NHS_BODY_COLUMNS`.

    year is the date as people say it ("October 2006"); commissioner the local body's names
    (", "-joined where several), or why it is not known; commissioner_type its kind in words;
    class and class_label the council's class against it (code and words); share_of_council
    the share of the council (its LSOAs, or its area where only polygons or PCT member
    districts exist) in the largest of them, NaN when not known. The icb_ columns say the same
    of the integrated care board ("" and NaN before July 2022).
    """
    timeline = health_classes.timeline(build, area=area, la_vintage=la_vintage)
    worded = _worded(build, timeline)
    is_icb = timeline["kind"] == ICB_KIND
    local = worded[~is_icb].rename(
        columns={"body": "commissioner", "type": "commissioner_type", "share": "share_of_council"}
    )
    icb = (
        worded[is_icb]
        .drop(columns="type")
        .rename(
            columns={
                "health": "icb_health",
                "body": "icb",
                "class": "icb_class",
                "class_label": "icb_class_label",
                "share": "icb_share_of_council",
            }
        )
    )
    table = local.merge(icb, on="date", how="left", validate="one_to_one")
    table = table.fillna({column: "" for column in ("icb_health", "icb", "icb_class")})
    table["icb_class_label"] = table["icb_class_label"].fillna("")
    table["year"] = pd.to_datetime(table["date"]).dt.strftime("%B %Y")
    return table.sort_values("date", ignore_index=True)[NHS_BODY_COLUMNS]


def sub_icb_successions(build: Build, area: str, *, la_vintage: str) -> list[str]:
    """One sentence per sub-ICB location of council `area`'s timeline that carries the area
    code of a clinical commissioning group of the last CCG geography, e.g. "NHS South Yorkshire
    ICB - 03N took over from NHS Sheffield CCG in July 2022 (the same area code)"."""
    everyone = health_classes.timeline(build, la_vintage=la_vintage)
    ccgs = everyone[everyone["kind"] == "CCG"]
    last_ccgs = ccgs[ccgs["date"] == ccgs["date"].max()]
    ccg_names = _names_by_code(last_ccgs)
    own = health_classes.timeline(build, area=area, la_vintage=la_vintage)
    sub_icbs = own[own["kind"] == SUB_ICB_KIND]
    first = pd.Timestamp(sub_icbs["date"].min()) if len(sub_icbs) else None
    sentences = []
    for code, name in _names_by_code(sub_icbs).items():
        if code in ccg_names:
            sentences.append(
                f"{name} took over from {ccg_names[code]} in {first:%B %Y} (the same area code)."
            )
    return sentences


def _names_by_code(rows: pd.DataFrame) -> dict[str, str]:
    """Health area code -> name over `rows` of a timeline (codes and names ';'-joined alike)."""
    pairs: dict[str, str] = {}
    for codes, names in rows[["health_codes", "bodies"]].itertuples(index=False):
        if codes:
            pairs.update(zip(codes.split(";"), names.split(";"), strict=True))
    return pairs


def methods_by_year() -> str:
    """How each NHS geography's classes and shares were found, in words, e.g. "exact
    small-area lookup: July 2015, ..., April 2024; boundary overlay (shares of area): April
    2013, April 2023; ..." (the methods in the order they first appear)."""
    table = health_vintages.health_vintages()
    dates = pd.to_datetime(table["in_force_from"]).dt.strftime("%B %Y")
    by_method = dates.groupby(table["method"], sort=False).agg(
        lambda d: ", ".join(dict.fromkeys(d))
    )
    return "; ".join(
        f"{COTERMINOSITY_METHOD_LABELS.get(method, method)}: {years}"
        for method, years in by_method.items()
    )
