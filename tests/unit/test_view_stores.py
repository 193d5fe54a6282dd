"""The view's stores (layouts/view_stores.py): what each holds for a view, so that a change
reaches only the parts that read it."""

from __future__ import annotations

from dash import dcc

from layouts import ids
from layouts.view_stores import STORES, page_stores, shell_id, shell_stores, store_values
from trustmap.show.view import View

SUTTON = "E09000029"
LONDON_READINESS = View(
    "2019",
    "indicator",
    "early-years",
    "lait-fsp-new-gooddev",
    "2025",
    area=SUTTON,
    region="London",
    la_type=None,
    status="pathfinder",
    cclass="coterminous",
    health="ccg2019",
    scheme="equal",
    nhs="ccg2019",
    own="early-years.E09000029",
)


def test_every_store_has_a_value_and_the_view_is_whole():
    values = store_values(LONDON_READINESS.as_dict())
    assert list(values) == list(STORES)
    assert values[ids.VIEW] == LONDON_READINESS.as_dict()
    assert values[ids.AREA] == SUTTON
    assert values[ids.ERA_NHS] == "ccg2019"


def test_the_comparison_key_holds_exactly_its_fields():
    key = store_values(LONDON_READINESS.as_dict())[ids.COMPARISON_KEY]
    assert key == {
        "indicator": "lait-fsp-new-gooddev",
        "period": "2025",
        "region": "London",
        "la_type": None,
        "status": "pathfinder",
        "cclass": "coterminous",
        "nhs": "ccg2019",
        "own": "early-years.E09000029",
    }


def test_the_trend_key_does_not_follow_the_period_nor_the_council():
    key = store_values(LONDON_READINESS.as_dict())[ids.TREND_KEY]
    assert "period" not in key and "area" not in key
    assert key["indicator"] == "lait-fsp-new-gooddev" and key["own"] == "early-years.E09000029"


def test_the_own_key_is_the_theme_and_the_list():
    key = store_values(LONDON_READINESS.as_dict())[ids.OWN_KEY]
    assert key == {"theme": "early-years", "own": "early-years.E09000029"}


def test_the_panel_keys_follow_the_selected_council():
    values = store_values(LONDON_READINESS.as_dict())
    assert values[ids.PANEL_KEY] == {"area": SUTTON, "vintage": "2019", "nhs": "ccg2019"}
    assert values[ids.PANEL_INDICATOR_KEY] == {
        "area": SUTTON,
        "indicator": "lait-fsp-new-gooddev",
        "period": "2025",
    }


def test_without_a_council_the_panel_keys_are_empty_whatever_else_changes():
    none = View("2019", "pathfinder", None, "iod2019-imd-average-score", "2019")
    other = View("2023", "indicator", "send", "lait-fsp-new-gooddev", "2025", nhs="icb2024")
    for view in (none, other):
        values = store_values(view.as_dict())
        assert values[ids.AREA] is None
        assert values[ids.PANEL_KEY] == {}
        assert values[ids.PANEL_INDICATOR_KEY] == {}


def test_a_recolouring_changes_only_the_view():
    recoloured = View(**LONDON_READINESS.as_dict() | {"colour": "coterminosity"})
    before = store_values(LONDON_READINESS.as_dict())
    after = store_values(recoloured.as_dict())
    assert [store for store in STORES if before[store] != after[store]] == [ids.VIEW]


def test_the_shell_s_stores_and_a_page_s_copies():
    assert [store.id for store in shell_stores()] == [shell_id(store) for store in STORES]
    assert len({shell_id(store) for store in STORES} | set(STORES)) == 2 * len(STORES)
    copies = page_stores(LONDON_READINESS)
    assert all(isinstance(store, dcc.Store) for store in copies)
    assert {store.id: store.data for store in copies} == store_values(LONDON_READINESS.as_dict())
