"""One council against England on every indicator it has (the latest period of each)."""

from __future__ import annotations

import pandas as pd

from trustmap import compare
from trustmap.build import Build
from trustmap.choices import UnknownChoiceError

__all__ = ["latest_council_rows", "profile"]


def latest_council_rows(build: Build, area_code: str) -> pd.DataFrame:
    """For each indicator with a value for `area_code`, its latest period's row."""
    values = build["indicator_values"]
    own = values[(values["area_code"] == area_code) & (values["geography"] == "council")]
    if own.empty:
        known = set(build["council_members"]["la_code"])
        problem = "has no indicator values" if area_code in known else "is not a council code"
        raise UnknownChoiceError(f"area '{area_code}' {problem}")
    return own.sort_values("period").groupby("indicator_id").tail(1)


def profile(build: Build, area_code: str) -> pd.DataFrame:
    """Per indicator: indicator_id, label, period, value, england_value, england_source, rank,
    of, quintile, judgement, unit, polarity, source. England's value is the source's own where
    it has one, else the mean of councils."""
    if area_code not in set(build["council_members"]["la_code"]):
        raise UnknownChoiceError(f"area '{area_code}' is not a council code")
    values = build["indicator_values"]
    catalogue = build["indicator_catalogue"].set_index("id")
    england = values[values["geography"] == "england"].set_index(["indicator_id", "period"])[
        "value"
    ]
    latest = latest_council_rows(build, area_code)
    keys = ["indicator_id", "period", "vintage"]
    peers = values[values["indicator_id"].isin(latest["indicator_id"])].merge(latest[keys], on=keys)
    codes, numbers = peers["area_code"].to_numpy(), peers["value"].to_numpy()
    peers_by_key = {
        key: pd.Series(numbers[positions], index=codes[positions])
        for key, positions in peers.groupby(keys).indices.items()
    }
    rows = []
    for row in latest.itertuples():
        polarity = catalogue.at[row.indicator_id, "polarity"]
        versus = compare.compare_area_with_england(
            area_code,
            peers_by_key[(row.indicator_id, row.period, row.vintage)],
            polarity=None if polarity == "none" else polarity,
            england_value=england.get((row.indicator_id, row.period)),
        )
        rows.append(
            {
                "indicator_id": row.indicator_id,
                "label": catalogue.at[row.indicator_id, "label"],
                "period": row.period,
                **versus.as_dict(),
                "unit": catalogue.at[row.indicator_id, "unit"],
                "polarity": polarity,
                "source": catalogue.at[row.indicator_id, "source"],
            }
        )
    return pd.DataFrame(rows).drop(columns="area_code")
