"""'Your priorities': a filter of the side panel keeping only the councils the analyst's own
priorities file (uploaded at the foot of the page, kept in this tab) lists under the chosen
theme; or, opened from a link that carries such a list, the councils the link lists."""

from __future__ import annotations

from dash import html

from layouts import ids
from layouts.common import labelled, native_select
from trustmap.model.own_list import OwnList, own_in_words, under_theme

__all__ = ["own_choices", "own_filter"]

EVERYTHING = "All councils"
NO_FILE = (
    "To use it, upload your trusts' priorities in \"Your trusts' priorities (upload)\" at the "
    "foot of the page (a CSV with the columns la_code and theme: council area codes, and themes "
    "named as in the Theme list): it then keeps only the councils your file lists under the "
    "chosen theme."
)


def own_filter() -> html.Div:
    """The filter as the page starts: nothing to choose until a file or a link gives a list."""
    select = native_select(ids.OWN, [], everything=EVERYTHING)
    select.disabled = True
    return html.Div(
        [
            labelled("Your priorities", select, ids.OWN),
            html.Div(NO_FILE, id=ids.OWN_HELP, className="form-text mt-1"),
        ]
    )


def own_choices(
    *, theme: str | None, from_file: OwnList | None, has_file: bool, in_view: OwnList | None
) -> tuple[list[dict], bool, str]:
    """(options, disabled, help) of the filter: the file's list under `theme` (`from_file`,
    None when the file lists none there), and the view's list when it came from a link. The
    options are short (the side panel is narrow); the help names the theme."""
    options = [{"label": EVERYTHING, "value": ""}]
    if from_file is not None:
        options.append(option(from_file, "your file's"))
    from_link = in_view is not None and in_view != from_file
    if from_link:
        options.append(option(in_view, "the link's"))
    return options, len(options) == 1, help_text(theme, from_file, has_file, in_view, from_link)


def option(own: OwnList, whose: str) -> dict:
    return {"label": f"Only {whose} councils ({len(own.codes)})", "value": own.link_value()}


def help_text(
    theme: str | None,
    from_file: OwnList | None,
    has_file: bool,
    in_view: OwnList | None,
    from_link: bool,
) -> str:
    if from_link:
        return (
            f"This filter came from the link you opened: it keeps the "
            f'{own_in_words(in_view, lister="that link")}, without your file. Choose "All '
            'councils" to drop it, or upload your file to use your own list.'
        )
    if not has_file:
        return NO_FILE
    if from_file is None:
        return f"Your file lists no council {under_theme(theme)}: choose another theme."
    if theme is None:
        return (
            f"It keeps the {own_in_words(from_file)}; choose a theme above to keep only the "
            "councils that named it a priority."
        )
    return (
        f"It keeps the {own_in_words(from_file)}: the map fades the others and the "
        "comparisons, charts and exports leave them out."
    )
