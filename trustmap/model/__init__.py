"""Councils and their NHS bodies as facts: vintages, indicator values, pathfinders, coterminosity
and its classes, filters and search. Reads the bundle; knows no statistics.

Import a module by name (`from trustmap.model import ...`); `__all__` lists them.
"""

__all__ = [
    "coterminosity",
    "council_filter",
    "council_search",
    "health_classes",
    "own_list",
    "pathfinders",
    "values",
    "vintages",
]
