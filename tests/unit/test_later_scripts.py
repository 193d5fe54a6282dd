"""The libraries below the map leave the page's script tags for meta tags, in order."""

from __future__ import annotations

from layouts.later_scripts import split_later

SCRIPTS = (
    '<script src="/_dash-component-suites/dash/deps/react@18.v4.min.js"></script>\n'
    '<script src="/_dash-component-suites/dash_ag_grid/dash_ag_grid.v35.min.js"></script>\n'
    '<script src="/_dash-component-suites/dash_leaflet/dash_leaflet.v1.js"></script>\n'
    '<script src="/_dash-component-suites/dash/dash_table/bundle.v7.js"></script>\n'
    '<script src="/assets/trustmap_map.js?m=1"></script>'
)


def test_grid_and_table_scripts_become_meta_tags_in_order():
    kept, metas = split_later(SCRIPTS)
    assert kept == (
        '<script src="/_dash-component-suites/dash/deps/react@18.v4.min.js"></script>\n'
        '<script src="/_dash-component-suites/dash_leaflet/dash_leaflet.v1.js"></script>\n'
        '<script src="/assets/trustmap_map.js?m=1"></script>'
    )
    assert metas == (
        '\n<meta name="trustmap-later-script" '
        'content="/_dash-component-suites/dash_ag_grid/dash_ag_grid.v35.min.js">'
        '\n<meta name="trustmap-later-script" '
        'content="/_dash-component-suites/dash/dash_table/bundle.v7.js">'
    )


def test_a_page_without_them_is_unchanged():
    only_leaflet = '<script src="/_dash-component-suites/dash_leaflet/dash_leaflet.v1.js"></script>'
    assert split_later(only_leaflet) == (only_leaflet, "")
