"""Slides and files for presenters: the Chromium renderer, slide figures, the map slide and the
briefing pack.

Import a module by name (`from trustmap.export import ...`); `__all__` lists them.
"""

__all__ = [
    "era_slides",
    "renderer",
    "slide_map",
    "slides",
]
