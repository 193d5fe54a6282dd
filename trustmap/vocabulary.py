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
    "COTERMINOUS_GROUPS",
    "COTERMINOUS_THROUGHOUT_GROUPS",
    "COUNCIL_TYPES",
    "GROUPING_LABELS",
    "PATHFINDER_GROUPS",
    "PATHFINDER_CLASS_LABELS",
    "PATHFINDER_STATUS_LABELS",
    "column_header",
    "council_type",
    "sentence_case",
    "COTERMINOSITY_METHOD_LABELS",
    "ENGLAND_BASIS_LABELS",
    "JUDGEMENT_METHOD_LABELS",
    "NHS_BODY_HEADERS",
    "NHS_BODY_TYPES",
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

# The two groups a comparison sets against each other, as its table's cells, its chart's
# legend and its sentences name them (`group_comparison.group_membership`, `outcomes`); the
# coterminous ones name the NHS geography (`health_vintages.health_label`) or span of them.
PATHFINDER_GROUPS = (PATHFINDER_STATUS_LABELS["pathfinder"], PATHFINDER_STATUS_LABELS["other"])
COTERMINOUS_GROUPS = ("councils coterminous with {health}", "councils not coterminous")
COTERMINOUS_THROUGHOUT_GROUPS = ("councils coterminous throughout {span}", "the rest")
# What each grouping compares (`group_comparison.GROUPINGS`, the neighbours comparator): a
# comparison card's title and its table's Comparison column.
GROUPING_LABELS = {
    "pathfinder": "Pathfinders and other councils",
    "coterminous": "Coterminous councils and the rest",
    "neighbours": "Pathfinders and their own statistical neighbours",
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
    "x": "First indicator (x)",
    "y": "Second indicator (y)",
    "series": "Series",
    "line": "Line (the area's latest code)",
    "q1": "Lower quartile",
    "q3": "Upper quartile",
    "theme": "Dashboard theme",
    "class_label": "Class",
    "share_of_la_max": "Share of the council in the largest body",
    "england_value": "England",
    "denominator": "Denominator (derived)",
    "covariate": "IMD 2019 average score",
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


# The kinds of NHS body of `health_vintages.csv` (its `kind` column), in words.
NHS_BODY_TYPES = {
    "PCT": "primary care trust",
    "CCG": "clinical commissioning group",
    "sub-ICB location": "sub-ICB location (part of an integrated care board)",
    "ICB": "integrated care board",
}

# How a council's class against one NHS geography was found (`health_classes.Method`).
COTERMINOSITY_METHOD_LABELS = {
    "membership": "exact small-area lookup",
    "overlay": "boundary overlay (shares of area)",
    "pct_members": "member districts of each PCT (shares of area)",
}

# How a spine chart row was judged against England (`spine_figure`'s methods), and where
# England's figure came from (`stats.compare`).
JUDGEMENT_METHOD_LABELS = {
    "wilson": "Wilson 95% interval against England",
    "quartile": "quartile among all councils (LAIT's banding)",
    "not compared": "not compared",
}
ENGLAND_BASIS_LABELS = {
    "source": "the source's England figure",
    "mean of councils": "the mean of the councils' values",
}


# One sentence per coterminosity class, keyed as COTERMINOSITY_CLASS_LABELS: the about page and
# any tooltip read them here (the rules are trustmap.model.coterminosity's and health_classes').
COTERMINOSITY_CLASS_DEFINITIONS = {
    "coterminous": "The council and one health area cover the same ground: the council lies "
    "within that health area, and the health area reaches into no other council.",
    "la_contains_several": "The council is divided between two or more health areas, each lying "
    "wholly within the council.",
    "health_spans_several": "The council lies wholly within one health area that also covers one "
    "or more other councils.",
    "overlapping": "The boundaries cross: the council meets two or more health areas, and at "
    "least one of them also reaches into another council.",
    "not_determined": "The sources place less than 95% of the council in known health areas "
    "(most primary care trusts of 2006 are unsourced), or its small areas cannot be placed in "
    "one council of that year, so no class is given.",
}

# The council page's table of its NHS bodies through time (`analysis.nhs_bodies`), by field.
NHS_BODY_HEADERS = {
    "year": "Year",
    "commissioner": "Commissioner",
    "commissioner_type": "Its type",
    "class_label": "Class",
    "share_of_council": "Share of the council in the largest body",
    "icb": "Integrated care board",
    "icb_class_label": "Class",
}
