"""The shell around every page: the name, "Find a council", the navigation, the view's stores,
the controls beside the page (not on the wide pages) and Dash Pages' container."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import dash_mantine_components as dmc
from dash import dcc, html

from layouts import ids
from layouts.controls import find_council, side_panel
from layouts.pages import PAGES, SITE
from layouts.view_stores import shell_stores
from trustmap.bundle.build import Build
from trustmap.show.view import Choices

__all__ = ["shell"]

CONTENT = "page-content"  # the skip link's target


def page_container() -> html.Div:
    """Dash Pages' container, its store holding the site's name as the tab's title until a page
    is drawn: Dash's callback that writes the title from that store can run before the first
    page's (it would read the title of nothing)."""
    return html.Div(
        [
            dcc.Store(id=child.id, data={"title": SITE}) if isinstance(child, dcc.Store) else child
            for child in dash.page_container.children
        ]
    )


def shell(build: Build, choices: Choices) -> dmc.MantineProvider:
    """Header (name, search, navigation) above the page; the controls beside it on a wide
    screen and below it on a phone. Which pages show the controls is a class of the page's
    body read by the style sheet, so nothing moves once a page has drawn. Mantine's provider
    around it all serves the indicator picker (`layouts.controls.indicator_picker`)."""
    page = html.Div(
        [
            html.A(
                "Skip to the page's content",
                href=f"#{CONTENT}",
                className="visually-hidden-focusable",
            ),
            *shell_stores(),
            dcc.Store(id=ids.CLICKED),
            dcc.Store(id=ids.CHANGED),
            dbc.Container(
                [
                    header(build, choices),
                    html.Div(id=ids.URL_ALERT),
                    dbc.Row(
                        [
                            dbc.Col(
                                side_panel(build, choices),
                                id=ids.SIDE,
                                xl=3,
                                lg=4,
                                className="trustmap-side-column order-last order-lg-first",
                            ),
                            dbc.Col(
                                html.Main(page_container(), id=CONTENT),
                                xl=9,
                                lg=8,
                                className="trustmap-page-column",
                            ),
                        ],
                        className="g-3 trustmap-shell",
                    ),
                ],
                fluid=True,
                className="py-2",
            ),
        ]
    )
    return dmc.MantineProvider(page)


def header(build: Build, choices: Choices) -> html.Header:
    """trustmap's name, "Find a council" (first on a phone) and the pages."""
    return html.Header(
        dbc.Row(
            [
                dbc.Col(
                    html.A("trustmap", href="/", className="trustmap-brand h5 mb-0"),
                    xs=12,
                    lg="auto",
                    className="order-1 order-lg-0",
                ),
                dbc.Col(navigation(), xs=12, lg=True, className="order-2 order-lg-1"),
                dbc.Col(
                    find_council(build, choices.default_view()),
                    xs=12,
                    lg=3,
                    className="order-0 order-lg-2",
                ),
            ],
            className="g-2 align-items-end mb-2",
        ),
        className="trustmap-header",
    )


def navigation() -> html.Nav:
    """A link per page; the view callback writes each link's query, so the view travels."""
    links = [
        dbc.NavLink(page.label, href=page.path, id=ids.nav_link(page.name), active="exact")
        for page in PAGES
        if page.in_navigation
    ]
    return html.Nav(
        dbc.Nav(links, pills=True, className="flex-wrap trustmap-nav"),
        **{"aria-label": "Pages"},
    )
