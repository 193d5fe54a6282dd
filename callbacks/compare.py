"""Pathfinders against other councils, coterminous councils against the rest, and pathfinders
against their own statistical neighbours, on the chosen indicator period (on the council vintage
of the indicator's own data), of the councils the filters keep."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, callback, html
from dash.exceptions import PreventUpdate

from layouts import ids
from layouts.common import (
    export_menu,
    export_unavailable,
    reason_alert,
    twin_outputs,
    twin_targets,
)
from layouts.compare import COMPARISON_TWIN, NEIGHBOURS_TWIN
from serving.cache import cache
from serving.data import get_build, view_from_store
from trustmap.analysis.group_comparison import GROUPINGS, comparison, comparison_source
from trustmap.analysis.neighbours import LIST_YEARS, MIN_NEIGHBOURS, compare_with_neighbours
from trustmap.export.file_names import export_stem
from trustmap.model.council_filter import filter_councils, no_council_kept
from trustmap.model.values import data_vintage
from trustmap.show.chart_figures import group_comparison_figure, neighbours_figure
from trustmap.show.chart_tables import comparison_table, neighbours_table, records
from trustmap.show.view import View, to_query
from trustmap.stats.wording import (
    comparison_caution,
    comparison_footnote,
    comparison_headline,
    comparison_reading,
    comparison_subtitle,
    far_from_rest_note,
    left_out_lines,
)

NO_CHART = {
    "data": [],
    "layout": {
        "xaxis": {"visible": False},
        "yaxis": {"visible": False},
        "height": 40,
        "margin": {"t": 0, "b": 0},
    },
}


def reading_block(result: dict) -> list:
    """Headline, subtitle (filters and group sizes), plain reading and, for a small group, a
    visible caution."""
    caution = comparison_caution(result)
    return [
        html.P(comparison_headline(result), className="fw-semibold mb-0"),
        html.P(comparison_subtitle(result), className="small text-muted mb-1"),
        html.P(comparison_reading(result), className="mb-1", **{"data-role": "reading"}),
        *(
            [dbc.Alert(caution, color="warning", className="py-1 px-2 small mb-1")]
            if caution
            else []
        ),
    ]


def notes_block(result: dict) -> list:
    """Under the chart: the councils far from the rest (kept), those left out and why, council
    by council, then the footnote with the tests."""
    far = far_from_rest_note(result)
    lines = left_out_lines(result)
    left_out = [
        html.P(f"Left out ({len(result['left_out'])}):", className="mb-0"),
        html.Ul([html.Li(line) for line in lines], className="mb-1 ps-3"),
    ]
    return [
        *([html.P(far, className="mb-1", **{"data-role": "far"})] if far else []),
        *([html.Div(left_out, **{"data-role": "left-out"})] if lines else []),
        html.P(comparison_footnote(result), className="text-muted mb-1"),
    ]


def why_not(view: View, error: ValueError) -> str:
    """Why a comparison of `view` cannot be made: its filters keep no council, or `error`."""
    council_filter = view.council_filter()
    if not council_filter.active:
        return str(error)
    try:
        vintage = data_vintage(get_build(), view.indicator, view.period)
    except ValueError:
        return str(error)
    if not filter_councils(get_build(), vintage, council_filter):
        return no_council_kept(council_filter, vintage)
    return f"{error} (with the filters chosen)"


HIDDEN = {"display": "none"}


def unavailable(by: str, reason: str) -> dict:
    """A grouping that cannot be drawn: its sentence in place of the chart (hidden), and its
    export disabled, described by that sentence."""
    return {
        "figure": NO_CHART,
        "box": HIDDEN,
        "text": reason_alert(reason, id=ids.compare_reason(by)),
        "notes": [],
        "export": export_unavailable(ids.compare_reason(by)),
    }


@cache.memoize()
def comparison_outputs(view: View) -> dict:
    """Per grouping, its figure, the style of its box, its words, its notes and its export menu
    (when it cannot be made: the sentence saying why and a disabled export), then the source
    line and the table twin (hidden without rows)."""
    build, council_filter = get_build(), view.council_filter()
    outputs, results = {}, {}
    for by in GROUPINGS:
        try:
            made = comparison(
                build,
                view.indicator,
                view.period,
                by,
                health=view.nhs,
                council_filter=council_filter,
            )
        except ValueError as error:  # ComparisonUnavailableError, or an unknown choice
            outputs[by] = unavailable(by, str(error))
            continue
        results[by] = made.result
        outputs[by] = {
            "figure": group_comparison_figure(made.values, made.result).to_dict(),
            "box": {},
            "text": reading_block(made.result),
            "notes": notes_block(made.result),
            "export": export_menu(by, query=to_query(view)),
        }
    table = comparison_table(*(results.get(by) for by in GROUPINGS))
    source = comparison_source(next(iter(results.values()))) if results else ""
    stem = export_stem(get_build(), "comparison", view)
    twin = twin_outputs(COMPARISON_TWIN, records(table), file_stem=stem, source=source)
    return {"charts": outputs, "source": source, "twin_box": {} if results else HIDDEN, **twin}


PER_GROUPING = {
    "figures": ("figure", ids.compare_graph, "figure"),
    "boxes": ("box", ids.compare_chart_box, "style"),
    "texts": ("text", ids.compare_text, "children"),
    "footnotes": ("notes", ids.compare_footnote, "children"),
    "exports": ("export", ids.compare_export, "children"),
}


@callback(
    output={
        **{
            name: {by: Output(component(by), prop) for by in GROUPINGS}
            for name, (_, component, prop) in PER_GROUPING.items()
        },
        "source": Output(ids.COMPARE_SOURCE, "children"),
        "twin_box": Output(ids.COMPARE_TWIN_BOX, "style"),
        **twin_targets("comparison"),
    },
    inputs={"key": Input(ids.COMPARISON_KEY, "data")},
)
def update_comparison(key):
    """Fires only when the view's indicator, period or filters change (`comparison-key`)."""
    made = comparison_outputs(view_from_store(key))
    return {
        **{
            name: {by: made["charts"][by][field] for by in GROUPINGS}
            for name, (field, _, _) in PER_GROUPING.items()
        },
        **{name: made[name] for name in ("source", "twin_box", "twin", "csv")},
    }


def too_few_pathfinders(view: View, result: dict) -> str:
    """Why a neighbours comparison has nothing to draw: no council kept, or too few
    pathfinders with enough comparable neighbours."""
    council_filter = view.council_filter()
    vintage = result["la_vintage"]
    if council_filter.active and not filter_councils(get_build(), vintage, council_filter):
        return no_council_kept(council_filter, vintage)
    return (
        f"Only {result['n']} of the pathfinders the filters keep ({result['filters']}) have a "
        f"value and at least {MIN_NEIGHBOURS} comparable neighbours: too few to compare."
    )


@cache.memoize()
def neighbours_outputs(view: View, list_year: str) -> dict:
    """The pathfinders of the view's filters against their own neighbours (`list_year`)."""
    build = get_build()
    try:
        vintage = data_vintage(build, view.indicator, view.period)
        result = compare_with_neighbours(
            build,
            view.indicator,
            view.period,
            vintage,
            list_year=list_year,
            council_filter=view.council_filter(),
        )
    except ValueError as error:
        blank = {"figure": NO_CHART, "text": reason_alert(why_not(view, error)), "footnote": ""}
        return blank | twin_outputs(NEIGHBOURS_TWIN, [], file_stem="neighbours")
    source = f"{result['label']}, {result['period']}. Source: {result['source']}."
    if result["n"] < 2:
        made = {
            "figure": NO_CHART,
            "text": reason_alert(too_few_pathfinders(view, result)),
            "footnote": source,
        }
    else:
        made = {
            "figure": neighbours_figure(result).to_dict(),
            "text": reading_block(result),
            "footnote": f"{comparison_footnote(result)} {source}",
        }
    rows = records(neighbours_table(result))
    stem = export_stem(build, "neighbours", view, f"list {list_year}")
    twin = twin_outputs(NEIGHBOURS_TWIN, rows, file_stem=stem, source=made["footnote"])
    return made | twin


@callback(
    output={
        "figure": Output(ids.compare_graph("neighbours"), "figure"),
        "text": Output(ids.compare_text("neighbours"), "children"),
        "footnote": Output(ids.compare_footnote("neighbours"), "children"),
        **twin_targets("neighbours"),
    },
    inputs={
        "key": Input(ids.COMPARISON_KEY, "data"),
        "list_year": Input(ids.COMPARE_NEIGHBOUR_LIST, "value"),
    },
)
def update_neighbours(key, list_year):
    """Fires when the view's indicator, period or filters change, or the neighbour list."""
    if not isinstance(list_year, str) or list_year not in LIST_YEARS:
        raise PreventUpdate
    return neighbours_outputs(view_from_store(key), list_year)
