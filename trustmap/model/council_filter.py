"""Which councils an analyst keeps: region, council type, pathfinder status, coterminosity, and
the councils the analyst's own priorities file lists under a theme."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from trustmap.bundle.build import Build
from trustmap.bundle.choices import check_choice
from trustmap.bundle.health_vintages import health_label
from trustmap.model.health_classes import classify
from trustmap.model.own_list import OwnList, own_in_words, same_ground
from trustmap.model.pathfinders import vintage_pathfinders
from trustmap.model.vintages import council_table, member_sets
from trustmap.vocabulary import COTERMINOSITY_CLASS_LABELS, PATHFINDER_STATUS_LABELS, council_type

__all__ = [
    "DEFAULT_HEALTH",
    "CouncilFilter",
    "describe_filter",
    "filter_councils",
    "no_council_kept",
]

DEFAULT_HEALTH = "ccg2019"


@dataclass(frozen=True)
class CouncilFilter:
    """Which councils an analyst keeps: None in a field keeps all."""

    region: str | None = None
    la_type: str | None = None
    pathfinder: bool | None = None
    coterminosity_class: str | None = None
    health: str = DEFAULT_HEALTH  # the health vintage of `coterminosity_class`
    listed: OwnList | None = None  # the councils an analyst's own priorities file lists

    @property
    def active(self) -> bool:
        kept = asdict(self) | {"health": None}
        return any(value is not None for value in kept.values())


def filter_councils(build: Build, vintage: str, council_filter: CouncilFilter) -> list[str]:
    """Codes of the councils of `vintage` that pass `council_filter` (coterminosity with its
    health vintage by that vintage's own method; a listed council by its ground, so a code
    that changed on the same districts is still kept)."""
    councils = council_table(build, vintage).set_index("la_code")
    members = build["council_members"]
    keep = councils.index.notna()
    for value, column in (
        (council_filter.region, "region_name"),
        (council_filter.la_type, "la_type"),
    ):
        if value is not None:
            check_choice(value, sorted(members[column].unique()), column.replace("_", " "))
            keep &= councils[column].to_numpy() == value
    if council_filter.pathfinder is not None:
        status = vintage_pathfinders(build, vintage).set_index("la_code")["pathfinder"]
        keep &= status.reindex(councils.index).to_numpy() == council_filter.pathfinder
    if council_filter.coterminosity_class is not None:
        classes = classify(build, council_filter.health, la_vintage=vintage).set_index("la_code")[
            "class"
        ]
        keep &= classes.reindex(councils.index).to_numpy() == council_filter.coterminosity_class
    if council_filter.listed is not None:
        keep &= same_ground(councils.index, council_filter.listed.codes, member_sets(build))
    return councils.index[keep].tolist()


def describe_filter(council_filter: CouncilFilter | None) -> str:
    """The filters in words for titles and file notes ("London; London boroughs; pathfinders (and
    successors); coterminous (CCG April 2019); councils your file lists under Youth justice
    (4)"), or "all councils" when none is active."""
    if council_filter is None or not council_filter.active:
        return "all councils"
    pathfinder = council_filter.pathfinder
    status = None if pathfinder is None else "pathfinder" if pathfinder else "other"
    parts = [
        council_filter.region,
        council_type(council_filter.la_type, plural=True) if council_filter.la_type else None,
        PATHFINDER_STATUS_LABELS[status] if status else None,
    ]
    if council_filter.coterminosity_class is not None:
        words = COTERMINOSITY_CLASS_LABELS.get(council_filter.coterminosity_class, "")
        parts.append(f"{words} ({health_label(council_filter.health)})")
    if council_filter.listed is not None:
        parts.append(own_in_words(council_filter.listed))
    return "; ".join(part for part in parts if part)


def no_council_kept(council_filter: CouncilFilter, vintage: str) -> str:
    """What a chart says when `council_filter` keeps no council of `vintage`."""
    return (
        f"The filters ({describe_filter(council_filter)}) keep no council of {vintage}: "
        "there is nothing to draw. Clear or change a filter."
    )
