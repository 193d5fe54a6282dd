"""The national class counts per health vintage and what they cannot say."""

from __future__ import annotations

import pandas as pd
import pytest

from trustmap.analysis.nhs_story import class_count_table, partly_determined


def test_partly_determined_names_the_vintage_and_its_known_bodies():
    table = pd.DataFrame(
        {
            "health": ["pct2006", "ccg2019"],
            "class": ["not_determined", "not_determined"],
            "councils": [106, 0],
            "councils_then": [150, 151],
            "council_vintage": ["2004", "2019"],
            "bodies": [44, 191],
            "expected_bodies": [152, 191],
        }
    )
    assert partly_determined(table) == [
        "PCT October 2006 is partly determined: the bundle knows the extent of 44 of its 152 "
        "bodies, so 106 of the 150 councils of 2004 are shown as not determined."
    ]


@pytest.mark.bundle
def test_class_counts_per_vintage_on_the_bundle(build):
    table = class_count_table(build)
    wide = table.pivot(index="health", columns="class", values="councils")
    assert wide.loc["pct2006"].to_dict() == {
        "coterminous": 36,
        "health_spans_several": 8,
        "la_contains_several": 0,
        "not_determined": 106,
        "overlapping": 0,
    }
    assert wide.loc[
        "ccg2019", ["coterminous", "la_contains_several", "health_spans_several", "overlapping"]
    ].tolist() == [81, 12, 39, 19]
    assert wide.loc["icb2024", "coterminous"] == 3
    assert table.groupby("health")["councils"].sum().to_dict()["ccg2013"] == 152
