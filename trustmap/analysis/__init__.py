"""Answers to the users' questions: group comparisons, council profiles, neighbours, coverage,
the pathfinder era, before/after and outcomes, the NHS story and a council's NHS bodies,
the sources in words. Built from model and stats.

Import a module by name (`from trustmap.analysis import ...`); `__all__` lists them.
"""

__all__ = [
    "before_after",
    "council_facts",
    "coverage",
    "era",
    "evaluation",
    "group_comparison",
    "neighbours",
    "nhs_bodies",
    "nhs_story",
    "outcomes",
    "profile",
    "provenance",
]
