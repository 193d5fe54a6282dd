"""Declared schemas of the bundle's files and of the project's own tables (pandera)."""

from __future__ import annotations

import pandera.pandas as pa

from trustmap.vocabulary import COUNCIL_TYPES

GSS = r"^E\d{8}$"
COUNCIL_GSS = r"^E(06|07|08|09|10)\d{6}$"
PLACEHOLDER = r"^PRE2009-[A-Z]+$"
OLD_ONS_LA = r"^\d\d[A-Z0-9]{2}$"


def text(
    pattern: str | None = None,
    *,
    nullable: bool = False,
    unique: bool = False,
    isin: list[str] | None = None,
) -> pa.Column:
    checks = []
    if pattern:
        checks.append(pa.Check.str_matches(pattern))
    if isin:
        checks.append(pa.Check.isin(isin))
    return pa.Column(str, checks=checks, nullable=nullable, unique=unique)


def number(*, nullable: bool = True) -> pa.Column:
    return pa.Column(float, nullable=nullable, coerce=True)


def integer() -> pa.Column:
    return pa.Column(int, coerce=True)


def schema(columns: dict[str, pa.Column]) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(columns, strict=False)


LTLA_2016 = schema(
    {
        "ltla16cd": text(GSS, unique=True),
        "ltla16nm": text(),
        "ltla_type": text(isin=["UA", "NMD", "MD", "LB"]),
        "cty16cd": text(r"^E10\d{6}$", nullable=True),
        "cty16nm": text(nullable=True),
        "rgn16cd": text(r"^E12\d{6}$"),
        "rgn16nm": text(),
    }
)
CCG_2019 = schema(
    {
        "CCG19CD": text(r"^E38\d{6}$", unique=True),
        "CCG19CDH": text(),
        "CCG19NM": text(),
    }
)
LSOA11_CCG19_LAD19 = schema(
    {
        "LSOA11CD": text(r"^E01\d{6}$", unique=True),
        "LSOA11NM": text(),
        "CCG19CD": text(r"^E38\d{6}$"),
        "LAD19CD": text(COUNCIL_GSS),
        "LAD19NM": text(),
    }
)
LA_CHANGES = schema(
    {
        "oldcd": text(),
        "oldnm": text(),
        "newcd": text(nullable=True),
        "type": text(),
        "start": integer(),
    }
)
PCT_2006_MEMBERSHIP = schema(
    {
        "pct_code": text(r"^[0-9A-Z]{3}$", nullable=True),
        "pct_name": text(),
        "member_area_name": text(nullable=True),
        "coverage": text(nullable=True, isin=["whole", "part"]),
        "member_gss_code": text(COUNCIL_GSS, nullable=True),
        "source": text(nullable=True),
    }
)
LONG_INDICATOR = {
    "area_code": text(GSS),
    "area_name": text(nullable=True),
    "indicator": text(),
    "period": text(),
    "value": number(),
    "unit": text(),
}
IOD2019_UTLA = schema({**LONG_INDICATOR, "area_code": text(COUNCIL_GSS)})
IOD2019_LTLA = schema(LONG_INDICATOR)
IMD_DERIVED_LTLA21 = schema(LONG_INDICATOR)
INFANT_MORTALITY = schema({**LONG_INDICATOR, "value_note": text(nullable=True)})
LAIT_DATA = schema(
    {
        "area_code": text(GSS),
        "area_name": text(),
        "area_type": text(),
        "indicator_code": text(),
        "period": text(),
        "value": number(),
        "value_note": text(nullable=True),
    }
)
LAIT_METADATA = schema(
    {
        "indicator_code": text(unique=True),
        "topic": text(),
        "measure": text(),
        "unit": text(nullable=True),
        "polarity": text(nullable=True, isin=["High", "Low", "-"]),
        "data_owner": text(nullable=True),
        "source_link": text(nullable=True),
    }
)
SUPPRESSIBLE_COUNT = r"^(\d+|x)$"  # DfE SFR tables write suppressed counts as "x"
SFR27_2010 = schema(
    {
        "geog_l": text(isin=["National", "GOR", "LA"]),
        "geog_c": text(r"^[0-9A-K]+$"),
        "geog_n": text(),
        "MarTotal_2010": text(SUPPRESSIBLE_COUNT),
        "Mid2009Pop0-17": text(SUPPRESSIBLE_COUNT),
    }
)
DFE_LA_NUMBER_GSS = schema(
    {
        "dfe_la_number": text(r"^\d{3}$", unique=True),
        "area_code": text(COUNCIL_GSS, unique=True),
        "area_name": text(),
    }
)
U18_CONCEPTIONS = schema(
    {
        # Two rows join two councils' codes, e.g. "E09000012, E09000001" (Hackney and City).
        "area_code": text(r"^[EKW]\d{8}(, E\d{8})?$"),
        "area_name": text(),
        "year": text(r"^(199[89]|20[01]\d)$"),
        "u18_conceptions": number(nullable=False),
        "u18_conception_rate_per_1000_women_15_17": number(),
    }
)
IMD_LSOA01 = schema(
    {
        "lsoa01_code": text(r"^E01\d{6}$"),
        "la_code": text(OLD_ONS_LA, nullable=True),
        "period": text(isin=["2004", "2007", "2010"]),
        "imd_score": number(nullable=False),
        "imd_rank": integer(),
    }
)

# Project-authored tables (data/ in this repository).
VINTAGES = schema(
    {
        "vintage": text(r"^\d{4}$", unique=True),
        "in_force_from": text(r"^\d{4}-\d\d-\d\d$"),
        "councils": integer(),
        "label": text(),
        "source": text(),
    }
)
COUNCIL_CHANGES = schema(
    {
        "vintage": text(r"^\d{4}$"),
        "la_code": text(f"{GSS}|{PLACEHOLDER}"),
        "la_name": text(),
        "la_type": text(isin=list(COUNCIL_TYPES)),
        "ltla16_members": text(r"^E\d{8}(;E\d{8})*$"),
        "source": text(),
    }
)
PATHFINDERS = schema(
    {
        "announced_name": text(unique=True),
        "la_code_2004": text(f"{GSS}|{PLACEHOLDER}", unique=True),
        "la_name_2004": text(),
        "announced": text(r"^\d{4}-\d\d(-\d\d)?$"),
        "source": text(),
    }
)
THEMES = schema(
    {
        "theme": text(r"^[a-z][a-z-]*$", unique=True),
        "label": text(),
        "scope": text(),
        "published_priority_trusts": pa.Column("Int64", nullable=True, coerce=True),
        "published_wording": text(nullable=True),
        "source": text(nullable=True),
    }
)
INDICATOR_METADATA = schema(
    {
        "id": text(r"^[a-z0-9][a-z0-9-]*$", unique=True),
        "source_file": text(),
        "source_indicator": text(),
        "themes": text(r"^[a-z-]+(;[a-z-]+)*$"),
        "polarity": text(nullable=True, isin=["high", "low", "none"]),
        "label": text(nullable=True),
        "note": text(nullable=True),
    }
)
INDICATOR_ID = r"^[a-z0-9][a-z0-9-]*$"
INDICATOR_STATISTICS = schema(
    {
        "id": text(INDICATOR_ID, unique=True),
        "count_indicator": text(INDICATOR_ID, nullable=True),
        "denominator_indicator": text(INDICATOR_ID, nullable=True),
        "multiplier": pa.Column(float, checks=pa.Check.gt(0), nullable=True, coerce=True),
        "decimals": pa.Column("Int64", checks=pa.Check.in_range(0, 6), nullable=True, coerce=True),
        "kind": text(isin=["rate", "proportion", "count", "money"]),
        "denominator": text(isin=["published", "population", "estimated"], nullable=True),
        "note": text(nullable=True),
    }
)
TRUST_PRIORITIES = schema({"la_code": text(f"{GSS}|{PLACEHOLDER}"), "theme": text(r"^[a-z-]+$")})
STATISTICAL_NEIGHBOURS = schema(
    {
        "vintage": text(isin=["April 2021", "May 2025"]),
        "la_name": text(),
        "area_code": text(COUNCIL_GSS),
        "rank": pa.Column(int, checks=pa.Check.in_range(1, 10), coerce=True),
        "neighbour_area_code": text(COUNCIL_GSS),
        "closeness": text(),
    }
)
MANIFEST = schema(
    {
        "file": text(unique=True),
        "title": text(),
        "publisher": text(),
        "origin": text(),
        "vintage": text(),
        "licence": text(),
    }
)

# NHS commissioners through time (data/boundaries/health_vintages.csv and the files it names).
HEALTH_KINDS = ["PCT", "CCG", "sub-ICB location", "ICB"]
HEALTH_METHODS = ["membership", "overlay", "pct_members"]
HEALTH_VINTAGES = schema(
    {
        "id": text(r"^[a-z]+\d{4}$", unique=True),
        "kind": text(isin=HEALTH_KINDS),
        "in_force_from": text(r"^\d{4}-\d\d-\d\d$"),
        "method": text(isin=HEALTH_METHODS),
        "council_vintage": text(r"^\d{4}$"),
        "expected_bodies": integer(),
        "lookup_file": text(r"^boundaries/\S+\.csv(\.gz)?$", nullable=True),
        "lookup_code": text(nullable=True),
        "lookup_name": text(nullable=True),
        "district_file": text(r"^boundaries/\S+\.csv(\.gz)?$", nullable=True),
        "polygon_file": text(r"^boundaries/\S+\.(geo|topo)json$", nullable=True),
        "polygon_code": text(nullable=True),
        "polygon_name": text(nullable=True),
        "polygon_epsg": pa.Column("Int64", nullable=True, coerce=True),
        "label": text(),
        "source": text(),
    }
)
NHS_CODE = r"^E(38|54)\d{6}$"
LSOA = r"^E01\d{6}$"


def lsoa_health_lookup(
    unit: str, unit_name: str, code: str, name: str, district: str | None
) -> pa.DataFrameSchema:
    """An LSOA -> NHS commissioner (-> district) lookup, its columns named by the caller."""
    columns = {unit: text(LSOA, unique=True), unit_name: text(), code: text(NHS_CODE), name: text()}
    if district:
        columns[district] = text(COUNCIL_GSS)
    return schema(columns)


def lsoa_district_lookup(unit: str, district: str) -> pa.DataFrameSchema:
    """An LSOA -> (ward ->) district lookup: one row per LSOA and ward, Wales included."""
    return schema({unit: text(r"^[EW]01\d{6}$"), district: text(r"^[EW]0[6-9]\d{6}$")})


def health_polygons(code: str, name: str | None) -> pa.DataFrameSchema:
    """Attributes of an NHS commissioner polygon file (TopoJSON files carry codes only)."""
    columns = {code: text(NHS_CODE, unique=True)}
    if name:
        columns[name] = text()
    return schema(columns)


CTYUA_2023 = schema({"CTYUA23CD": text(r"^[ENSW]\d{8}$", unique=True), "CTYUA23NM": text()})
LTLA23_UTLA23 = schema(
    {"ltla23_code": text(r"^[EW]\d{8}$", unique=True), "utla23_code": text(r"^[EW]\d{8}$")}
)
