"""The naive reference for bench/indicator_switch.py, written the way Dash sample apps are:
one callback that returns a whole `px.choropleth_map` figure, full GeoJSON included, on every
indicator change. Same data as the real app. Run: `python bench/naive_app.py PORT`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import plotly.express as px
from dash import Dash, Input, Output, dcc, html

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from trustmap.bundle.build import load_build
from trustmap.model.values import council_values

VINTAGE = "2019"
build = load_build()
councils = build["councils_display"].query("vintage == @VINTAGE")
geojson = json.loads(councils[["la_code", "la_name", "geometry"]].to_json())
catalogue = build["indicator_catalogue"]
choices = catalogue[catalogue["source_file"].str.contains("iod2019_utla")]["id"].tolist()

app = Dash(__name__)
app.layout = html.Div(
    [
        dcc.Dropdown(id="indicator", options=choices, value=choices[0]),
        dcc.Graph(id="map"),
    ]
)


@app.callback(Output("map", "figure"), Input("indicator", "value"))
def draw(indicator_id: str):
    values = council_values(build, indicator_id, "2019", VINTAGE)
    frame = councils[["la_code", "la_name"]].assign(value=councils["la_code"].map(values))
    return px.choropleth_map(
        frame,
        geojson=geojson,
        locations="la_code",
        featureidkey="properties.la_code",
        color="value",
        hover_name="la_name",
        map_style="white-bg",
        center={"lat": 52.8, "lon": -1.6},
        zoom=5,
    )


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(sys.argv[1]), debug=False)
