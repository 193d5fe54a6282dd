"""The dashboard's components: header, controls, map, council panel, comparison, about."""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

from callbacks.state import (
    COLOUR_MODES,
    HEALTH_OVERLAYS,
    Choices,
    indicator_options,
    period_options,
)
from layouts.charts import comparison_twin
from layouts.common import BLANK_FIGURE, GRAPH_CONFIG
from trustmap import analysis, figures
from trustmap.build import Build
from trustmap.sources import OGL_ATTRIBUTION
from trustmap.themes import published_priorities, themes

BLANK_MAP = {"data": [], "layout": {**BLANK_FIGURE["layout"], "height": figures.MAP_HEIGHT_PX}}


def main_layout(build: Build, choices: Choices, first_map: dict | None = None) -> dbc.Container:
    """The page. `first_map` (figure, drawn key, source line of the default view) is drawn
    straight away, before any callback: a plain link to the app paints without a round trip."""
    first_map = first_map or {"figure": BLANK_MAP, "drawn": None, "source": None}
    return dbc.Container(
        [
            dcc.Location(id="url", refresh=False),
            dcc.Store(id="view"),
            dcc.Store(id="area"),
            dcc.Store(id="map-drawn", data=first_map["drawn"]),
            dcc.Store(id="compared"),
            dcc.Store(id="map-done"),
            dcc.Store(id="map-painted"),
            dcc.Download(id="map-download"),
            header(),
            html.Div(id="url-alert"),
            controls(build, choices),
            filters(choices),
            dbc.Row(
                [
                    dbc.Col(map_column(first_map["figure"], first_map["source"]), lg=7),
                    dbc.Col(detail_card(), lg=5),
                ],
                className="g-3",
            ),
            comparison_section(),
            html.Div(id="charts-slot"),  # filled once the map has painted
            about(build),
        ],
        fluid=True,
        className="py-3",
    )


def header() -> html.Header:
    return html.Header(
        [
            html.H1("trustmap", className="h3 mb-0"),
            html.P(
                "England's 35 children's trust pathfinders (July 2003), how council and health "
                "boundaries line up, and indicators for every council.",
                className="text-muted mb-3",
            ),
        ]
    )


def _labelled(label: str, component, html_for: str) -> html.Div:
    return html.Div([dbc.Label(label, html_for=html_for, className="small mb-1"), component])


def controls(build: Build, choices: Choices) -> dbc.Row:
    view = choices.default_view()
    vintages = analysis.vintage_summary(build)
    vintage_options = [
        {"label": f"{row.vintage}: {row.councils} councils", "value": row.vintage}
        for row in vintages.itertuples()
    ]
    theme_options = [{"label": row.label, "value": row.theme} for row in themes().itertuples()]
    catalogue = build["indicator_catalogue"]
    return dbc.Row(
        [
            dbc.Col(
                _labelled(
                    "Council vintage",
                    dcc.Dropdown(
                        id="vintage", options=vintage_options, value=view.vintage, clearable=False
                    ),
                    "vintage",
                ),
                md=2,
            ),
            dbc.Col(
                _labelled(
                    "Colour by",
                    dbc.RadioItems(
                        id="colour",
                        options=[
                            {"label": text, "value": key} for key, text in COLOUR_MODES.items()
                        ],
                        value=view.colour,
                    ),
                    "colour",
                ),
                md=2,
            ),
            dbc.Col(
                _labelled(
                    "Theme",
                    dcc.Dropdown(id="theme", options=theme_options, placeholder="All themes"),
                    "theme",
                ),
                md=2,
            ),
            dbc.Col(
                _labelled(
                    "Indicator",
                    dcc.Dropdown(
                        id="indicator",
                        options=indicator_options(catalogue, choices.indicators_of(None)),
                        value=view.indicator,
                        clearable=False,
                        optionHeight=50,
                    ),
                    "indicator",
                ),
                md=4,
            ),
            dbc.Col(
                _labelled(
                    "Period",
                    dcc.Dropdown(
                        id="period",
                        options=period_options(choices, view.indicator),
                        value=view.period,
                        clearable=False,
                    ),
                    "period",
                ),
                md=2,
            ),
        ],
        className="g-3 mb-3",
    )


FILTER_LABELS = {
    "region": ("Region", "All regions"),
    "la_type": ("Council type", "All types"),
    "status": ("Pathfinder status", "All councils"),
    "cclass": ("Coterminosity with CCG 2019", "All classes"),
}
VALUE_LABELS = {
    "UA": "Unitary authority",
    "MD": "Metropolitan district",
    "LB": "London borough",
    "County": "County",
    "pathfinder": "Pathfinders (and successors)",
    "other": "Other councils",
    **{key: label for key, (label, _) in figures.COTERMINOSITY_CLASSES.items()},
}


def filters(choices: Choices) -> dbc.Row:
    """Which councils every view keeps: the map fades the others, comparisons leave them out."""
    return dbc.Row(
        [
            dbc.Col(
                _labelled(
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
                ),
                md=2,
            )
            for name, (label, placeholder) in FILTER_LABELS.items()
        ]
        + [dbc.Col(health_overlay_control(), md=2), dbc.Col(scheme_control(), md=2)],
        className="g-3 mb-3",
    )


def scheme_control() -> html.Div:
    """How an indicator's values are cut into five colour classes (mapclassify)."""
    options = [
        {"label": name, "value": key}
        for key, (name, _) in figures.CLASSIFIERS.items()
        if key != "quantiles"
    ]
    dropdown = dcc.Dropdown(id="scheme", options=options, placeholder="quintiles")
    return _labelled("Colour classes", dropdown, "scheme")


def health_overlay_control() -> html.Div:
    """Health-area boundaries drawn over the councils (PCT 2006 only where sourced)."""
    options = [{"label": text, "value": key} for key, text in HEALTH_OVERLAYS.items()]
    dropdown = dcc.Dropdown(id="health", options=options, placeholder="None")
    return _labelled("Health boundaries on the map", dropdown, "health")


def map_column(figure, source: str | None) -> html.Div:
    return html.Div(
        [
            html.Div(id="map-alert"),
            dcc.Graph(id="map", figure=figure, config=GRAPH_CONFIG),
            html.P(
                "Thick dark outline: the 2003 children's trust pathfinders (or their successors).",
                className="small mb-1",
            ),
            html.P(source, id="map-source", className="small mb-1"),
            html.P(OGL_ATTRIBUTION, className="small text-muted mb-2"),
            dbc.Button(
                "Download the map's data (CSV)",
                id="map-download-button",
                size="sm",
                color="secondary",
                outline=True,
            ),
            export_menu("map"),
            dbc.Button(
                "Briefing pack (PDF)",
                id="export-briefing",
                href="#",
                external_link=True,
                target="_blank",
                size="sm",
                color="primary",
                className="ms-2",
            ),
        ]
    )


def export_menu(chart: str, label: str = "Export for slides") -> dbc.DropdownMenu:
    """PNG, SVG and PDF links (1600x900, with title, source and licence) of one chart."""
    items = [
        dbc.DropdownMenuItem(
            fmt.upper(), id=f"export-{chart}-{fmt}", href="#", external_link=True, target="_blank"
        )
        for fmt in ("png", "svg", "pdf")
    ]
    return dbc.DropdownMenu(
        items,
        label=label,
        size="sm",
        color="secondary",
        className="d-inline-block ms-2",
        direction="down",
    )


def detail_card() -> dbc.Card:
    grid = dag.AgGrid(
        id="profile-grid",
        rowData=[],
        columnDefs=[
            {
                "field": "label",
                "headerName": "Indicator",
                "flex": 1,
                "minWidth": 170,
                "wrapText": True,
                "autoHeight": True,
                "filter": True,
                "cellStyle": {"lineHeight": "1.3", "paddingTop": "4px", "paddingBottom": "4px"},
            },
            {"field": "period", "width": 78},
            {"field": "value", "width": 88},
            {"field": "england_value", "headerName": "England", "width": 88},
            {"field": "rank", "width": 66},
            {"field": "quintile", "headerName": "Quintile", "width": 80},
            {"field": "judgement", "width": 110},
        ],
        defaultColDef={"sortable": True, "resizable": True},
        dashGridOptions={"domLayout": "normal", "tooltipShowDelay": 300},
        style={"height": "420px"},
        csvExportParams={"fileName": "council_profile.csv"},
    )
    return dbc.Card(
        [
            dbc.CardHeader("Selected council"),
            dbc.CardBody(
                [
                    html.Div(id="detail", className="mb-3"),
                    dcc.Loading(
                        html.Div(
                            [
                                html.P(id="profile-caption", className="small text-muted"),
                                grid,
                                dbc.Button(
                                    "Download the profile (CSV)",
                                    id="profile-download-button",
                                    size="sm",
                                    color="secondary",
                                    outline=True,
                                    className="mt-2",
                                ),
                            ],
                            id="profile-section",
                            style={"display": "none"},
                        ),
                        delay_show=200,
                    ),
                ]
            ),
        ]
    )


def _comparison_card(title: str, name: str) -> dbc.Col:
    return dbc.Col(
        dbc.Card(
            [
                dbc.CardHeader(title),
                dbc.CardBody(
                    [
                        dcc.Graph(id=f"compare-{name}", figure=BLANK_FIGURE, config=GRAPH_CONFIG),
                        html.Div(id=f"compare-{name}-text"),
                        export_menu(name),
                    ]
                ),
            ]
        ),
        md=6,
    )


def comparison_section() -> html.Section:
    return html.Section(
        [
            html.H2("Groups compared on the chosen indicator", className="h5 mt-4"),
            dbc.Row(
                [
                    _comparison_card("Pathfinders and other councils", "pathfinder"),
                    _comparison_card(
                        "Councils coterminous with their CCG (April 2019) and the rest",
                        "coterminous",
                    ),
                ],
                className="g-3",
            ),
            html.P(id="compare-source", className="small mt-2"),
            comparison_twin(),
        ]
    )


def about(build: Build) -> dbc.Accordion:
    priorities = published_priorities()
    layers = [html.Li(f"{layer['layer']}: {layer['coverage']}") for layer in build.layers]
    return dbc.Accordion(
        dbc.AccordionItem(
            [
                html.P(
                    "In July 2003 the government announced 35 children's trust pathfinders "
                    '(Community Care, "Children\'s Trusts"). The national evaluation found that '
                    '"areas where local authorities and health authorities shared geographical '
                    'boundaries made most progress" (Bachmann et al., Child: Care, Health and '
                    "Development, 2009)."
                ),
                html.P(
                    "Priorities the trusts named most often (Bachmann et al. 2006; per-trust "
                    "choices were not published): "
                    + "; ".join(
                        f"{row.label} ({row.published_priority_trusts} of {row.of_trusts})"
                        for row in priorities.itertuples()
                    )
                    + "."
                ),
                html.P("Layers in this build:", className="mb-1"),
                html.Ul(layers, className="small"),
            ],
            title="About the data",
        ),
        start_collapsed=True,
        className="my-4",
    )
