"""Callbacks: thin adapters from the controls to the core (`trustmap`), one module per page
(`map`, `council`, `compare`, `nhs`, `era`) and the shell's (`view`, `own_filter`,
`priorities`); `downloads` is the whole-table CSV download the map and council pages share.

Importing the package registers every callback with Dash.
"""

from callbacks import (
    charts,
    compare,
    council,
    era,
    map,
    nhs,
    own_filter,
    priorities,
    view,
)

__all__ = [
    "charts",
    "compare",
    "council",
    "era",
    "map",
    "nhs",
    "own_filter",
    "priorities",
    "view",
]
