"""The panel of the selected council: status, coterminosity, lineage and its indicator profile."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, callback, html

from callbacks.cache import cache
from callbacks.data import choices, get_build, view_from_store
from layouts import ids
from trustmap.chart_tables import records
from trustmap.choices import UnknownChoiceError
from trustmap.health_classes import classify
from trustmap.health_vintages import health_label
from trustmap.pathfinders import vintage_pathfinders
from trustmap.profile import council_profile
from trustmap.view import shown
from trustmap.vintages import council_lineage

PROFILE_ROWS = 30
PROFILE_COLUMNS = ["label", "period", "value", "england_value", "rank", "quartile", "judgement"]
SIGNIFICANT_DIGITS = 4
NO_AREA = "Click a council on the map to see its pathfinder status, coterminosity and profile."


def known_area(area) -> str | None:
    """The council code in the area store if the build has it (stores come from the browser)."""
    return area if isinstance(area, str) and area in choices().council_codes else None


def pathfinder_text(row) -> str:
    renamed = "" if row["pathfinder_of"] == row["la_name"] else f" (as {row['pathfinder_of']})"
    if row["pathfinder"]:
        return f"2003 children's trust pathfinder{renamed}"
    if row["pathfinder_share"] > 0:
        return f"partly a pathfinder area ({row['pathfinder_share']:.0%}){renamed}"
    return "not a pathfinder"


@cache.memoize()
def detail_children(area: str | None, vintage: str, nhs: str) -> list:
    """Name, pathfinder status, coterminosity with the health vintage `nhs` and lineage of
    `area` among the councils of `vintage` (all validated by the caller)."""
    if not area:
        return [html.P(NO_AREA, className="text-muted mb-0")]
    status = vintage_pathfinders(get_build(), vintage).set_index("la_code")
    if area not in status.index:
        return [
            dbc.Alert(
                f"Council {area} is not one of the councils of vintage {vintage}; "
                "choose the vintage it belongs to.",
                color="info",
            )
        ]
    row = status.loc[area]
    health = classify(get_build(), nhs, la_vintage=vintage).set_index("la_code").loc[area]
    health_names = health["health_names"].replace(";", ", ") or "none"
    facts = {
        "Code": (area, None),
        "Pathfinder status": (pathfinder_text(row), ids.DETAIL_PATHFINDER),
        f"Coterminosity with {health_label(nhs)}": (
            f"{health['class'].replace('_', ' ')}: {health_names}",
            None,
        ),
        "Predecessors and successors": (lineage_text(area, vintage), ids.DETAIL_LINEAGE),
    }
    listed = []
    for term, (text, component_id) in facts.items():
        listed += [html.Dt(term), html.Dd(text, id=component_id) if component_id else html.Dd(text)]
    return [
        html.H3(row["la_name"], className="h5", id=ids.DETAIL_NAME),
        html.Dl(listed, className="mb-0"),
    ]


def lineage_text(area: str, vintage: str) -> str:
    """'2004: Bedfordshire (all of it); 2023: ...', or that its area never changed."""
    lineage = council_lineage(get_build(), area, vintage)
    if lineage.empty:
        return "same council, same area, in every vintage (2004-2023)"
    return "; ".join(
        f"{row.vintage}: {row.la_name} ({row.la_code}, {row.share_of_council:.0%} of this area)"
        for row in lineage.itertuples()
    )


@cache.memoize()
def profile_rows(area: str) -> tuple[list[dict], str]:
    """The first rows of the council's profile against England, and a caption."""
    try:
        table = council_profile(get_build(), area)
    except UnknownChoiceError as error:
        return [], str(error)
    shown = table[PROFILE_COLUMNS].head(PROFILE_ROWS).copy()
    for column in ("value", "england_value"):
        shown[column] = shown[column].map(lambda v: float(f"{v:.{SIGNIFICANT_DIGITS}g}"))
    caption = (
        f"Latest period of {len(shown)} of its {len(table)} indicators against England (the "
        "source's figure, else the mean of councils); rank 1 is the best value, or the highest "
        "where neither direction is better."
    )
    return records(shown), caption


@callback(Output(ids.DETAIL, "children"), Input(ids.AREA, "data"), Input(ids.VIEW, "data"))
def update_detail(area, view):
    if area is not None and known_area(area) is None:
        return [
            dbc.Alert(f"Unknown council code '{shown(area)}': no council selected.", color="info")
        ]
    view = view_from_store(view)
    return detail_children(known_area(area), view.vintage, view.nhs)


@callback(
    output={
        "rows": Output(ids.PROFILE_GRID, "rowData"),
        "caption": Output(ids.PROFILE_CAPTION, "children"),
        "style": Output(ids.PROFILE_SECTION, "style"),
    },
    inputs={"area": Input(ids.AREA, "data")},
)
def update_profile(area):
    area = known_area(area)
    rows, caption = profile_rows(area) if area else ([], "")
    return {"rows": rows, "caption": caption, "style": {"display": "block" if area else "none"}}


@callback(
    Output(ids.PROFILE_GRID, "exportDataAsCsv"),
    Input(ids.PROFILE_DOWNLOAD_BUTTON, "n_clicks"),
    prevent_initial_call=True,
)
def export_profile(_):
    return True
