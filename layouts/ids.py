"""Every component id of the page, in one place: layouts create them, callbacks address them."""

from __future__ import annotations

URL = "_pages_location"  # Dash Pages' own location: the view callback reads and writes it
VIEW = "view"
AREA = "area"
URL_ALERT = "url-alert"
# The shell around every page (layouts/shell.py): the controls beside the page, the navigation.
SIDE = "side"
SELECTED = "selected-council"  # the map page's line naming the selected council
CLICKED = "clicked"  # the council last clicked on a map, and when


def nav_link(page: str) -> str:
    return f"nav-{page}"


LINK_ALERT = "link-alert"

# The controls, named as the View fields they set.
VINTAGE = "vintage"
COLOUR = "colour"
THEME = "theme"
INDICATOR = "indicator"
PERIOD = "period"
REGION = "region"
LA_TYPE = "la_type"
STATUS = "status"
CCLASS = "cclass"
HEALTH = "health"
SCHEME = "scheme"
NHS = "nhs"
OWN = "own"  # "Your priorities": the councils the uploaded file lists under the theme
# Which controls a person changed, passed on to the view callback once the map shows it.
CHANGED = "controls-changed"
CONTROLS = (
    VINTAGE,
    COLOUR,
    THEME,
    INDICATOR,
    PERIOD,
    REGION,
    LA_TYPE,
    STATUS,
    CCLASS,
    HEALTH,
    SCHEME,
    NHS,
    OWN,
)
OWN_HELP = "own-help"

MAP = "map"
MAP_SECTION = "map-section"
MAP_CONFIG = "map-config"
MAP_LEGEND = "map-legend"
MAP_FILL = "map-fill"  # the layers of `layouts.map.council_layers("map", ...)`
MAP_OUTLINES = "map-outlines"
MAP_CASING = "map-casing"  # the light casing under the outlines
MAP_HEALTH = "map-health"
INSET = "inset"
INSET_FILL = "inset-fill"
INSET_OUTLINES = "inset-outlines"
INSET_CASING = "inset-casing"
INSET_HEALTH = "inset-health"
SEARCH = "search"
SEARCH_OPTIONS = "search-options"
SEARCH_LABELS = "search-labels"
MAP_DRAWN = "map-drawn"
MAP_ALERT = "map-alert"
MAP_DATA_ALERT = "map-data-alert"
MAP_SOURCE = "map-source"
MAP_DOWNLOAD = "map-download"
MAP_DOWNLOAD_BUTTON = "map-download-button"
EXPORT_BRIEFING = "export-briefing"

DETAIL = "detail"
DETAIL_NAME = "detail-name"
DETAIL_PATHFINDER = "detail-pathfinder"
DETAIL_LINEAGE = "detail-lineage"
PROFILE_DOWNLOAD_BUTTON = "profile-download-button"
PROFILE_DOWNLOAD = "profile-download"
PANEL_SECTIONS = "panel-sections"
TIMELINE_GRAPH = "timeline-graph"
TIMELINE_SOURCE = "timeline-source"
SPINE_THEME = "spine-theme"
SPINE_GRAPH = "spine-graph"
SPINE_CAPTION = "spine-caption"
SPINE_KEY = "spine-key"
SPINE_SOURCE = "spine-source"
PANEL_NEIGHBOUR_LIST = "neighbour-list"
NEIGHBOURS = "neighbours"
NEIGHBOUR_SUMMARY = "neighbour-summary"
NEIGHBOUR_TABLE = "neighbour-table"
CHILDREN = "children"
CHILDREN_COUNT = "children-count"

COMPARISON_KEY = "comparison-key"  # the view's indicator, period and filters
TREND_KEY = "trend-key"  # the view's indicator and filters
OWN_KEY = "own-key"  # the view's theme and own list: what the 'Your priorities' filter shows
PANEL_KEY = "panel-key"  # the selected council, its vintage and NHS geography; {} if none
PANEL_INDICATOR_KEY = "panel-indicator-key"  # the selected council, the indicator, period; or {}
COMPARISON_SECTION = "comparison-section"
COMPARE_SOURCE = "compare-source"
COMPARE_NEIGHBOUR_LIST = "compare-neighbour-list"
COMPARE_TWIN_BOX = "compare-twin-box"  # the groupings' table twin, hidden when it has no rows

SCATTER = "charts-scatter"
SCATTER_ALERT = "charts-scatter-alert"
SCATTER_SOURCE = "charts-scatter-source"
Y_INDICATOR = "charts-y-indicator"
Y_PERIOD = "charts-y-period"
TREND = "charts-trend"
TREND_BOX = "charts-trend-box"
TREND_NOTE = "charts-trend-note"
TREND_SOURCE = "charts-trend-source"
PUBLISHED = "charts-published"


def compare_graph(by: str) -> str:
    return f"compare-{by}"


def compare_text(by: str) -> str:
    return f"compare-{by}-text"


def compare_footnote(by: str) -> str:
    return f"compare-{by}-footnote"


def compare_chart_box(by: str) -> str:
    """The box of a comparison's chart, hidden when the chart cannot be drawn."""
    return f"compare-{by}-chart-box"


def compare_export(by: str) -> str:
    """Where a comparison's export menu goes, or its disabled stand-in."""
    return f"compare-{by}-export"


def compare_reason(by: str) -> str:
    """The sentence saying why a comparison cannot be drawn (its disabled export's description)."""
    return f"compare-{by}-reason"


def export_link(chart: str, image_format: str) -> str:
    return f"export-{chart}-{image_format}"


def grid(name: str) -> dict:
    """A chart's table twin (an HTML table); one callback serves every twin's CSV download."""
    return {"type": "charts-grid", "name": name}


def grid_rows(name: str) -> dict:
    """The store of what a table twin's CSV holds: its file name, headers, rows and source."""
    return {"type": "charts-grid-rows", "name": name}


def grid_download(name: str) -> dict:
    return {"type": "charts-grid-download", "name": name}


def grid_csv(name: str) -> dict:
    """The `dcc.Download` that sends a table twin's CSV."""
    return {"type": "charts-grid-csv", "name": name}


PRIORITIES_UPLOAD = "priorities-upload"
PRIORITIES_STORE = "priorities-store"
PRIORITIES_MESSAGES = "priorities-messages"
PRIORITIES_COUNTS = "priorities-counts"
PRIORITIES_CLEAR = "priorities-clear"
FOLDED = "folded-controls"  # the side panel's folded items
PRIORITIES_ITEM = "priorities"  # the priorities' item among them
# The pathfinder era (layouts/era.py): filled once the map has painted.
ERA_NHS = "era-nhs"  # the view's NHS geography, changed only when it changes
ERA_COVERAGE = "era-coverage"
ERA_INDICATOR = "era-indicator"
ERA_BEFORE = "era-before"
ERA_AFTER = "era-after"
ERA_BY = "era-by"
ERA_CHART = "era-chart"
ERA_ALERT = "era-alert"
ERA_READING = "era-reading"
ERA_POOLED = "era-pooled"  # the pooled rates, as description
ERA_RESULTS = "era-results"
ERA_SOURCE = "era-source"

# The NHS reorganisation story (layouts/nhs.py): filled once the map has painted.
CLASS_COUNTS = "story-class-counts"
OUTCOME_INDICATOR = "outcome-indicator"
OUTCOME_FROM = "outcome-from"
OUTCOME_TO = "outcome-to"
OUTCOME_BY = "outcome-by"
OUTCOME_SPAN_FIRST = "outcome-span-first"
OUTCOME_SPAN_LAST = "outcome-span-last"
OUTCOME_CHART = "outcome-chart"
OUTCOME_ALERT = "outcome-alert"
OUTCOME_READING = "outcome-reading"
OUTCOME_DROPPED = "outcome-dropped"
OUTCOME_SOURCE = "outcome-source"

# The council page's NHS bodies through time (layouts/council.py): the slot and its table.
NHS_BODIES = "nhs-bodies"
NHS_BODIES_TABLE = "nhs-bodies-table"
