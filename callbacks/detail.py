"""The panel of the selected council: status, coterminosity and its indicator profile."""

from __future__ import annotations

from functools import lru_cache

import dash_bootstrap_components as dbc
from dash import Input, Output, callback, html
from dash.exceptions import PreventUpdate

from callbacks import data
from trustmap import analysis

PROFILE_ROWS = 30
DETAILS_KEPT = 256  # an indicator change re-asks for the same council's panel
PROFILE_COLUMNS = ["label", "period", "value", "england_value", "rank", "quintile", "judgement"]
SIGNIFICANT_DIGITS = 4
NO_AREA = "Click a council on the map to see its pathfinder status, coterminosity and profile."


@lru_cache(maxsize=DETAILS_KEPT)
def detail_children(area: str | None, vintage: str) -> list:
    """Name, pathfinder status and coterminosity of `area` among the councils of `vintage`."""
    if not area:
        return [html.P(NO_AREA, className="text-muted mb-0")]
    status = data.pathfinders(vintage).set_index("la_code")
    if area not in status.index:
        return [
            dbc.Alert(
                f"Council {area} is not one of the councils of vintage {vintage}; "
                "choose the vintage it belongs to.",
                color="info",
            )
        ]
    row = status.loc[area]
    coterminosity = data.coterminosity(vintage).set_index("la_code").loc[area]
    renamed = "" if row["pathfinder_of"] == row["la_name"] else f" (as {row['pathfinder_of']})"
    if row["pathfinder"]:
        pathfinder = f"2003 children's trust pathfinder{renamed}"
    elif row["pathfinder_share"] > 0:
        pathfinder = f"partly a pathfinder area ({row['pathfinder_share']:.0%}){renamed}"
    else:
        pathfinder = "not a pathfinder"
    health_codes = coterminosity["health_codes"].replace(";", ", ") or "none"
    return [
        html.H3(row["la_name"], className="h5", id="detail-name"),
        html.Dl(
            [
                html.Dt("Code"),
                html.Dd(area),
                html.Dt("Pathfinder status"),
                html.Dd(pathfinder, id="detail-pathfinder"),
                html.Dt(f"Coterminosity with {data.HEALTH_LABEL}"),
                html.Dd(f"{coterminosity['class'].replace('_', ' ')}: {health_codes}"),
                html.Dt("Predecessors and successors"),
                html.Dd(lineage_text(area, vintage), id="detail-lineage"),
            ],
            className="mb-0",
        ),
    ]


def lineage_text(area: str, vintage: str) -> str:
    """'2004: Bedfordshire (all of it); 2023: ...', or that its area never changed."""
    lineage = analysis.council_lineage(data.get_build(), area, vintage)
    if lineage.empty:
        return "same council, same area, in every vintage (2004-2023)"
    return "; ".join(
        f"{row.vintage}: {row.la_name} ({row.la_code}, {row.share_of_council:.0%} of this area)"
        for row in lineage.itertuples()
    )


def profile_rows(area: str | None) -> tuple[list[dict], str]:
    """The first rows of the council's profile against England, and a caption."""
    if not area:
        return [], ""
    try:
        table = data.profile(area)
    except analysis.UnknownChoiceError as error:
        return [], str(error)
    shown = table[PROFILE_COLUMNS].head(PROFILE_ROWS).copy()
    for column in ("value", "england_value"):
        shown[column] = shown[column].map(lambda v: float(f"{v:.{SIGNIFICANT_DIGITS}g}"))
    caption = (
        f"Latest period of {len(shown)} of its {len(table)} indicators against England (the "
        "source's figure, else the mean of councils); rank 1 is the best value, or the highest "
        "where neither direction is better."
    )
    return shown.astype(object).where(shown.notna(), None).to_dict("records"), caption


@callback(Output("detail", "children"), Input("area", "data"), Input("view", "data"))
def update_detail(area, view):
    if not view:
        raise PreventUpdate
    return detail_children(area, view["vintage"])


@callback(
    Output("profile-grid", "rowData"),
    Output("profile-caption", "children"),
    Output("profile-section", "style"),
    Input("area", "data"),
)
def update_profile(area):
    return *profile_rows(area), {"display": "block" if area else "none"}


@callback(
    Output("profile-grid", "exportDataAsCsv"),
    Input("profile-download-button", "n_clicks"),
    prevent_initial_call=True,
)
def export_profile(_):
    return True
