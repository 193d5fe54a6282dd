"""Pieces every part of the page shares."""

# An empty figure without axes: no default map style is requested before the first callback.
BLANK_FIGURE = {
    "data": [],
    "layout": {"xaxis": {"visible": False}, "yaxis": {"visible": False}},
}
GRAPH_CONFIG = {"displaylogo": False, "scrollZoom": True}
