"""Every word a person reads for a code: coterminosity classes, council types, pathfinder
status, and the headers of tables and CSV files. Screen, slides, CSV, CLI and tests read them
here; no other module spells a label. The lowest layer: it imports nothing.
"""

from __future__ import annotations

__all__ = [
    "AREA_CHANGED_LABEL",
    "COLUMN_HEADERS",
    "COTERMINOSITY_CLASS_LABELS",
    "COUNCIL_TYPES",
    "PATHFINDER_CLASS_LABELS",
    "PATHFINDER_STATUS_LABELS",
    "column_header",
    "council_type",
    "sentence_case",
]

# A council's class against one NHS geography (trustmap.model.health_classes), legend order.
COTERMINOSITY_CLASS_LABELS = {
    "coterminous": "coterminous",
    "la_contains_several": "council contains several health areas",
    "health_spans_several": "health area spans several councils",
    "overlapping": "overlapping",
    "not_determined": "not determined",
}
AREA_CHANGED_LABEL = "area changed (another council then)"

# Upper-tier council types (ONS codes) as (one, several).
COUNCIL_TYPES = {
    "County": ("county council", "county councils"),
    "UA": ("unitary authority", "unitary authorities"),
    "MD": ("metropolitan district", "metropolitan districts"),
    "LB": ("London borough", "London boroughs"),
}

# The filter by status, and the map's pathfinder classes (legend order, bottom to top).
PATHFINDER_STATUS_LABELS = {
    "pathfinder": "pathfinders (and successors)",
    "other": "other councils",
}
PATHFINDER_CLASS_LABELS = {
    "other": "not a pathfinder",
    "partly": "partly a pathfinder area",
    "pathfinder": "2003 pathfinder",
}

# Headers of table columns on screen and in their CSV files (Fingertips' words where it has
# them); a table that means something narrower by a field names it beside its columns.
COLUMN_HEADERS = {
    "la_code": "Area code",
    "la_name": "Area name",
    "council_vintage": "Councils of",
    "la_vintage": "Councils of",
    "comparison": "Comparison",
    "group": "Group",
    "n": "Councils",
    "mean": "Mean",
    "median": "Median",
    "sd": "Standard deviation",
    "diff": "Difference",
    "diff_unit": "Unit of the difference",
    "p_welch": "p (Welch t-test)",
    "p_mannwhitney": "p (Mann-Whitney U test)",
    "reading": "Reading",
    "caution": "Caution",
    "hedges_g": "Hedges' g",
    "confidence": "Confidence",
    "indicator": "Indicator code",
    "filters": "Filters",
    "councils_matched": "Councils with a value",
    "neighbours_mean": "Neighbours' mean",
    "neighbours_used": "Neighbours used",
    "difference": "Difference",
    "kept": "Kept",
    "period": "Period",
    "value": "Value",
    "value_from": "Value at the start",
    "value_to": "Value at the end",
    "change": "Change",
    "unit": "Unit",
    "councils": "Councils",
    "count": "Count",
    "rate": "Rate",
    "ci_low": "Lower 95% CI",
    "ci_high": "Upper 95% CI",
    "lowest": "Lowest",
    "q25": "Lower quartile",
    "q75": "Upper quartile",
    "highest": "Highest",
    "judgement": "Judgement",
    "method": "Method",
    "reason": "Reason",
    "indicator_id": "Indicator code",
    "health": "NHS geography code",
    "label": "Name",
    "bodies": "NHS bodies",
    "expected_bodies": "Bodies expected",
    "priority": "Priority",
    "trusts": "Trusts",
    "of_trusts": "Of the trusts",
    "note": "Note",
    "date": "Date",
    "source": "Source",
}


UNROUNDED_SUFFIX = "_exact"  # a figure's unrounded twin in a table


def council_type(code: str, *, plural: bool = False) -> str:
    """'London borough' for 'LB' ('London boroughs' with `plural`); an unknown code as it is."""
    one, several = COUNCIL_TYPES.get(code, (code, code))
    return several if plural else one


def column_header(field: str) -> str:
    """A column's header in words ('ci_low': 'Lower 95% CI'; 'ci_low_exact': 'Lower 95% CI
    (unrounded)'); a field not listed reads with its underscores as spaces."""
    if field.endswith(UNROUNDED_SUFFIX):
        return f"{column_header(field.removesuffix(UNROUNDED_SUFFIX))} (unrounded)"
    return COLUMN_HEADERS.get(field, sentence_case(field.replace("_", " ")))


def sentence_case(text: str) -> str:
    """The first letter capitalised, the rest as written ('London borough' stays)."""
    return text[:1].upper() + text[1:]
