"""Every word a person reads for a code: coterminosity classes, council types, pathfinder
status, and the headers of tables and CSV files. Screen, slides, CSV, CLI and tests read them
here; no other module spells a label. The lowest layer: it imports nothing.
"""

from __future__ import annotations

__all__ = [
    "BOOLEAN_WORDS",
    "AREA_CHANGED_LABEL",
    "COLUMN_HEADERS",
    "COTERMINOSITY_CLASS_DEFINITIONS",
    "COTERMINOSITY_CLASS_LABELS",
    "COTERMINOUS_GROUPS",
    "COTERMINOUS_THROUGHOUT_GROUPS",
    "COUNCIL_TYPES",
    "DID_MODEL",
    "GROUPING_LABELS",
    "LEFT_OUT_REASONS",
    "MAP_KEY_LABELS",
    "OUTCOME_ESTIMATES",
    "PATHFINDER_GROUPS",
    "PATHFINDER_CLASS_LABELS",
    "PATHFINDER_STATUS_LABELS",
    "column_header",
    "council_type",
    "in_words",
    "sentence_case",
    "COTERMINOSITY_METHOD_LABELS",
    "ENGLAND_BASIS_LABELS",
    "JUDGEMENT_METHOD_LABELS",
    "NOT_JUDGED_LABELS",
    "NOT_JUDGED_REASONS",
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
# "Did it matter?": each estimate of the difference in change, as its table row names it and
# as a sentence does (`outcomes.ESTIMATES`); {period} is the first period compared.
OUTCOME_ESTIMATES = {
    "unadjusted": ("Unadjusted", "unadjusted"),
    "deprivation": ("Adjusted for deprivation", "adjusted for deprivation"),
    "level": ("… and the {period} level", "adjusted also for the {period} level"),
    "region": ("… and region", "adjusted also for region"),
    "without_london": ("Without London", "without London"),
}
# Why a council of the compared vintage is not compared (`outcomes.left_out`, and
# `value_gaps.missing_reasons` with `group_comparison.left_out` for group comparisons).
LEFT_OUT_REASONS = {
    "area_changed_in_span": "area changed within the span of NHS vintages",
    "not_a_council_then": "no value in {period}: not yet a council then",
    "combined_unit": "a combined unit in the source in {period}",
    "no_value": "no value in {period}",
    "not_determined_in_span": "coterminosity not determined in the span",
    "not_a_council_in_span": "not a council within the span of NHS vintages",
    "not_grouped": "in neither group",
    "missing_covariate": "no deprivation score (left out of the adjusted estimates only)",
    "other_area": "no value in {period}; the source has figures only for {names}, a different area",
    "not_in_source": "not in the source for {period}",
    "not_determined": "coterminosity with {health} not determined",
}
# What each grouping compares (`group_comparison.GROUPINGS`, the neighbours comparator): a
# comparison card's title and its table's Comparison column.
GROUPING_LABELS = {
    "pathfinder": "Pathfinders and other councils",
    "coterminous": "Coterminous councils and the rest",
    "neighbours": "Pathfinders and their own statistical neighbours",
}
# The before/after comparison's council-level model (trustmap.stats.did), in words.
DID_MODEL = (
    "difference-in-differences: least squares of each council's yearly value on group, span "
    "and their interaction, errors clustered by council (each council weighs the same)"
)

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
    "estimate": "Estimate",
    "ci": "95% CI",
    "p": "p",
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


def in_words(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


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
# What a spine row shows instead of a judgement where the indicator measures a council's size
# (`indicator_statistics.csv`'s kind): its judgement, and the reason beside it.
NOT_JUDGED_LABELS = {"count": "not compared: a count", "money": "not compared: money"}
NOT_JUDGED_REASONS = {
    "count": "a count grows with the council's size, so its place among councils is no judgement",
    "money": "gross spending in pounds grows with the council's size, so its place among "
    "councils is no judgement",
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

# A yes/no column's cells as a person reads them (the CSV keeps True and False).
BOOLEAN_WORDS = {True: "yes", False: "no"}

# The map legend's lines under its colour classes, on screen (the live map and the drawing
# before it).
MAP_KEY_LABELS = {
    "pathfinder": "2003 pathfinder (or successor)",
    "selected": "selected council",
    "faded": "left out by the filters",
}
