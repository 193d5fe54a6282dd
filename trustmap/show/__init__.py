"""What a person sees, as data: the view, colours and line styles, the map's content and paint,
chart tables and figures. No Dash: the shell turns these into components.

Import a module by name (`from trustmap.show import ...`); `__all__` lists them.
"""

__all__ = [
    "chart_figures",
    "chart_tables",
    "colouring",
    "era_figures",
    "map_content",
    "map_paint",
    "outlines",
    "spine_figure",
    "timeline_strip",
    "view",
]
