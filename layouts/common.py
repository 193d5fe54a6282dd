"""Pieces every part of the page shares: blank figures, graph settings, labelled controls,
titled cards, export menus, table twins and a chart's footer."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Output, dcc, html

from layouts import ids
from trustmap.export.deck import FILE_TYPES
from trustmap.export.file_names import file_name
from trustmap.vocabulary import BOOLEAN_WORDS, column_header

# An empty figure without axes: no default map style is requested before the first callback.
BLANK_FIGURE = {
    "data": [],
    "layout": {"xaxis": {"visible": False}, "yaxis": {"visible": False}},
}
GRAPH_CONFIG = {"displaylogo": False, "scrollZoom": True}
TWIN_MAX_HEIGHT_PX = 240  # a taller table twin scrolls inside its box
TWIN_DRAWING = "Drawing the table…"
TWIN_EMPTY = "No rows for this choice."


def in_place(graph: dcc.Graph | dcc.Loading, height_px: int) -> html.Div:
    """A chart in a box that keeps its height before plotly.js (loaded when a page first shows a
    chart) has drawn it, so nothing below moves when it does."""
    return html.Div(graph, style={"minHeight": f"{height_px}px"})


def chart_in_place(component_id: str, height_px: int) -> html.Div:
    """A chart its callback draws, its height kept, a spinner over it while it redraws."""
    graph = dcc.Graph(id=component_id, figure=BLANK_FIGURE, config=GRAPH_CONFIG)
    return in_place(dcc.Loading(graph, delay_show=200), height_px)


def native_select(component_id, options: list[dict], value=None, *, everything: str | None = None):
    """A native <select>: keyboard and screen readers work as everywhere (Dash 4's dropdown
    keeps a focusable element inside an aria-hidden one). `everything` names the empty choice
    that keeps all; its value "" is read as None."""
    if everything is not None:
        options = [{"label": everything, "value": ""}, *options]
    # dbc.Select always puts a hidden placeholder of value "" first, which the browser shows
    # for "": naming it keeps "All ..." on screen.
    return dbc.Select(
        id=component_id, options=options, value=value or "", placeholder=everything, size="sm"
    )


def labelled(label: str, component, html_for: str) -> html.Div:
    return html.Div([dbc.Label(label, html_for=html_for, className="small mb-1"), component])


def labelled_select(label: str, component_id: str, options: list[dict], value=None) -> html.Div:
    """A `native_select` under its label."""
    return labelled(label, native_select(component_id, options, value), component_id)


def inline_choice(component_id: str, choices: dict[str, str], value: str) -> dbc.RadioItems:
    """Small radio buttons in a line: `choices` maps each value to its words."""
    return dbc.RadioItems(
        id=component_id,
        options=[{"label": text, "value": choice} for choice, text in choices.items()],
        value=value,
        inline=True,
        className="small",
    )


def titled_card(title: str, body: list, **card_options) -> dbc.Card:
    """A card with `title` in its header and `body` in its body; `card_options` (className)
    go to the card."""
    return dbc.Card([dbc.CardHeader(title), dbc.CardBody(body)], **card_options)


EXPORT_PREFIX = "/export"


# Each export menu's items: the rendered formats, and the chart as a one-slide PowerPoint deck.
EXPORT_FORMATS = {fmt: fmt.upper() for fmt in FILE_TYPES} | {"pptx": "PowerPoint (.pptx)"}
BRIEFING_FORMATS = {"pdf": "Briefing pack (PDF)", "pptx": "Briefing pack (PowerPoint)"}


def export_links(chart: str, query: str) -> dict[str, str]:
    """Format -> address of one chart's export of the view in `query`
    (`/export/<chart>.<format><query>`), for every format of EXPORT_FORMATS."""
    return {fmt: f"{EXPORT_PREFIX}/{chart}.{fmt}{query}" for fmt in EXPORT_FORMATS}


def briefing_link(query: str, file_format: str = "pdf") -> str:
    """The address of the view's briefing pack (PDF, or "pptx": PowerPoint)."""
    return f"{EXPORT_PREFIX}/briefing.{file_format}{query}"


def briefing_id(file_format: str) -> str:
    """The id of the briefing control's link of one format."""
    return ids.EXPORT_BRIEFING if file_format == "pdf" else ids.export_link("briefing", file_format)


def briefing_buttons(query: str) -> list[dbc.Button]:
    """The briefing control: the view's pack as a PDF and as a PowerPoint deck (the same pages;
    callbacks.map keeps their links on the page's query)."""
    return [
        dbc.Button(
            label,
            id=briefing_id(fmt),
            href=briefing_link(query, fmt),
            external_link=True,
            target="_blank",
            size="sm",
            color="primary",
            className="ms-2",
        )
        for fmt, label in BRIEFING_FORMATS.items()
    ]


def export_menu(
    chart: str, label: str = "Export for slides", *, query: str | None = None
) -> dbc.DropdownMenu:
    """PNG, SVG and PDF links (1600x900, with title, source and licence) and a one-slide
    PowerPoint deck (its words editable) of one chart; with `query` the links are complete
    (`/export/<chart>.<format><query>`), else a callback sets them."""
    links = export_links(chart, query or "")
    items = [
        dbc.DropdownMenuItem(
            label,
            id=ids.export_link(chart, fmt),
            href="#" if query is None else links[fmt],
            external_link=True,
            target="_blank",
        )
        for fmt, label in EXPORT_FORMATS.items()
    ]
    return dbc.DropdownMenu(
        items,
        label=label,
        size="sm",
        color="secondary",
        className="d-inline-block ms-2",
        direction="down",
    )


def export_unavailable(reason_id: str, label: str = "Export for slides") -> html.Button:
    """The stand-in for `export_menu` when its chart cannot be drawn: a button that does nothing,
    marked disabled (`aria-disabled`, still reachable by keyboard), described by the sentence
    with id `reason_id` that says why."""
    return html.Button(
        label,
        type="button",
        className="btn btn-secondary btn-sm disabled ms-2",
        **{"aria-disabled": "true", "aria-describedby": reason_id},
    )


def download_button(label: str, component_id, class_name: str = "mt-2") -> dbc.Button:
    """A small outlined button that downloads a table as CSV."""
    return dbc.Button(
        label, id=component_id, size="sm", color="secondary", outline=True, className=class_name
    )


def twin_headers(columns: list[dict]) -> dict[str, str]:
    """Field -> header of a table twin's columns: the column's own "header", else the
    vocabulary's words (the CSV's header too)."""
    return {
        column["field"]: column.get("header") or column_header(column["field"])
        for column in columns
    }


def as_written(value):
    """A value as the browser writes it, on screen and in the CSV: a whole float as an integer
    (12.0 as 12)."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def table_cell(value) -> html.Td:
    """A cell: blank when missing; a number right-aligned."""
    if value is None:
        return html.Td()
    if isinstance(value, bool):
        return html.Td(BOOLEAN_WORDS[value])
    if not isinstance(value, int | float):
        return html.Td(str(value))
    return html.Td(str(as_written(value)), className="text-end")


# A longer table is shown in part (the trend's has about 1,250 rows, 1.3 MB as components).
TWIN_ROWS_SHOWN = 200


def table_children(columns: list[dict], rows: list[dict] | None) -> list:
    """A table twin's head and body, a row per record in the columns' order; without records
    one row saying why (None: not drawn yet; []: nothing to show)."""
    headers = twin_headers(columns)
    # Sticky without a z-index: above the rows scrolling under it, below any open menu.
    head = html.Thead(
        html.Tr([html.Th(header, scope="col") for header in headers.values()]),
        style={"position": "sticky", "top": 0},
    )
    if rows:
        body = [
            html.Tr([table_cell(row.get(field)) for field in headers])
            for row in rows[:TWIN_ROWS_SHOWN]
        ]
        if len(rows) > TWIN_ROWS_SHOWN:
            more = f"The first {TWIN_ROWS_SHOWN} of {len(rows):,} rows; the CSV has them all."
            body.append(html.Tr(html.Td(more, colSpan=len(headers), className="text-muted")))
    else:
        note = TWIN_DRAWING if rows is None else TWIN_EMPTY
        body = [html.Tr(html.Td(note, colSpan=len(headers), className="text-muted"))]
    return [head, html.Tbody(body)]


def twin_outputs(
    columns: list[dict], rows: list[dict] | None, *, file_stem: str, source: str = ""
) -> dict:
    """A table twin's outputs: "twin", its table's children (`ids.grid`), and "csv", what its
    button downloads as `trustmap_{file_stem}.csv` (`ids.grid_rows`; None without rows): the
    headers, the rows and the source line that ends the file. `file_stem` says what the table
    holds (`file_names.export_stem`); it is made safe for every file system."""
    csv = None
    if rows is not None:
        csv = {
            "file_name": file_name(file_stem, "csv"),
            "headers": twin_headers(columns),
            "rows": rows,
            "source": source,
        }
    return {"twin": table_children(columns, rows), "csv": csv}


def twin_targets(name: str) -> dict[str, Output]:
    """Where a callback sends `twin_outputs` of the table twin `name` (`table_twin`)."""
    return {"twin": Output(ids.grid(name), "children"), "csv": Output(ids.grid_rows(name), "data")}


def chart_outputs(
    figure: dict, source: str, columns: list[dict], rows: list[dict] | None, *, file_stem: str
) -> dict:
    """A chart's "figure", its "source" line and its table twin (`twin_outputs`, the CSV ending
    with the same source line): what a callback sends to `chart_targets`."""
    twin = twin_outputs(columns, rows, file_stem=file_stem, source=source)
    return {"figure": figure, "source": source, **twin}


def chart_targets(twin_name: str, *, graph: str, source: str) -> dict[str, Output]:
    """Where a callback sends `chart_outputs`: the figure of `graph`, the source line with id
    `source` and the table twin `twin_name`."""
    return {
        "figure": Output(graph, "figure"),
        "source": Output(source, "children"),
        **twin_targets(twin_name),
    }


def reason_alert(text: str, **attributes) -> dbc.Alert:
    """The sentence saying why a chart or comparison cannot be drawn, in an info box."""
    return dbc.Alert(text, color="info", className="py-2", **attributes)


def scrolling(content, label: str, *, class_name: str = "table-responsive", **attributes):
    """A box that may scroll (a wide table on a phone, a tall one): a named Tab stop, since a
    scrolling box must take the keyboard's focus to be scrolled without a mouse."""
    named = {"aria-label": label, **attributes}
    return html.Div(content, className=class_name, tabIndex="0", role="region", **named)


def table_twin(name: str, columns: list[dict], rows: list[dict] | None = None) -> html.Div:
    """A chart's table twin: its table in a box that scrolls when tall (a Tab stop, named), and
    a button that downloads it as `trustmap_{name}.csv` (`callbacks.charts.download_table`
    serves every twin by `name`). `columns`: {"field", optional "header"}."""
    made = twin_outputs(columns, rows, file_stem=name)
    box = scrolling(
        html.Table(made["twin"], id=ids.grid(name), className="table table-sm small mb-0"),
        f"The {name.replace('-', ' ')} chart as a table",
        style={"maxHeight": f"{TWIN_MAX_HEIGHT_PX}px", "overflow": "auto"},
        class_name="border rounded",
    )
    return html.Div(
        [
            box,
            dcc.Store(id=ids.grid_rows(name), data=made["csv"]),
            download_button("Download the table (CSV)", ids.grid_download(name)),
            dcc.Download(id=ids.grid_csv(name)),
        ],
        className="mt-2",
    )


def chart_footer(
    twin_name: str,
    columns: list[dict],
    rows: list[dict] | None = None,
    *,
    source: str | None = None,
    source_id: str | None = None,
    export: dbc.DropdownMenu | None = None,
) -> list:
    """What ends a chart's card: its source line (`source`, or filled by a callback into
    `source_id`), its "Export for slides" menu if it has one (`export_menu`) and its table twin
    (`table_twin(twin_name, columns, rows)`)."""
    named = {"id": source_id} if source_id else {}
    return [
        html.P(source, className="small mb-1", **named),
        *([] if export is None else [export]),
        table_twin(twin_name, columns, rows),
    ]
