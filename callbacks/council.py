"""The panel of the selected council: status and coterminosity, its coterminosity timeline, its
spine chart against England, its statistical neighbours, its children and lineage.

Every result goes through the one cache, keyed by a known council code and settled choices."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, callback, html, no_update
from dash.exceptions import PreventUpdate

from callbacks.downloads import download_on_click, send_csv
from layouts import ids
from layouts.common import BLANK_FIGURE, chart_outputs, chart_targets, scrolling
from layouts.council import SPINE_COLUMNS, TIMELINE_COLUMNS
from serving.cache import cache
from serving.data import choices, get_build, view_from_store
from trustmap.analysis.council_facts import child_population, neighbours_on_indicator
from trustmap.analysis.neighbours import LIST_YEARS
from trustmap.analysis.nhs_bodies import methods_by_year, nhs_bodies, sub_icb_successions
from trustmap.analysis.profile import council_profile, spine_rows
from trustmap.bundle.choices import UnknownChoiceError
from trustmap.bundle.councils import DISTRICTS_FILE
from trustmap.bundle.health_vintages import health_label
from trustmap.bundle.health_vintages import vintage as vintage_row
from trustmap.bundle.sources import source_line
from trustmap.bundle.themes import themes
from trustmap.export.file_names import export_stem
from trustmap.model.health_classes import AREA_CHANGED, classify
from trustmap.model.pathfinders import status_in_words, vintage_pathfinders
from trustmap.model.vintages import council_lineage, council_table
from trustmap.show.chart_tables import records
from trustmap.show.spine_figure import spine_caption, spine_figure, spine_key, spine_table
from trustmap.show.timeline_strip import council_strip, strip_figure, strip_source
from trustmap.show.view import View, shown
from trustmap.stats.readings import format_number
from trustmap.vocabulary import (
    COTERMINOSITY_CLASS_DEFINITIONS,
    COTERMINOSITY_CLASS_LABELS,
    NHS_BODY_HEADERS,
    NHS_BODY_TYPES,
)

NO_AREA = "Click a council on the map to see its pathfinder status, coterminosity and profile."
HIDDEN, SHOWN = {"display": "none"}, {"display": "block"}


def known_area(area) -> str | None:
    """The council code in the area store if the build has it (stores come from the browser)."""
    return area if isinstance(area, str) and area in choices().council_codes else None


def council_name(area: str) -> str:
    members = get_build()["council_members"]
    return members.loc[members["la_code"] == area, "la_name"].iat[0]


def in_vintage(area: str, vintage: str) -> bool:
    return area in set(council_table(get_build(), vintage)["la_code"])


def council_in_view(area, view) -> tuple[str, View]:
    """The area store's council and the panel's view, checked (both come from the browser); no
    update unless the council is one of the view's vintage (the panel's sections are hidden)."""
    view = view_from_store(view)
    area = known_area(area)
    if area is None or not in_vintage(area, view.vintage):
        raise PreventUpdate
    return area, view


def _facts(facts: dict) -> html.Dl:
    """A definition list of term -> (text, component id or None)."""
    listed = []
    for term, (text, component_id) in facts.items():
        listed += [html.Dt(term), html.Dd(text, id=component_id) if component_id else html.Dd(text)]
    return html.Dl(listed, className="mb-0")


@cache.memoize()
def detail_children(area: str | None, vintage: str, nhs: str) -> list:
    """Name, pathfinder status and coterminosity with the health vintage `nhs` of `area` among
    the councils of `vintage` (all validated by the caller)."""
    if not area:
        return [html.P(NO_AREA, className="text-muted mb-0")]
    status = vintage_pathfinders(get_build(), vintage).set_index("la_code")
    if area not in status.index:
        return [
            dbc.Alert(
                f"{council_name(area)} ({area}) is not one of the councils as in {vintage}: "
                "choose a year it belongs to under “Councils as in”.",
                color="info",
            )
        ]
    row = status.loc[area]
    health = classify(get_build(), nhs, la_vintage=vintage).set_index("la_code").loc[area]
    health_names = health["health_names"].replace(";", ", ") or "none"
    geography = vintage_row(nhs)
    body = f"{NHS_BODY_TYPES[geography['kind']]}, {pd.Timestamp(geography['in_force_from']):%B %Y}"
    facts = {
        "Code": (area, None),
        "Pathfinder status": (status_in_words(row), ids.DETAIL_PATHFINDER),
        # which body the class is against, in words: every body, every year, is in the table
        f"Coterminosity with its {body} (on the map)": (
            f"{COTERMINOSITY_CLASS_LABELS[health['class']]}: {health_names}",
            None,
        ),
    }
    return [html.H2(row["la_name"], className="visually-hidden", id=ids.DETAIL_NAME), _facts(facts)]


def lineage_text(area: str, vintage: str) -> str:
    """'councils of 2004: Bedfordshire (100% of this area); ...', or that its area never
    changed."""
    lineage = council_lineage(get_build(), area, vintage)
    if lineage.empty:
        return "same council, same area, in every set of councils (2004-2023)"
    # Names, not codes: a council of 2004 gone by 2009 has only the project's PRE2009- code.
    return "; ".join(
        f"councils of {row.vintage}: {row.la_name} ({row.share_of_council:.0%} of this area)"
        for row in lineage.itertuples()
    )


@callback(
    output={
        "detail": Output(ids.DETAIL, "children"),
        "sections": Output(ids.PANEL_SECTIONS, "style"),
    },
    inputs={"area": Input(ids.AREA, "data"), "view": Input(ids.PANEL_KEY, "data")},
)
def update_detail(area, view):
    if area is not None and known_area(area) is None:
        alert = dbc.Alert(
            f"Unknown council code '{shown(area)}': no council selected.", color="info"
        )
        return {"detail": [alert], "sections": HIDDEN}
    view = view_from_store(view)
    area = known_area(area)
    shown_sections = area is not None and in_vintage(area, view.vintage)
    return {
        "detail": detail_children(area, view.vintage, view.nhs),
        "sections": SHOWN if shown_sections else HIDDEN,
    }


def graph_height(figure) -> dict:
    """The style of a responsive graph holding `figure`: its layout's height."""
    return {"height": f"{figure.layout.height}px"}


@cache.memoize()
def timeline_outputs(area: str, vintage: str, nhs: str) -> dict:
    """The council's coterminosity strip 2006-2024 (the view's NHS geography outlined), its
    source and its table twin."""
    table = council_strip(get_build(), area, vintage)
    source = strip_source(table)
    figure = strip_figure(table, council=council_name(area), selected=nhs)
    stem = export_stem(get_build(), "timeline", area)
    chart = chart_outputs(
        figure.to_dict(), source, TIMELINE_COLUMNS, records(table), file_stem=stem
    )
    return chart | {"style": graph_height(figure)}


@callback(
    output={
        **chart_targets("timeline", graph=ids.TIMELINE_GRAPH, source=ids.TIMELINE_SOURCE),
        "style": Output(ids.TIMELINE_GRAPH, "style"),
    },
    inputs={"area": Input(ids.AREA, "data"), "view": Input(ids.PANEL_KEY, "data")},
)
def update_timeline(area, view):
    area, view = council_in_view(area, view)
    return timeline_outputs(area, view.vintage, view.nhs)


def _share(share: float, klass: str) -> str:
    if klass == AREA_CHANGED:
        return "no such council then"
    return "not known" if pd.isna(share) else f"{share:.0%}"


def _icb_class(row: dict) -> str:
    """The board's class in words; where the council lies in several boards, the share of it
    in the largest."""
    if not row["icb_class"]:
        return ""
    several = row["icb_class"] in ("la_contains_several", "overlapping")
    share = f"; {row['icb_share_of_council']:.0%} of the council in the largest" if several else ""
    return f"{row['icb_class_label']}{share}"


def nhs_bodies_table(table: pd.DataFrame, nhs: str) -> dbc.Table:
    """`nhs_bodies` as a table, a year a row, headed in `NHS_BODY_HEADERS`' words under the
    two bodies they describe; the row of the map's NHS geography `nhs` marked."""
    groups = html.Tr(
        [
            html.Td(),
            html.Th("The commissioner (the local NHS body)", colSpan=4, scope="colgroup"),
            html.Th("Above it, from July 2022", colSpan=2, scope="colgroup"),
        ]
    )
    head = html.Tr([html.Th(header, scope="col") for header in NHS_BODY_HEADERS.values()])
    body = []
    for row in table.to_dict("records"):
        on_map = nhs in (row["health"], row["icb_health"])
        year = [row["year"], html.Br(), html.Small("on the map")] if on_map else row["year"]
        cells = [
            html.Th(year, scope="row", className="text-nowrap"),
            html.Td(row["commissioner"]),
            html.Td(row["commissioner_type"]),
            html.Td(row["class_label"]),
            html.Td(_share(row["share_of_council"], row["class"]), className="text-end"),
            html.Td(row["icb"] or html.Span("none yet", className="text-muted")),
            html.Td(_icb_class(row)),
        ]
        body.append(html.Tr(cells, className="table-active" if on_map else None))
    table = dbc.Table(
        [html.Thead([groups, head]), html.Tbody(body)],
        bordered=True,
        size="sm",
        className="small mb-1",
        id=ids.NHS_BODIES_TABLE,
    )
    return scrolling(table, "NHS bodies through time")


def _class_key(table: pd.DataFrame) -> html.Dl:
    """What each class in `table` means (CONTEXT.md's definitions), in the table's words."""
    shown_classes = dict.fromkeys([*table["class"], *table["icb_class"]])
    listed = []
    for klass in COTERMINOSITY_CLASS_DEFINITIONS:
        if klass in shown_classes:
            listed += [
                html.Dt(COTERMINOSITY_CLASS_LABELS[klass]),
                html.Dd(COTERMINOSITY_CLASS_DEFINITIONS[klass]),
            ]
    return html.Dl(listed, className="small mb-1")


@cache.memoize()
def nhs_bodies_children(area: str, vintage: str, nhs: str) -> list:
    """The council's NHS bodies in every NHS geography 2006-2024: a reading of which body is
    which and which one the map shows, the table, what its classes mean, and its notes."""
    build = get_build()
    table = nhs_bodies(build, area, la_vintage=vintage)
    name = council_name(area)
    reading = (
        f"For each year, {name}'s commissioner, the local NHS body: a primary care trust until "
        "March 2013, a clinical commissioning group from April 2013, and from July 2022 a "
        "sub-ICB location, the old CCG area within an integrated care board, which stands "
        "above it. Each is classed by how its boundary meets the council's. The map and the "
        f"class at the top of this page use one of them, {health_label(nhs)} (the row marked "
        "“on the map”); choose another under “NHS bodies of” in the controls."
    )
    notes = [
        *sub_icb_successions(build, area, la_vintage=vintage),
        f"How each year's class and share were found: {methods_by_year()}.",
        strip_source(council_strip(build, area, vintage)),
    ]
    return [
        html.P(reading, className="small mb-2"),
        nhs_bodies_table(table, nhs),
        _class_key(table),
        *[html.P(note, className="small text-muted mb-1") for note in notes],
    ]


@callback(
    Output(ids.NHS_BODIES, "children"),
    Input(ids.AREA, "data"),
    Input(ids.PANEL_KEY, "data"),
)
def update_nhs_bodies(area, view):
    area, view = council_in_view(area, view)
    return nhs_bodies_children(area, view.vintage, view.nhs)


@callback(
    Output(ids.SPINE_THEME, "value"),
    Input(ids.THEME, "value"),
    prevent_initial_call=True,
)
def follow_view_theme(theme):
    """The spine chart follows the theme chosen for the map; it keeps its own otherwise."""
    return theme if theme in choices().themes else no_update


def spine_key_children(rows: pd.DataFrame) -> list:
    """The chart's key: a swatch per judgement shown (circle: Wilson, diamond: quartile)."""
    items = []
    for style in spine_key(rows):
        shape = {"borderRadius": "50%"} if style.symbol.startswith("circle") else {}
        if style.symbol == "diamond":
            shape = {"transform": "rotate(45deg) scale(0.85)"}
        swatch = html.Span(
            style={
                "display": "inline-block",
                "width": "10px",
                "height": "10px",
                "marginRight": "4px",
                "background": style.colour,
                "border": "1px solid #333",
                **shape,
            }
        )
        items.append(html.Span([swatch, style.name], className="me-3 text-nowrap"))
    return items


@cache.memoize()
def spine_outputs(area: str, theme: str) -> dict:
    """The council's spine chart for one theme, its key, caption, source and table twin."""
    build = get_build()
    rows = spine_rows(build, area, theme=theme)
    theme_label = themes().set_index("theme").at[theme, "label"]
    sources = "; ".join(dict.fromkeys(rows["source"].dropna()))
    source = (
        f"Source: {sources}. Open Government Licence v3.0. Judgements: trustmap, by the "
        "methods of Fingertips (Wilson 95% and 99.8% intervals, only where the denominator is "
        "published or a population) and DfE LAIT (quartiles). Counts and money are shown, not "
        "judged: they measure a council's size."
    )
    figure = spine_figure(rows, council=council_name(area), theme_label=theme_label)
    stem = export_stem(build, "spine", area, theme_label)
    chart = chart_outputs(
        figure.to_dict(), source, SPINE_COLUMNS, records(spine_table(rows)), file_stem=stem
    )
    return chart | {
        "style": graph_height(figure),
        "key": spine_key_children(rows),
        "caption": spine_caption(rows),
    }


@callback(
    output={
        **chart_targets("spine", graph=ids.SPINE_GRAPH, source=ids.SPINE_SOURCE),
        "style": Output(ids.SPINE_GRAPH, "style"),
        "key": Output(ids.SPINE_KEY, "children"),
        "caption": Output(ids.SPINE_CAPTION, "children"),
    },
    inputs={"area": Input(ids.AREA, "data"), "theme": Input(ids.SPINE_THEME, "value")},
)
def update_spine(area, theme):
    area = known_area(area)
    if area is None or theme not in choices().themes:
        blank = chart_outputs(BLANK_FIGURE, "", SPINE_COLUMNS, [], file_stem="spine")
        return blank | {"style": {"height": "0px"}, "key": [], "caption": ""}
    return spine_outputs(area, theme)


@cache.memoize()
def profile_csv(area: str) -> str:
    """The full profile (every indicator) as CSV text, full precision."""
    return council_profile(get_build(), area).to_csv(index=False)


@download_on_click(ids.PROFILE_DOWNLOAD_BUTTON, ids.PROFILE_DOWNLOAD, ids.AREA)
def download_profile(_, area):
    return send_csv("profile", known_area(area), profile_csv)


def _neighbour_table(facts: dict) -> dbc.Table:
    decimals = facts["decimals"]
    head = html.Thead(
        html.Tr(
            [
                html.Th("#"),
                html.Th("Council"),
                html.Th("Closeness"),
                html.Th(facts["period"], className="text-end"),
            ]
        )
    )
    body = html.Tbody(
        [
            html.Tr(
                [
                    html.Td(row.rank),
                    html.Td(row.neighbour_name),
                    html.Td(row.closeness),
                    html.Td(format_number(row.value, decimals), className="text-end"),
                ]
            )
            for row in facts["table"].itertuples()
        ]
    )
    return dbc.Table([head, body], size="sm", className="small mb-1", id=ids.NEIGHBOUR_TABLE)


@cache.memoize()
def neighbours_children(area: str, indicator: str, period: str, list_year: str) -> list:
    """The council's 10 statistical neighbours and, on the view's indicator, its value against
    their mean."""
    try:
        facts = neighbours_on_indicator(get_build(), area, indicator, period, list_year=list_year)
    except UnknownChoiceError as error:
        return [dbc.Alert(str(error), color="info", className="py-2 small")]
    decimals, unit = facts["decimals"], facts["unit"]
    name = council_name(area)
    summary = (
        f"{name}: {format_number(facts['value'], decimals)}; its neighbours' mean "
        f"{format_number(facts['mean'], decimals)} ({facts['with_value']} of "
        f"{len(facts['table'])} with a value)"
    )
    reading = f"{name} is {facts['reading']}." if facts["reading"] else ""
    return [
        html.P(
            [html.Strong(f"{facts['label']} ({unit}), {facts['period']}"), html.Br(), summary],
            className="small mb-1",
            id=ids.NEIGHBOUR_SUMMARY,
        ),
        html.P(reading, className="small mb-2"),
        _neighbour_table(facts),
        html.P(
            f"DfE's {facts['list']} list: each council's 10 most similar councils. The mean is "
            "LAIT's statistical-neighbour average: unweighted, over the neighbours with a value.",
            className="small text-muted mb-1",
        ),
        html.P(facts["source"], className="small text-muted mb-0"),
    ]


@callback(
    Output(ids.NEIGHBOURS, "children"),
    Input(ids.AREA, "data"),
    Input(ids.PANEL_INDICATOR_KEY, "data"),
    Input(ids.PANEL_NEIGHBOUR_LIST, "value"),
)
def update_neighbours(area, view, list_year):
    view = view_from_store(view)
    area = known_area(area)
    if area is None or list_year not in LIST_YEARS:
        raise PreventUpdate
    return neighbours_children(area, view.indicator, view.period, list_year)


@cache.memoize()
def children_section(area: str, vintage: str) -> list:
    """The council's children aged 0-17 (mid-2009) and its predecessors and successors."""
    population = child_population(get_build(), area)
    children = (
        f"{population['children']:,}"
        if population["children"] is not None
        else population["note"][:1].upper() + population["note"][1:]
    )
    facts = {
        "Children aged 0-17, mid-2009": (children, ids.CHILDREN_COUNT),
        "Predecessors and successors": (lineage_text(area, vintage), ids.DETAIL_LINEAGE),
    }
    lineage_source = (
        f"Predecessors and successors: {source_line(DISTRICTS_FILE)} Councils of each vintage "
        "as sets of these districts (data/boundaries/council_changes.csv)."
    )
    return [
        _facts(facts),
        html.P(f"Children: {population['source']}", className="small text-muted mt-2 mb-1"),
        html.P(lineage_source, className="small text-muted mb-0"),
    ]


@callback(Output(ids.CHILDREN, "children"), Input(ids.AREA, "data"), Input(ids.PANEL_KEY, "data"))
def update_children(area, view):
    area, view = council_in_view(area, view)
    return children_section(area, view.vintage)
