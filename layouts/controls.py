"""The controls: what the map shows (vintage, colouring, theme, indicator, period) and which
councils every view keeps (the filters), with the health overlay and the colour classes."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc

from layouts import ids
from layouts.common import labelled
from trustmap.build import Build
from trustmap.colouring import CLASSIFIERS, COTERMINOSITY_CLASSES
from trustmap.themes import themes
from trustmap.view import COLOUR_MODES, Choices, indicator_options, period_options
from trustmap.vintages import vintage_summary

FILTER_LABELS = {
    ids.REGION: ("Region", "All regions"),
    ids.LA_TYPE: ("Council type", "All types"),
    ids.STATUS: ("Pathfinder status", "All councils"),
    ids.CCLASS: ("Coterminosity class", "All classes"),
}
VALUE_LABELS = {
    "UA": "Unitary authority",
    "MD": "Metropolitan district",
    "LB": "London borough",
    "County": "County",
    "pathfinder": "Pathfinders (and successors)",
    "other": "Other councils",
    **{key: label for key, (label, _) in COTERMINOSITY_CLASSES.items()},
}


def controls(build: Build, choices: Choices) -> dbc.Row:
    view = choices.default_view()
    vintage_options = [
        {"label": f"{row.vintage}: {row.councils} councils", "value": row.vintage}
        for row in vintage_summary(build).itertuples()
    ]
    theme_options = [{"label": row.label, "value": row.theme} for row in themes().itertuples()]
    catalogue = build["indicator_catalogue"]
    columns = [
        (
            "Council vintage",
            dcc.Dropdown(
                id=ids.VINTAGE, options=vintage_options, value=view.vintage, clearable=False
            ),
            2,
        ),
        (
            "NHS bodies of",
            dcc.Dropdown(
                id=ids.NHS,
                options=[
                    {"label": text, "value": key} for key, text in choices.nhs_vintages.items()
                ],
                value=view.nhs,
                clearable=False,
            ),
            2,
        ),
        (
            "Colour by",
            dbc.RadioItems(
                id=ids.COLOUR,
                options=[{"label": text, "value": key} for key, text in COLOUR_MODES.items()],
                value=view.colour,
            ),
            2,
        ),
        (
            "Theme",
            dcc.Dropdown(id=ids.THEME, options=theme_options, placeholder="All themes"),
            2,
        ),
        (
            "Indicator",
            dcc.Dropdown(
                id=ids.INDICATOR,
                options=indicator_options(catalogue, choices.indicators_of(None)),
                value=view.indicator,
                clearable=False,
                optionHeight=50,
            ),
            4,
        ),
        (
            "Period",
            dcc.Dropdown(
                id=ids.PERIOD,
                options=period_options(choices, view.indicator),
                value=view.period,
                clearable=False,
            ),
            2,
        ),
    ]
    return dbc.Row(
        [
            dbc.Col(labelled(label, component, component.id), md=width)
            for label, component, width in columns
        ],
        className="g-3 mb-3",
    )


def filters(choices: Choices) -> dbc.Row:
    """Which councils every view keeps: the map fades the others, comparisons leave them out."""
    dropdowns = [
        labelled(
            label,
            dcc.Dropdown(
                id=name,
                options=[
                    {"label": VALUE_LABELS.get(value, value), "value": value}
                    for value in choices.filters[name]
                ],
                placeholder=placeholder,
            ),
            name,
        )
        for name, (label, placeholder) in FILTER_LABELS.items()
    ]
    return dbc.Row(
        [dbc.Col(item, md=2) for item in [*dropdowns, health_overlay(choices), scheme()]],
        className="g-3 mb-3",
    )


def scheme():
    """How an indicator's values are cut into five colour classes (mapclassify)."""
    options = [
        {"label": name, "value": key}
        for key, (name, _) in CLASSIFIERS.items()
        if key != "quantiles"
    ]
    dropdown = dcc.Dropdown(id=ids.SCHEME, options=options, placeholder="quintiles")
    return labelled("Colour classes", dropdown, ids.SCHEME)


def health_overlay(choices: Choices):
    """Health-area boundaries drawn over the councils (PCT 2006 only where sourced)."""
    options = [{"label": text, "value": key} for key, text in choices.health_overlays.items()]
    dropdown = dcc.Dropdown(id=ids.HEALTH, options=options, placeholder="None")
    return labelled("Health boundaries on the map", dropdown, ids.HEALTH)
