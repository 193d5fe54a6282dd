"""The side panel beside the map: find a council, what the map shows (colouring, theme,
indicator, period, councils and NHS bodies of which year), and, folded, which councils every view
keeps (the filters) and the map's options (health outline, colour classes)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import dash_mantine_components as dmc
import pandas as pd
from dash import dcc, html

from layouts import ids
from layouts.common import labelled, native_select
from layouts.own_filter import own_filter
from layouts.priorities import priorities_section
from trustmap.bundle.build import Build
from trustmap.bundle.themes import themes
from trustmap.model.council_search import search_entries
from trustmap.model.vintages import vintage_summary
from trustmap.show.colouring import CLASSIFIERS
from trustmap.show.view import COLOUR_MODES, Choices, View, indicator_groups, period_options
from trustmap.vocabulary import (
    COTERMINOSITY_CLASS_LABELS,
    COUNCIL_TYPES,
    PATHFINDER_STATUS_LABELS,
    council_type,
    sentence_case,
)

__all__ = ["find_council", "search_options", "side_panel"]

FILTER_LABELS = {
    ids.REGION: ("Region", "All regions"),
    ids.LA_TYPE: ("Council type", "All types"),
    ids.STATUS: ("Pathfinder status", "All councils"),
    ids.CCLASS: ("Coterminosity class", "All classes"),
}
VALUE_LABELS = {
    key: sentence_case(label)
    for key, label in (
        *((code, council_type(code)) for code in COUNCIL_TYPES),
        *PATHFINDER_STATUS_LABELS.items(),
        *COTERMINOSITY_CLASS_LABELS.items(),
    )
}


def search_options(build: Build, vintage: str) -> list[str]:
    """The type-ahead's suggestions: every council of the vintage shown, with its other names."""
    return search_entries(build, vintage)["label"].tolist()


def find_council(build: Build, view: View) -> html.Div:
    """Type a name or code and press Enter: the keyboard's way to pick a council (a native
    input with suggestions; a former name finds its successors). At the top of every page."""
    search = dbc.Input(
        id=ids.SEARCH,
        type="search",
        list=ids.SEARCH_OPTIONS,
        placeholder="Type a council's name or code, then Enter",
        debounce=True,  # the value is sent on Enter or when the field loses the focus
        autocomplete="off",
        size="sm",
    )
    # The suggestions are written into the list from their store (assets/trustmap_view.js):
    # 151 options as Dash components would each be one more for Dash's renderer to check at
    # every step of every change.
    suggestions = [
        html.Datalist(id=ids.SEARCH_OPTIONS),
        dcc.Store(id=ids.SEARCH_LABELS, data=search_options(build, view.vintage)),
    ]
    return html.Div(
        [labelled("Find a council", search, ids.SEARCH), *suggestions],
        role="search",
        className="trustmap-find",
    )


def what_the_map_shows(build: Build, choices: Choices, view: View) -> list:
    vintage_options = [
        {"label": f"{row.vintage}: {row.councils} councils", "value": row.vintage}
        for row in vintage_summary(build).itertuples()
    ]
    nhs_options = [{"label": text, "value": key} for key, text in choices.nhs_vintages.items()]
    theme_options = [{"label": row.label, "value": row.theme} for row in themes().itertuples()]
    colour = dbc.RadioItems(
        id=ids.COLOUR,
        options=[{"label": text, "value": key} for key, text in COLOUR_MODES.items()],
        value=view.colour,
    )
    return [
        labelled("Colour the map by", colour, ids.COLOUR),
        labelled(
            "Theme", native_select(ids.THEME, theme_options, everything="All themes"), ids.THEME
        ),
        indicator_picker(build["indicator_catalogue"], choices.indicators_of(None), view.indicator),
        labelled(
            "Period",
            native_select(ids.PERIOD, period_options(choices, view.indicator), view.period),
            ids.PERIOD,
        ),
        labelled(
            "Councils as in",
            native_select(ids.VINTAGE, vintage_options, view.vintage),
            ids.VINTAGE,
        ),
        labelled(
            "NHS bodies of",
            native_select(ids.NHS, nhs_options, view.nhs),
            ids.NHS,
        ),
    ]


def indicator_picker(catalogue: pd.DataFrame, indicator_ids: list[str], value: str) -> dmc.Select:
    """The indicator: type part of its name (found wherever it stands in the name) or walk the
    themes' groups with the arrow keys; Enter chooses. Mantine's Select (the shell's
    MantineProvider around it), not Dash's dropdown, which keeps a focusable element inside an
    aria-hidden one and nests a radio button in each option (axe)."""
    return dmc.Select(
        id=ids.INDICATOR,
        # Its own label, not `labelled`: Mantine names the list of options by it (axe: a
        # listbox needs a name).
        label="Indicator",
        data=indicator_groups(catalogue, indicator_ids),
        value=value,
        searchable=True,
        clearSearchOnFocus=True,  # typing starts a search, not an edit of the shown name
        placeholder="Type part of its name",
        # Opened, the list starts at its top (the shown indicator is ticked further down).
        selectFirstOptionOnDropdownOpen=True,
        allowDeselect=False,  # choosing the shown indicator again keeps it
        # No "nothing found" line: Mantine puts it inside the list of options, which must hold
        # options only (axe); with no match the list closes instead.
        # The list scrolls itself (assets/trustmap.css), not in Mantine's scroll area, and takes
        # the focus: the arrow keys scroll it from the input, but Mantine gives the input no
        # combobox role, so axe asks for a focusable scrolling region; a focusable one inside
        # the list would be a child that is no option (axe).
        withScrollArea=False,
        attributes={"options": {"tabIndex": 0}},
        # Its 540 options exist only while the list is open: kept in the page (Mantine's
        # default), each switch of indicator drew them all again (about 175 ms), but opened by
        # the arrow keys the list would start at the shown indicator; now it starts at the top.
        comboboxProps={"keepMounted": False},
        size="xs",
        classNames={
            "label": "small mb-1",
            "input": "trustmap-picker-input",
            "dropdown": "trustmap-picker-dropdown",
            "options": "trustmap-picker-options",
            "option": "trustmap-picker-option",
            "groupLabel": "trustmap-picker-group",
        },
    )


def filters(choices: Choices) -> list:
    """Which councils every view keeps: the map fades the others, comparisons leave them out."""
    return [
        labelled(
            label,
            native_select(
                name,
                [
                    {"label": VALUE_LABELS.get(value, value), "value": value}
                    for value in choices.filters[name]
                ],
                everything=placeholder,
            ),
            name,
        )
        for name, (label, placeholder) in FILTER_LABELS.items()
    ]


def map_options(choices: Choices) -> list:
    """The health outline drawn over the councils, and how values are cut into colours."""
    overlays = [{"label": text, "value": key} for key, text in choices.health_overlays.items()]
    schemes = [
        {"label": name, "value": key}
        for key, (name, _) in CLASSIFIERS.items()
        if key != "quantiles"
    ]
    return [
        labelled(
            "Health boundaries on the map",
            native_select(ids.HEALTH, overlays, everything="None"),
            ids.HEALTH,
        ),
        labelled(
            "Colour classes", native_select(ids.SCHEME, schemes, everything="quintiles"), ids.SCHEME
        ),
    ]


def stacked(items: list) -> html.Div:
    return html.Div(items, className="d-grid gap-2")


def side_panel(build: Build, choices: Choices) -> html.Aside:
    view = choices.default_view()
    folded = dbc.Accordion(
        [
            dbc.AccordionItem(stacked([*filters(choices), own_filter()]), title="Filter councils"),
            priorities_section(),
            dbc.AccordionItem(stacked(map_options(choices)), title="Map options"),
        ],
        id=ids.FOLDED,
        start_collapsed=True,
        always_open=True,
        className="mt-3",
    )
    return html.Aside(
        [
            html.H2("Controls", className="visually-hidden"),
            stacked(what_the_map_shows(build, choices, view)),
            folded,
        ],
        className="trustmap-side",
        **{"aria-label": "Controls"},
    )
