"""Callbacks: thin adapters from the controls to the core (`trustmap`) and its figures.

Importing the package registers every callback with Dash.
"""

from callbacks import (
    charts,
    comparison,
    council_map,
    detail,
    era,
    exports,
    lazy,
    map_files,
    nhs_story,
    own_filter,
    priorities,
    view,
)

__all__ = [
    "charts",
    "comparison",
    "council_map",
    "detail",
    "era",
    "exports",
    "lazy",
    "map_files",
    "nhs_story",
    "own_filter",
    "priorities",
    "view",
]
