"""Every word a person reads for a code: coterminosity classes, council types, pathfinder
status, and the headers of tables and CSV files. Screen, slides, CSV, CLI and tests read them
here; no other module spells a label. The lowest layer: it imports nothing.
"""

from __future__ import annotations

__all__ = [
    "AREA_CHANGED_LABEL",
    "COLUMN_HEADERS",
    "COTERMINOSITY_CLASS_DEFINITIONS",
    "COTERMINOSITY_CLASS_LABELS",
    "COUNCIL_TYPES",
    "HEALTH_CLASS_LABELS",
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
COTERMINOSITY_CLASS_DEFINITIONS = {
    "coterminous": "The council meets one NHS body, and that body meets no other council.",
    "la_contains_several": "The council meets two or more NHS bodies, each within the council.",
    "health_spans_several": "The council lies within one NHS body that covers other councils too.",
    "overlapping": "The council's NHS bodies reach into other councils: the boundaries cross.",
    "not_determined": "Under 95% of the council lies in NHS bodies the sources place (most PCTs "
    "of 2006), so no class is given.",
}
# Every class ignores pieces under 3% of both areas (map generalisation) when drawn from polygons.
AREA_CHANGED_LABEL = "area changed (another council then)"
# A health area's class against the councils, as the CLI lists it.
HEALTH_CLASS_LABELS = {
    "coterminous": "coterminous",
    "health_contains_several": "health area contains several councils",
    "la_spans_several": "council spans several health areas",
    "overlapping": "overlapping",
}

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

# Headers of table columns on screen and in CSV files (Fingertips' words where it has them).
COLUMN_HEADERS = {
    "la_code": "Area code",
    "la_name": "Area name",
    "la_type": "Council type",
    "la_vintage": "Councils of",
    "region_name": "Region",
    "council_type": "Council type",
    "indicator": "Indicator",
    "indicator_id": "Indicator code",
    "period": "Period",
    "value": "Value",
    "unit": "Unit",
    "england_value": "England",
    "n": "Councils",
    "mean": "Mean",
    "median": "Median",
    "diff": "Difference",
    "diff_unit": "Difference unit",
    "ci_low": "Lower 95% CI",
    "ci_high": "Upper 95% CI",
    "p_welch": "p (Welch)",
    "p_mannwhitney_exact": "p (Mann-Whitney, exact)",
    "method": "Method",
    "source": "Source",
    "class": "Class",
    "class_label": "Class",
    "pathfinder": "Pathfinder",
}


def council_type(code: str, *, plural: bool = False) -> str:
    """'London borough' for 'LB' ('London boroughs' with `plural`); an unknown code as it is."""
    one, several = COUNCIL_TYPES.get(code, (code, code))
    return several if plural else one


def column_header(field: str) -> str:
    """A column's header in words; a field not listed reads with its underscores as spaces."""
    return COLUMN_HEADERS.get(field, sentence_case(field.replace("_", " ")))


def sentence_case(text: str) -> str:
    """The first letter capitalised, the rest as written ('London borough' stays)."""
    return text[:1].upper() + text[1:]
