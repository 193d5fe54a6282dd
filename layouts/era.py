"""The pathfinder era: how many of England's children the 35 covered, and teenage conceptions
before and after 2003 for two groups of councils. The section's body joins the page once the map
has painted (`callbacks.era.show_era`)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from layouts import ids
from layouts.common import (
    chart_footer,
    chart_in_place,
    export_menu,
    inline_choice,
    labelled,
    labelled_select,
    scrolling,
    titled_card,
)
from trustmap.analysis import era
from trustmap.analysis.coverage import coverage
from trustmap.bundle.build import Build
from trustmap.model.values import council_periods
from trustmap.show.era_figures import ERA_HEIGHT_PX
from trustmap.show.view import indicator_options
from trustmap.stats.formatting import format_value

DEFAULT_BEFORE = [1998, 2002]
DEFAULT_AFTER = [2004, 2008]
GROUPINGS = {
    "pathfinder": "Pathfinders against the other councils",
    "coterminous": "Coterminous with the view's NHS geography against the rest",
}
MEASURES = {
    "level_before": "level before",
    "change": "change, after minus before",
    "level_after": "level after",
}
YEARLY_COLUMNS = [
    {"field": "period"},
    {"field": "group"},
    {"field": "councils"},
    {"field": "count"},
    {"field": "denominator"},
    {"field": "rate"},
    {"field": "ci_low"},
    {"field": "ci_high"},
]


def page(build: Build) -> list:
    """The pathfinder era's page: who the pathfinders were, and their rates before and after."""
    return [html.H1("The pathfinder era", className="h4"), *era_content(build)]


def pathfinders_block(build: Build) -> dbc.Card:
    """'The 35 pathfinders': the children they covered on Census day 2001 and at mid-2009
    beside the evaluation's '20%', all cited, with the census's caveats and why the figures
    may differ."""
    covered = coverage(build)
    census = covered["census_2001"]
    return dbc.Card(
        dbc.CardBody(
            [
                html.H3("The 35 pathfinders", className="h6"),
                html.P(
                    [
                        "The 35 pathfinder councils were home to ",
                        html.Strong(f"{census['share']:.1%}"),
                        " of England's children aged 0-17 on Census day 2001, two years before "
                        f"they were named ({census['pathfinder_children']:,} of "
                        f"{census['england_children']:,}; {census['cited']}), and to ",
                        html.Strong(f"{covered['share']:.1%}"),
                        f" at mid-2009 ({covered['pathfinder_children']:,} of "
                        f"{covered['england_children']:,}; {covered['cited']}). "
                        "The national evaluation put it at ",
                        html.Strong(f'"{covered["evaluation_share"]:.0%} of children in England"'),
                        ".",
                    ],
                    id=ids.ERA_COVERAGE,
                    className="mb-1",
                ),
                html.P(
                    " ".join([covered["source"], census["source"], *census["caveats"]]),
                    className="small text-muted mb-0",
                ),
            ]
        ),
        className="mb-3",
    )


def _year_slider(component_id: str, years: list[int], value: list[int]) -> html.Div:
    """A range of years; its tooltips, always shown above the handles, clear of its label."""
    slider = dcc.RangeSlider(
        id=component_id,
        min=years[0],
        max=years[-1],
        step=1,
        value=value,
        marks={year: str(year) for year in years if year % 5 == 0},
        allowCross=False,
        # The slider's own number boxes carry no label (axe "label"); the tooltips show the
        # years instead.
        allow_direct_input=False,
        tooltip={"placement": "top", "always_visible": True},
    )
    return html.Div(slider, className="pt-5")


def before_after_card(build: Build) -> dbc.Card:
    """Indicator, spans and grouping; then, top down, the council-level reading (the
    difference-in-differences headline, then Welch) and its results, the pooled yearly rates
    as description (sentence and chart), the source, the table twin and the slide export."""
    indicators = era.era_indicators(build)
    years = [int(p) for p in council_periods(build, indicators[0])] if indicators else [0, 1]
    options = indicator_options(build["indicator_catalogue"], indicators)
    controls = dbc.Row(
        [
            dbc.Col(
                labelled_select(
                    "Indicator (years before and after 2003)",
                    ids.ERA_INDICATOR,
                    options,
                    indicators[0] if indicators else None,
                ),
                lg=4,
            ),
            dbc.Col(
                labelled(
                    "Before", _year_slider(ids.ERA_BEFORE, years, DEFAULT_BEFORE), ids.ERA_BEFORE
                ),
                lg=4,
            ),
            dbc.Col(
                labelled("After", _year_slider(ids.ERA_AFTER, years, DEFAULT_AFTER), ids.ERA_AFTER),
                lg=4,
            ),
            dbc.Col(inline_choice(ids.ERA_BY, GROUPINGS, "pathfinder"), width=12),
        ],
        className="g-2 mb-2",
    )
    body = [
        controls,
        html.Div(id=ids.ERA_ALERT),
        html.Div(id=ids.ERA_READING, className="mb-2"),
        scrolling(html.Div(id=ids.ERA_RESULTS), "Results for each span"),
        html.P(id=ids.ERA_POOLED, className="small mb-1"),
        chart_in_place(ids.ERA_CHART, ERA_HEIGHT_PX),
        *chart_footer(
            "before-after",
            YEARLY_COLUMNS,
            source_id=ids.ERA_SOURCE,
            export=export_menu("before-after"),
        ),
    ]
    return titled_card(
        "Before and after 2003: under-18 conceptions in two groups of councils", body
    )


def era_content(build: Build) -> list:
    """The section's body: the 35 pathfinders, then before and after 2003."""
    return [pathfinders_block(build), before_after_card(build)]


def _estimate(row: pd.Series) -> str:
    return (
        f"{format_value(row['diff'])} ({format_value(row['ci_low'])} to "
        f"{format_value(row['ci_high'])}), p={row['p_welch']:.2g}"
    )


def results_table(rows: pd.DataFrame) -> dbc.Table:
    """`era.comparison_rows` as a small table: each measure's group means (n) and the
    difference with its 95% Welch interval and p."""
    first, second = rows["first"].iat[0], rows["second"].iat[0]
    header = html.Thead(
        html.Tr(
            [
                html.Th("measure"),
                html.Th(f"{first}, mean (n)"),
                html.Th(f"{second}, mean (n)"),
                html.Th("difference (95% CI), Welch p"),
            ]
        )
    )
    body = html.Tbody(
        [
            html.Tr(
                [
                    html.Td(MEASURES[row["measure"]]),
                    html.Td(f"{format_value(row['mean_first'])} ({row['n_first']})"),
                    html.Td(f"{format_value(row['mean_second'])} ({row['n_second']})"),
                    html.Td(_estimate(row)),
                ]
            )
            for _, row in rows.iterrows()
        ]
    )
    return dbc.Table([header, body], size="sm", bordered=False, className="small mb-2")
