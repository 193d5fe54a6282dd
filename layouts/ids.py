"""Every component id of the page, in one place: layouts create them, callbacks address them."""

from __future__ import annotations

URL = "url"
VIEW = "view"
AREA = "area"
URL_ALERT = "url-alert"
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
)

MAP = "map"
MAP_DRAWN = "map-drawn"
MAP_ALERT = "map-alert"
MAP_DATA_ALERT = "map-data-alert"
MAP_SOURCE = "map-source"
MAP_PAINTED = "map-painted"
MAP_DOWNLOAD = "map-download"
MAP_DOWNLOAD_BUTTON = "map-download-button"
EXPORT_BRIEFING = "export-briefing"

DETAIL = "detail"
DETAIL_NAME = "detail-name"
DETAIL_PATHFINDER = "detail-pathfinder"
DETAIL_LINEAGE = "detail-lineage"
PROFILE_SECTION = "profile-section"
PROFILE_CAPTION = "profile-caption"
PROFILE_GRID = "profile-grid"
PROFILE_DOWNLOAD_BUTTON = "profile-download-button"

COMPARISON_KEY = "comparison-key"  # the view's indicator, period and filters
TREND_KEY = "trend-key"  # the view's indicator and filters
COMPARE_SOURCE = "compare-source"

CHARTS_SLOT = "charts-slot"
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


def export_link(chart: str, image_format: str) -> str:
    return f"export-{chart}-{image_format}"


def grid(name: str) -> dict:
    """A chart's table twin (AG Grid); one callback serves every twin's CSV download."""
    return {"type": "charts-grid", "name": name}


def grid_download(name: str) -> dict:
    return {"type": "charts-grid-download", "name": name}


# The pathfinder era (layouts/era_section.py): filled once the map has painted.
ERA_SLOT = "era-slot"
ERA_NHS = "era-nhs"  # the view's NHS geography, changed only when it changes
ERA_COVERAGE = "era-coverage"
ERA_INDICATOR = "era-indicator"
ERA_BEFORE = "era-before"
ERA_AFTER = "era-after"
ERA_BY = "era-by"
ERA_CHART = "era-chart"
ERA_ALERT = "era-alert"
ERA_READING = "era-reading"
ERA_RESULTS = "era-results"
ERA_SOURCE = "era-source"

# The NHS reorganisation story (layouts/nhs_story.py): filled once the map has painted.
STORY_SLOT = "story-slot"
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
