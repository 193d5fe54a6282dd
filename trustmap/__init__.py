"""trustmap: England's children's trust areas, their boundaries, health partners and indicators.

The package holds everything that is not Dash: loading and validating the data bundle, council
and health geographies of every vintage, pathfinders, indicators, coterminosity, statistics and
export. The same functions serve the dashboard, the CLI (`python -m trustmap`) and notebooks.
"""
