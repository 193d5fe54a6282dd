"""Statistics and their wording: Welch and Mann-Whitney comparisons, judgements against England,
rates, change, a council-level difference-in-differences, a regression term's estimate,
rounding and plain readings. Pure functions of numbers and frames.

Import a module by name (`from trustmap.stats import ...`); `__all__` lists them.
"""

__all__ = [
    "change",
    "compare",
    "did",
    "formatting",
    "judgement",
    "rates",
    "readings",
    "regression",
    "wording",
]
