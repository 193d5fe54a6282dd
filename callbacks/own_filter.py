"""'Your priorities': the filter's choices, from the file in this tab's session store and the
view, and the council list the view asks for when the file or the theme changes
(`callbacks.view` calls `asked_own`). Only the list travels, in the link
(`trustmap.model.own_list`): the server keeps no session, and the paint, comparisons and
exports read the link."""

from __future__ import annotations

from dash import Input, Output, callback

from callbacks.priorities import stored_priorities
from layouts import ids
from layouts.own_filter import own_choices
from layouts.view_stores import shell_id
from serving.data import view_from_store
from trustmap.model.own_list import listed_under, read_own, under_theme

__all__ = ["asked_own", "own_filter_choices"]

# A change of either asks the file again for the list under the theme.
RELISTED_BY = (ids.PRIORITIES_STORE, ids.THEME)
OFF = "the 'Your priorities' filter is off"


def asked_own(trigger: str | None, value, data, theme: str | None) -> tuple[str | None, list]:
    """(list asked for, notes): the control's (a link's list stays as it came) unless the file
    or the theme changed while the filter is on; then the file's list under `theme`, off when
    the file is gone or lists no council there. A link's list outlives a theme change when
    there is no file: its words name its own theme."""
    if not value or trigger not in RELISTED_BY:
        return value or None, []
    priorities = stored_priorities(data)
    if priorities is None:
        if trigger == ids.THEME:
            return value, []
        return None, [f"Your priorities file is not loaded any more, so {OFF}."]
    theme = theme if isinstance(theme, str) else None  # a control's value, from the browser
    listed = listed_under(priorities, theme)
    if listed is None:
        return None, [f"Your file lists no council {under_theme(theme)}, so {OFF}."]
    return listed.link_value(), []


@callback(
    Output(ids.OWN, "options"),
    Output(ids.OWN, "disabled"),
    Output(ids.OWN_HELP, "children"),
    Input(shell_id(ids.OWN_KEY), "data"),
    Input(ids.PRIORITIES_STORE, "data"),
)
def own_filter_choices(key, data):
    """The file's list under the view's theme, and the view's own list if a link brought it;
    `key` is the view's theme and list (`callbacks.view`), changed only when they change."""
    view = view_from_store(key if isinstance(key, dict) else {})
    priorities = stored_priorities(data)
    return own_choices(
        theme=view.theme,
        from_file=None if priorities is None else listed_under(priorities, view.theme),
        has_file=priorities is not None,
        in_view=read_own(view.own) if view.own else None,
    )
