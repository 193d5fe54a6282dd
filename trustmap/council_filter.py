"""Which councils an analyst keeps: region, council type, pathfinder status, coterminosity."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from trustmap.build import Build
from trustmap.choices import check_choice
from trustmap.health_classes import classify
from trustmap.pathfinders import vintage_pathfinders
from trustmap.vintages import council_table

__all__ = ["DEFAULT_HEALTH", "CouncilFilter", "filter_councils"]

DEFAULT_HEALTH = "ccg2019"


@dataclass(frozen=True)
class CouncilFilter:
    """Which councils an analyst keeps: None in a field keeps all."""

    region: str | None = None
    la_type: str | None = None
    pathfinder: bool | None = None
    coterminosity_class: str | None = None
    health: str = DEFAULT_HEALTH  # the health vintage of `coterminosity_class`

    @property
    def active(self) -> bool:
        kept = asdict(self) | {"health": None}
        return any(value is not None for value in kept.values())


def filter_councils(build: Build, vintage: str, council_filter: CouncilFilter) -> list[str]:
    """Codes of the councils of `vintage` that pass `council_filter` (coterminosity with its
    health vintage by that vintage's own method)."""
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
    return councils.index[keep].tolist()
