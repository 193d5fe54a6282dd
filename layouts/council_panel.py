"""The panel of the selected council: its facts, and its profile against England."""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts import ids
from layouts.common import ONE_TAB_STOP, download_button

PROFILE_COLUMNS = [
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
    {"field": "quartile", "headerName": "Quartile", "width": 80},
    {"field": "judgement", "width": 110},
]


def council_panel() -> dbc.Card:
    grid = dag.AgGrid(
        id=ids.PROFILE_GRID,
        rowData=[],
        columnDefs=PROFILE_COLUMNS,
        defaultColDef={"sortable": True, "resizable": True},
        dashGridOptions={"domLayout": "normal", "tooltipShowDelay": 300, **ONE_TAB_STOP},
        style={"height": "420px"},
        csvExportParams={"fileName": "council_profile.csv"},
    )
    profile = html.Div(
        [
            html.P(id=ids.PROFILE_CAPTION, className="small text-muted"),
            grid,
            download_button("Download the profile (CSV)", ids.PROFILE_DOWNLOAD_BUTTON),
        ],
        id=ids.PROFILE_SECTION,
        style={"display": "none"},
    )
    return dbc.Card(
        [
            dbc.CardHeader("Selected council"),
            dbc.CardBody(
                [html.Div(id=ids.DETAIL, className="mb-3"), dcc.Loading(profile, delay_show=200)]
            ),
        ]
    )
