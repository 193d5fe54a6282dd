"""The dashboard's view state and its short link form (`?v=2019&c=indicator&...`), as plain
Python: the page, the export routes and the CLI speak the same link format.

Reading a link never fails: an unknown or odd value is reported and replaced by its default.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from urllib.parse import parse_qs, urlencode

import pandas as pd

from trustmap.bundle.build import Build
from trustmap.bundle.health_vintages import default_for, health_label, health_vintages, vintage
from trustmap.bundle.indicators import LAIT_DATA_FILE
from trustmap.bundle.themes import themes
from trustmap.model.council_filter import DEFAULT_HEALTH, CouncilFilter
from trustmap.model.health_classes import ALL_CLASSES, display_ids, health_areas
from trustmap.model.own_list import read_own, settle_own
from trustmap.model.vintages import known_vintages
from trustmap.show.colouring import CLASSIFIERS

__all__ = [
    "AREA_KEY",
    "COLOUR_MODES",
    "FILTERS",
    "QUERY_KEYS",
    "Choices",
    "View",
    "indicator_groups",
    "indicator_options",
    "parse_query",
    "period_options",
    "settle",
    "shown",
    "to_query",
]

COLOUR_MODES = {
    "pathfinder": "Pathfinder status",
    "coterminosity": "Coterminosity with NHS bodies",
    "indicator": "Indicator",
}
QUERY_KEYS = {
    "v": "vintage",
    "c": "colour",
    "t": "theme",
    "i": "indicator",
    "p": "period",
    "r": "region",
    "y": "la_type",
    "s": "status",
    "k": "cclass",
    "h": "health",
    "m": "scheme",
    "n": "nhs",
    "o": "own",
}
FILTERS = ("region", "la_type", "status", "cclass")
FILTER_NAMES = {
    "region": "region",
    "la_type": "council type",
    "status": "pathfinder status",
    "cclass": "coterminosity class",
}
STATUSES = {"pathfinder": True, "other": False}
AREA_KEY = "a"
SHOWN_VALUE_CHARS = 40
SHOWN_UNKNOWN_KEYS = 3
DEFAULT_VINTAGE = "2019"
DEFAULT_INDICATOR = "iod2019-imd-average-score"


@dataclass(frozen=True)
class View:
    vintage: str
    colour: str
    theme: str | None
    indicator: str
    period: str
    area: str | None = None
    region: str | None = None
    la_type: str | None = None
    status: str | None = None
    cclass: str | None = None
    health: str | None = None
    scheme: str | None = None  # None: quintiles
    nhs: str | None = None  # the health vintage of coterminosity; None: the council vintage's own
    own: str | None = None  # councils the analyst's own file lists (`own_list`); None: all

    def as_dict(self) -> dict:
        return asdict(self)

    def council_filter(self) -> CouncilFilter:
        """The analyst's filters as the core's CouncilFilter."""
        return CouncilFilter(
            region=self.region,
            la_type=self.la_type,
            pathfinder=None if self.status is None else STATUSES.get(self.status),
            coterminosity_class=self.cclass,
            health=self.nhs or DEFAULT_HEALTH,
            listed=read_own(self.own) if self.own else None,
        )


@dataclass(frozen=True)
class Choices:
    """What a view may hold, taken from one build."""

    vintages: tuple[str, ...]
    themes: tuple[str, ...]
    periods: dict[str, tuple[str, ...]]  # indicator id -> its periods, oldest first
    indicator_themes: dict[str, frozenset[str]]
    council_codes: frozenset[str]
    filters: dict[str, tuple[str, ...]]  # filter field -> the values it may take
    health_overlays: dict[str, str]  # health layer -> its label, with the coverage the build has
    nhs_vintages: dict[str, str]  # health vintage -> its label, for coterminosity
    indicator_labels: dict[str, str] = field(default_factory=dict)  # id -> label, for notes

    @classmethod
    def from_build(cls, build: Build, theme_ids) -> Choices:
        catalogue = children_first(build["indicator_catalogue"])
        return cls(
            vintages=tuple(known_vintages(build)),
            themes=tuple(theme_ids),
            periods={
                row.id: tuple(sorted(row.periods.split(";"))) for row in catalogue.itertuples()
            },
            indicator_themes={
                row.id: frozenset(row.themes.split(";")) for row in catalogue.itertuples()
            },
            council_codes=frozenset(build["council_members"]["la_code"]),
            filters={
                "region": tuple(sorted(build["council_members"]["region_name"].unique())),
                "la_type": tuple(sorted(build["council_members"]["la_type"].unique())),
                "status": tuple(STATUSES),
                "cclass": ALL_CLASSES,
            },
            health_overlays={health: overlay_label(build, health) for health in display_ids(build)},
            nhs_vintages={row.id: row.label for row in health_vintages().itertuples()},
            indicator_labels=dict(zip(catalogue["id"], catalogue["label"], strict=True)),
        )

    def indicator_label(self, indicator: str) -> str:
        """The indicator's label, for notes a person reads (its id if the label is unknown)."""
        return self.indicator_labels.get(indicator, indicator)

    def indicators_of(self, theme: str | None) -> list[str]:
        return [
            i for i, tagged in self.indicator_themes.items() if theme is None or theme in tagged
        ]

    def default_view(self) -> View:
        vintage = DEFAULT_VINTAGE if DEFAULT_VINTAGE in self.vintages else self.vintages[-1]
        indicator = (
            DEFAULT_INDICATOR if DEFAULT_INDICATOR in self.periods else next(iter(self.periods))
        )
        period = self.periods[indicator][-1]
        return View(vintage, "pathfinder", None, indicator, period, nhs=default_for(vintage))


def children_first(catalogue: pd.DataFrame) -> pd.DataFrame:
    """The indicator catalogue with the children's (DfE LAIT) indicators first, then by label:
    a theme's first indicator, which the map shows when the theme is chosen, is a children's one
    where it has one."""
    others = catalogue["source_file"] != LAIT_DATA_FILE
    return (
        catalogue.assign(_others=others).sort_values(["_others", "label"]).drop(columns="_others")
    )


def overlay_label(build: Build, health: str) -> str:
    """'CCG April 2019 (191)', or 'PCT October 2006 (44 of 152 drawn)' where polygons are
    missing."""
    drawn = len(health_areas(build, health, display=True))
    expected = int(vintage(health)["expected_bodies"])
    counted = str(drawn) if drawn == expected else f"{drawn} of {expected} drawn"
    return f"{health_label(health)} ({counted})"


def settle(asked: Mapping[str, object], choices: Choices) -> tuple[View, list[str]]:
    """The view `asked` for (`View` field -> a value from a client, absent or None: the
    default), each choice the build does not have replaced by its default, saying what was
    replaced."""
    default = choices.default_view()
    notes = []

    def keep(value, allowed, name, fallback, fallback_words=None):
        # Values come from the browser: anything but a known string is replaced.
        if value is None or (isinstance(value, str) and value in allowed):
            return value if value is not None else fallback
        notes.append(f"Unknown {name} '{shown(value)}': showing {fallback_words} instead.")
        return fallback

    vintage = keep(
        asked.get("vintage"), choices.vintages, "vintage", default.vintage, default.vintage
    )
    colour = keep(
        asked.get("colour"),
        COLOUR_MODES,
        "colour mode",
        default.colour,
        COLOUR_MODES[default.colour].lower(),
    )
    theme = keep(asked.get("theme"), choices.themes, "theme", None, "every theme")
    in_theme = choices.indicators_of(theme)
    indicator = keep(
        asked.get("indicator"),
        choices.periods,
        "indicator",
        default.indicator,
        choices.indicator_label(default.indicator),
    )
    if indicator not in in_theme:
        indicator = default.indicator if default.indicator in in_theme else in_theme[0]
    periods = choices.periods[indicator]
    asked_period, asked_area = asked.get("period"), asked.get("area")
    period = asked_period if asked_period in periods else periods[-1]
    if asked_period is not None and asked_period not in periods:
        notes.append(
            f"{choices.indicator_label(indicator)} has no period '{shown(asked_period)}': "
            f"showing {period}."
        )
    area = (
        asked_area if isinstance(asked_area, str) and asked_area in choices.council_codes else None
    )
    if asked_area is not None and area is None:
        notes.append(f"Unknown council code '{shown(asked_area)}': no council selected.")
    filters = {
        name: keep(asked.get(name), choices.filters[name], FILTER_NAMES[name], None, "all councils")
        for name in FILTERS
    }
    health = keep(
        asked.get("health"), choices.health_overlays, "NHS boundaries to draw", None, "none"
    )
    scheme = keep(
        asked.get("scheme"), CLASSIFIERS, "colour classes", None, CLASSIFIERS["quantiles"][0]
    )
    nhs_default = default_for(vintage)
    nhs = keep(
        asked.get("nhs"),
        choices.nhs_vintages,
        "NHS geography",
        nhs_default,
        choices.nhs_vintages.get(nhs_default, nhs_default),
    )
    own, own_notes = settle_own(
        asked.get("own"), theme_ids=choices.themes, council_codes=choices.council_codes
    )
    notes += own_notes
    return View(
        vintage,
        colour,
        theme,
        indicator,
        period,
        area,
        **filters,
        health=health,
        scheme=scheme,
        nhs=nhs,
        own=own,
    ), notes


def shown(value: object) -> str:
    """A value from a client as it may be echoed back: cut to a few dozen characters."""
    text = str(value)
    return text if len(text) <= SHOWN_VALUE_CHARS else text[:SHOWN_VALUE_CHARS] + "..."


def parse_query(search: str | None, choices: Choices) -> tuple[View, list[str]]:
    """The view a query string asks for, with a note for each value that had to be replaced."""
    text = search if isinstance(search, str) else ""
    query = parse_qs(text.lstrip("?"), keep_blank_values=True)
    known = {*QUERY_KEYS, AREA_KEY}
    notes = unknown_keys_note([key for key in query if key not in known])
    asked = {field: query[key][-1] for key, field in QUERY_KEYS.items() if key in query}
    if AREA_KEY in query:
        asked["area"] = query[AREA_KEY][-1]
    view, more = settle(asked, choices)
    return view, notes + more


def unknown_keys_note(keys: list[str]) -> list[str]:
    """One note for every unknown link parameter together (a link may hold thousands)."""
    if not keys:
        return []
    named = ", ".join(f"'{shown(key)}'" for key in keys[:SHOWN_UNKNOWN_KEYS])
    more = f" and {len(keys) - SHOWN_UNKNOWN_KEYS} more" if len(keys) > SHOWN_UNKNOWN_KEYS else ""
    if len(keys) == 1:
        return [f"Ignored unknown link parameter {named}."]
    return [f"Ignored {len(keys)} unknown link parameters: {named}{more}."]


def to_query(view: View) -> str:
    """The short query string of a view ('?v=2019&c=pathfinder&...'); empty values, and the NHS
    geography that the council vintage implies, left out."""
    values = {key: getattr(view, field) for key, field in QUERY_KEYS.items()}
    if view.vintage and view.nhs == default_for(view.vintage):
        values["n"] = None
    values[AREA_KEY] = view.area
    return "?" + urlencode({key: value for key, value in values.items() if value})


def period_options(choices: Choices, indicator: str) -> list[dict]:
    """Dropdown options of an indicator's periods, latest first."""
    return [{"label": p, "value": p} for p in reversed(choices.periods[indicator])]


def indicator_options(catalogue: pd.DataFrame, ids: list[str]) -> list[dict]:
    """Dropdown options of indicators (label, id), in the order of `ids`."""
    labels = catalogue.set_index("id")["label"]
    return [{"label": labels[i], "value": i} for i in ids]


def indicator_groups(
    catalogue: pd.DataFrame, ids: list[str], *, theme: str | None = None
) -> list[dict]:
    """The indicators of `ids` grouped by theme, as a searchable picker's options:
    `[{"group": theme label, "items": [{"label", "value"}, ...]}, ...]`, the groups in the
    themes table's order, the items in the order of `ids`. An indicator sits under `theme` (the
    theme chosen) when tagged with it, else under its first theme (the catalogue's `themes`
    column): each is offered once."""
    rows = catalogue.set_index("id").loc[ids]
    tagged = rows["themes"].str.split(";")
    under = tagged.map(lambda names: theme if theme in names else names[0])
    return [
        {
            "group": row.label,
            "items": [
                {"label": label, "value": i}
                for i, label in rows.loc[under == row.theme, "label"].items()
            ],
        }
        for row in themes().itertuples()
        if (under == row.theme).any()
    ]
