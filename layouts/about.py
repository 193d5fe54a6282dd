"""About the data and methods: what trustmap shows and why, what "coterminous" means, where
every source comes from and what each year covers, what is missing, and how comparisons are
made. Written for a reader; every number is read from the build or the core's constants, every
class definition from the vocabulary. No callbacks."""

from __future__ import annotations

from collections import Counter

import dash_bootstrap_components as dbc
from dash import html

from layouts.common import scrolling
from trustmap.analysis import coverage, provenance
from trustmap.analysis.neighbours import DEFINITION as NEIGHBOURS_DEFINITION
from trustmap.analysis.neighbours import LIST_YEARS
from trustmap.bundle import health_vintages
from trustmap.bundle.build import Build
from trustmap.bundle.themes import (
    BACHMANN_2006,
    BACHMANN_2009,
    POOLED_BUDGETS_FINDING,
    published_priorities,
)
from trustmap.model import health_classes, pathfinders
from trustmap.model.coterminosity import DEFAULT_SLIVER_SHARE
from trustmap.stats.judgement import CONFIDENCE_LEVELS
from trustmap.stats.readings import SMALL_GROUP
from trustmap.vocabulary import (
    AREA_CHANGED_LABEL,
    COTERMINOSITY_CLASS_DEFINITIONS,
    COTERMINOSITY_CLASS_LABELS,
    sentence_case,
)

__all__ = ["CLASSES_PICTURE", "CLASSES_PICTURE_ALT", "SECTIONS", "layout"]

CLASSES_PICTURE = "/assets/coterminosity_classes.svg"
CLASSES_PICTURE_ALT = (
    "Four schematic maps of a council and the health areas around it. Coterminous: one health "
    "area with exactly the council's boundary. Council contains several health areas: the "
    "council divided into three health areas, each inside it. Health area spans several "
    "councils: one health area covering the council and two neighbouring councils. "
    "Overlapping: a health area crossing the council's boundary into a neighbour."
)
COMMUNITY_CARE = 'Community Care, "Children\'s Trusts"'
# The page's sections: anchor id and heading, in order (the contents list reads them).
SECTIONS = {
    "about-trustmap": "What trustmap shows",
    "about-coterminous": "What “coterminous” means",
    "about-sources": "Where the data come from",
    "about-missing": "What is missing, and why",
    "about-comparisons": "How comparisons are made",
    "about-references": "References",
}
READING_WIDTH = {"maxWidth": "50rem"}


def layout(build: Build) -> html.Div:
    """The page: an h1, a contents list, and one h2 section per entry of `SECTIONS`."""
    sections = (
        history(build),
        coterminous(),
        data_sources(build),
        missing(build),
        comparisons(),
        references(),
    )
    return html.Div(
        [
            html.H1("About the data and methods", className="h4"),
            html.P(
                "How trustmap's maps, classes and comparisons are made, from which published "
                "data, and what those data cannot tell you.",
                className="lead fs-6",
            ),
            contents(),
            *(
                html.Section(
                    [html.H2(SECTIONS[anchor], id=anchor, className="h5 mt-4"), *body],
                    **{"aria-labelledby": anchor},
                )
                for anchor, body in zip(SECTIONS, sections, strict=True)
            ),
        ],
        className="trustmap-about pb-4",
        style=READING_WIDTH,
    )


def contents() -> html.Nav:
    return html.Nav(
        html.Ul(
            [
                html.Li(
                    html.A(heading, href=f"#{anchor}", className="d-inline-block py-1"),
                    className="list-inline-item me-3",
                )
                for anchor, heading in SECTIONS.items()
            ],
            className="list-inline mb-0 small",
        ),
        **{"aria-label": "On this page"},
    )


def _definitions(entries, *, side_by_side: bool = False) -> html.Dl:
    """A <dl> of (term, description) pairs; `side_by_side` puts short terms beside their
    descriptions from a tablet's width up (Bootstrap's horizontal description list)."""
    term_class, description_class = ("col-sm-3", "col-sm-9") if side_by_side else ("", "")
    children = []
    for term, description in entries:
        children += [
            html.Dt(term, className=term_class),
            html.Dd(description, className=description_class),
        ]
    return html.Dl(children, className="row" if side_by_side else "")


def _h3(text: str) -> html.H3:
    return html.H3(text, className="h6 fw-bold mt-4 pb-1 border-bottom")


def history(build: Build) -> list:
    announced = pathfinders.read_pathfinders(build["council_members"])["announced_name"]
    priorities = published_priorities()
    named = "; ".join(
        f"{row.published_wording} ({row.published_priority_trusts} trusts)"
        for row in priorities.itertuples()
    )
    children = coverage.coverage(build)
    return [
        html.P(
            "trustmap maps England's children's trust pathfinders, how the boundaries of "
            "councils and of the NHS bodies around them lined up from 2006 to 2024, and "
            "indicators of children's services, health and deprivation for every council with "
            "children's services duties. It lets you compare the pathfinders with other "
            "councils, and councils whose boundaries matched their NHS body's with the rest."
        ),
        _h3("The pathfinders"),
        html.P(
            "The Children Act 2004 and the National Service Framework for Children, Young "
            "People and Maternity Services required fuller integration of health, education "
            "and social services for children in England. Children's trusts are local "
            "partnerships that bring those services together. In July 2003 the government "
            f"announced {len(announced)} children's trust pathfinders ({COMMUNITY_CARE}): "
            f"{', '.join(announced)}. Most councils were expected to have a children's trust "
            "by 2006, and all by 2008."
        ),
        html.P(
            f"A national survey of the {len(announced)}, a year after they started, found "
            "that all had boards representing health, education and social services, and "
            "that their areas' demographic and social characteristics were typical of "
            f"England. {POOLED_BUDGETS_FINDING} The priorities named most often were {named} "
            "(Bachmann et al. 2006)."
        ),
        html.P(
            [
                "The national evaluation found that ",
                html.Q(
                    "areas where local authorities and health authorities shared "
                    "geographical boundaries made most progress"
                ),
                ", and that health services were generally less involved in joint work than "
                "education and social care (Bachmann et al., Child: Care, Health and "
                "Development, 2009). That finding is why trustmap follows the boundaries.",
            ]
        ),
        html.P(
            "The 2009 evaluation says the pathfinders covered about "
            f"{children['evaluation_share']:.0%} of England's children. Their councils held "
            f"{children['pathfinder_children']:,} of England's {children['england_children']:,} "
            f"children aged 0-17 at mid-2009, or {children['share']:.1%}. Some pathfinders "
            "worked in part of their council or on one service, which may explain the gap; "
            "trustmap shows both figures and adjusts neither."
        ),
    ]


def coterminous() -> list:
    labels = {key: sentence_case(label) for key, label in COTERMINOSITY_CLASS_LABELS.items()}
    overlay_dates = provenance.in_words(provenance.overlay_dates())
    return [
        html.P(
            "Two organisations are coterminous when they cover exactly the same area. For each "
            "council and each year, trustmap asks which health areas cover the council's "
            "ground, and whether those health areas reach into other councils. A health area "
            "is the area of the NHS body that commissioned health services there: a primary "
            "care trust (2006), a clinical commissioning group (2013 to June 2022), or, from "
            "July 2022, a sub-ICB location or an integrated care board. The answer puts the "
            "council in one of four classes."
        ),
        dbc.Row(
            [
                dbc.Col(
                    html.Img(
                        src=CLASSES_PICTURE,
                        alt=CLASSES_PICTURE_ALT,
                        className="img-fluid d-block mx-auto",
                        style={"maxWidth": "34rem", "width": "100%"},
                    ),
                    md=6,
                ),
                dbc.Col(
                    _definitions(
                        (labels[key], COTERMINOSITY_CLASS_DEFINITIONS[key])
                        for key in COTERMINOSITY_CLASS_DEFINITIONS
                    ),
                    md=6,
                ),
            ],
            className="g-3 my-1 align-items-center",
        ),
        _h3("How the classes are worked out"),
        _definitions(
            [
                (
                    "From small areas, exactly",
                    "For most years the Office for National Statistics publishes which NHS "
                    "body and which council each small statistical area lay in. A council "
                    "then meets a health area when any of its small areas lies in it, and the "
                    "class is exact. For the primary care trusts of 2006 the same is done with "
                    "whole districts, where a source states which districts a trust covered.",
                ),
                (
                    "From outlines, with a tolerance",
                    f"For {overlay_dates} no such lookup exists, so council and NHS outlines "
                    "are overlaid. Published outlines are simplified, so two boundaries that "
                    "are the same never match exactly: an overlap smaller than "
                    f"{DEFAULT_SLIVER_SHARE:.0%} of both the council and the health area is "
                    "treated as drawing error and ignored. The tolerance was chosen by "
                    "checking overlays against the lookups, which are used wherever they "
                    "exist.",
                ),
                (
                    "Councils that changed",
                    "To follow a council through the years, it is matched with the council of "
                    "another year that covers exactly the same districts. Where it was split, "
                    "merged or absorbed, its class for that year reads "
                    f"“{AREA_CHANGED_LABEL}”, and the councils that then covered its ground "
                    "are named. Nothing is guessed.",
                ),
            ]
        ),
    ]


def data_sources(build: Build) -> list:
    described = provenance.sources_in_words(build)
    usual = Counter(source.licence for source in described).most_common(1)[0][0]
    return [
        html.P(
            f"Every source is public, and published under the {usual} unless its entry says "
            "otherwise. Publishers and editions are as the sources state them."
        ),
        html.Dl(
            [
                part
                for source in described
                for part in (
                    html.Dt(source.name),
                    html.Dd(
                        [
                            source.used_for,
                            html.Br(),
                            html.Small(
                                f"Publisher: {source.publisher}. Edition: {source.edition}."
                                + (
                                    ""
                                    if source.licence == usual
                                    else f" Licence: {source.licence}."
                                ),
                                className="text-body-secondary",
                            ),
                        ]
                    ),
                )
            ]
        ),
        _h3("Councils in each year"),
        html.P(
            "The map draws the councils with children's services duties as they stood in "
            "each of these years:"
        ),
        _definitions(
            ((entry.term, entry.description) for entry in provenance.council_years(build)),
            side_by_side=True,
        ),
        _h3("NHS bodies in each year"),
        *nhs_years(provenance.health_coverage(build)),
    ]


def nhs_years(years: list[provenance.NhsYear]) -> list:
    """A table of the NHS geographies (how many bodies are known, how councils are classed
    against them, whether the map draws them) and the notes on some of them below it."""
    header = ("Date", "Known", "NHS bodies", "Councils classed by", "Drawn")
    # One line a row: a phone scrolls the table sideways rather than stacking words.
    rows = [
        html.Tr(
            [
                html.Td(cell)
                for cell in (
                    year.date,
                    year.known,
                    year.bodies,
                    year.method,
                    "yes" if year.drawn else "no",
                )
            ]
        )
        for year in years
    ]
    notes = [
        html.Li(f"{year.bodies}, {year.date}: {' '.join(year.notes)}")
        for year in years
        if year.notes
    ]
    return [
        html.P(
            "How many of each year's NHS bodies trustmap can place, how each council is classed "
            "against them, and whether the map can draw them:"
        ),
        scrolling(
            dbc.Table(
                [
                    html.Thead(html.Tr([html.Th(name, scope="col") for name in header])),
                    html.Tbody(rows),
                ],
                size="sm",
                striped=True,
                className="small text-nowrap",
            ),
            "NHS bodies of each year",
        ),
        html.Ul(notes, className="small"),
    ]


def _pct_vintage() -> str:
    table = health_vintages.health_vintages()
    return table.loc[table["method"] == "pct_members", "id"].iloc[0]


def missing(build: Build) -> list:
    pct = _pct_vintage()
    pct_row = health_vintages.vintage(pct)
    classes = health_classes.classify(build, pct)["class"]
    undetermined = int((classes == health_classes.NOT_DETERMINED).sum())
    placed = health_classes.bodies_known(build, pct)
    priorities = published_priorities()
    totals = ", ".join(
        f"{row.published_wording} {row.published_priority_trusts} of {row.of_trusts}"
        for row in priorities.itertuples()
    )
    overlay_dates = provenance.in_words(provenance.overlay_dates())
    reorganised = provenance.in_words([entry.term for entry in provenance.council_years(build)[1:]])
    return [
        _definitions(
            [
                (
                    "Most primary care trusts of 2006",
                    "No outlines of primary care trusts or of strategic health authorities "
                    "were found for any year, and the one small-area lookup known for primary "
                    "care trusts (output areas to primary care organisations, December 2011) "
                    "was too large to include. The trusts of October 2006 are known from a "
                    "table compiled from ONS codes, a parliamentary answer, statutory "
                    "instruments, encyclopaedia entries and press reports, which places "
                    f"{placed} of the {pct_row['expected_bodies']}. So {undetermined} of "
                    f"the {len(classes)} councils of 2004 are shown as not determined, "
                    "never guessed.",
                ),
                (
                    "Small-area lookups for some years",
                    f"There is no small-area lookup for {overlay_dates}, whose classes come "
                    "from outlines; none for 2014, which has no outlines either; and none for "
                    "2025 or later.",
                ),
                (
                    "Which trust chose which priority",
                    "Only the totals were published (Bachmann et al. 2006): "
                    f"{totals}. trustmap never assigns a priority to a trust. If you know "
                    "your own trusts' priorities, you can upload them beside the map (under "
                    "“Your trusts' priorities”); they stay in your browser tab.",
                ),
                (
                    "Indicators from the pathfinder era",
                    "The Department for Education's indicators start in 2016, after the "
                    "pathfinder years of 2003 to 2006. For the era itself trustmap has "
                    "under-18 conceptions from 1998, deprivation in 2004 and 2007, and "
                    "children looked after in March 2010. Not found: yearly child population "
                    "estimates by council for 2001 to 2010 (apart from mid-2009), the income "
                    "deprivation affecting children index of 2004 to 2010, children in "
                    "low-income families, and child obesity and early years results before "
                    "2016.",
                ),
                (
                    "Councils that were reorganised",
                    f"Councils were reorganised in {reorganised}. Data published for a "
                    "council follow it to another year's map only where both cover exactly "
                    "the same districts; otherwise they are not shown on that year's map. "
                    "Council outlines are those of December 2016, simplified to about 200 m, "
                    "so small boundary adjustments between 2004 and 2016 are not shown.",
                ),
            ]
        )
    ]


def comparisons() -> list:
    levels = " and ".join(f"{level:.1%}".replace(".0%", "%") for level in CONFIDENCE_LEVELS)
    return [
        _definitions(
            [
                (
                    "Two groups of councils",
                    "The pathfinders are compared with the other councils, or the councils "
                    "whose boundaries matched their NHS body's with the rest. Each council "
                    "counts once, whatever its size. The difference between the two groups' "
                    "means is tested with Welch's t-test, which does not assume that the two "
                    "groups vary equally; a Mann-Whitney U test, which uses ranks only, and "
                    "Hedges' g, the difference in standard deviations, are shown beside it. "
                    f"With fewer than {SMALL_GROUP} councils in a group, one council can swing "
                    "the result, and the page says so.",
                ),
                (
                    "Confidence intervals",
                    "Each difference is shown with its 95% confidence interval: the range of "
                    "differences the councils' values are consistent with. Where the interval "
                    "excludes zero, the Welch test's p-value is below 0.05.",
                ),
                (
                    "Pathfinders in later years",
                    "A council of a later year counts as a pathfinder when more than half of "
                    "its area was a pathfinder's in 2004, and as partly a pathfinder area when "
                    "some of it was.",
                ),
                (
                    "Statistical neighbours",
                    "The Department for Education lists, for each council, the ten councils "
                    "most like it (lists of "
                    f"{' and '.join(LIST_YEARS.values())}). {NEIGHBOURS_DEFINITION} The "
                    "pathfinders' differences are averaged, with a 95% confidence interval, "
                    "and tested against zero.",
                ),
                (
                    "One council against England",
                    "Where the source gives a count and its denominator, the council's "
                    f"{levels} confidence intervals are set against England's value, as "
                    "Fingertips does; otherwise the council's quarter among all councils is "
                    "shown, as the Department for Education's Local Authority Interactive "
                    "Tool does.",
                ),
            ]
        )
    ]


def references() -> list:
    return [
        html.Ul(
            [html.Li(f"{citation}.") for citation in (BACHMANN_2006, BACHMANN_2009)]
            + [html.Li(f"{COMMUNITY_CARE} (the 35 pathfinders, as announced in July 2003).")],
            className="small",
        ),
        dbc.Alert(
            "Published findings are quoted as published; the per-trust answers behind them "
            "were never released.",
            color="light",
            className="small py-2",
        ),
    ]
