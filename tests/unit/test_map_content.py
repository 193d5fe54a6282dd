"""The map's table twin on hand-made councils: the kept rows and their columns."""

from __future__ import annotations

import pandas as pd

from trustmap.colouring import pathfinder_colouring
from trustmap.map_content import council_rows

COUNCILS = pd.DataFrame(
    {
        "la_code": ["E09000029", "E09000008", "E06000001"],
        "la_name": ["Sutton", "Croydon", "Hartlepool"],
        "region_name": ["London", "London", "North East"],
        "la_type": ["LB", "LB", "UA"],
    }
)
STATUS = pd.DataFrame(
    {
        "la_code": ["E09000029", "E09000008", "E06000001"],
        "la_name": ["Sutton", "Croydon", "Hartlepool"],
        "pathfinder_share": [1.0, 0.0, 0.0],
        "pathfinder": [True, False, False],
        "pathfinder_of": ["Sutton", "", ""],
    }
)
CLASSES = pd.DataFrame(
    {
        "la_code": ["E09000029", "E09000008", "E06000001"],
        "class": ["coterminous", "overlapping", "not_determined"],
        "health_names": ["NHS Sutton CCG", "NHS Croydon CCG;NHS Sutton CCG", ""],
    }
)


def test_rows_keep_only_the_filtered_councils_with_status_class_and_bodies():
    rows = council_rows(
        COUNCILS,
        pathfinder_colouring(STATUS),
        CLASSES,
        health="CCG April 2019",
        kept=["E09000008", "E09000029"],
    )
    assert rows.to_dict("records") == [
        {
            "la_code": "E09000008",
            "la_name": "Croydon",
            "region": "London",
            "council_type": "LB",
            "pathfinder_status": "not a pathfinder",
            "coterminosity": "overlapping",
            "health": "CCG April 2019",
            "health_bodies": "NHS Croydon CCG; NHS Sutton CCG",
        },
        {
            "la_code": "E09000029",
            "la_name": "Sutton",
            "region": "London",
            "council_type": "LB",
            "pathfinder_status": "2003 pathfinder",
            "coterminosity": "coterminous",
            "health": "CCG April 2019",
            "health_bodies": "NHS Sutton CCG",
        },
    ]


def test_no_filter_keeps_every_council():
    rows = council_rows(COUNCILS, pathfinder_colouring(STATUS), CLASSES, health="x")
    assert rows["la_code"].tolist() == ["E06000001", "E09000008", "E09000029"]
    assert rows["coterminosity"].tolist() == ["not determined", "overlapping", "coterminous"]
