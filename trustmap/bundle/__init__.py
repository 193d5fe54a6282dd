"""The data bundle and the project's own tables: finding, reading and validating every file, and the
cached build of processed layers. The lowest layer: it imports nothing else of trustmap but the
vocabulary.

Import a module by name (`from trustmap.bundle import ...`); `__all__` lists them.
"""

__all__ = [
    "build",
    "choices",
    "councils",
    "datadir",
    "display",
    "health",
    "health_vintages",
    "indicators",
    "priorities",
    "schemas",
    "sources",
    "tables",
    "themes",
    "validation",
]
