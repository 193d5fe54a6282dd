"""The 2001 Census's children by district: ONS Standard Table ST149 as Nomis reports it.

The file is a Nomis report, not a table: 18 stacked blocks (Males and Females x 9 religions),
each a few metadata lines (`"Sex        :","Males"`), a header line starting with the geography's
name, then one row per district and unitary authority on April 2015 boundaries (England and
Wales). There is no all-religions block, so all persons are the sum of the 18 blocks. ONS
adjusted small cells at random, so totals are sound and single cells noisy.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from trustmap.bundle.validation import DataFileError

__all__ = ["CENSUS_DAY", "CHILD_AGES", "ST149_FILE", "read_children_2001"]

ST149_FILE = "indicators/ons_census2001_st149_sex_age_religion_lad15_nomis.csv"
CENSUS_DAY = "29 April 2001"
HEADER_START = "local authority: district / unitary (prior to April 2015)"
CHILD_AGES = ("Age 0 to 4", "Age 5 to 7", "Age 8 to 9", "Age 10 to 14", "Age 15", "Age 16 to 17")
SEXES = ("Males", "Females")
RELIGIONS = 9
ENGLISH_DISTRICT = r"^E0[6789]\d{6}$"


def _blocks(path: Path) -> list[pd.DataFrame]:
    """Each block's rows (the header's columns, plus sex and religion), in file order."""
    lines = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    blocks, labels = [], {}
    position = 0
    while position < len(lines):
        line = lines[position]
        position += 1
        if len(line) == 2 and line[0].rstrip(" :") in ("Sex", "Religion"):
            labels[line[0].rstrip(" :").lower()] = line[1]
        if line[:1] != [HEADER_START]:
            continue
        rows = []
        while position < len(lines) and not lines[position]:  # a blank line under the header
            position += 1
        while position < len(lines) and lines[position][:1] not in ([], [""]):
            rows.append(lines[position])
            position += 1
        if any(len(row) != len(line) for row in rows):
            raise DataFileError(path, f"a row of the {labels} block is not as wide as its header")
        blocks.append(pd.DataFrame(rows, columns=line).assign(**labels))
    return blocks


def _check_blocks(path: Path, blocks: list[pd.DataFrame]) -> None:
    """Raise unless the blocks are the 18 of sex by religion, each over the same areas and with
    every age of a child."""
    pairs = [(block["sex"].iat[0], block["religion"].iat[0]) for block in blocks if len(block)]
    expected = len(SEXES) * RELIGIONS
    if len(set(pairs)) != expected or len(blocks) != expected or {p[0] for p in pairs} != {*SEXES}:
        raise DataFileError(
            path,
            f"expected {expected} blocks, one per sex (Males, Females) and religion, "
            f"found {len(blocks)}: {sorted(set(pairs))}",
        )
    missing = [age for age in CHILD_AGES if age not in blocks[0].columns]
    if missing:
        raise DataFileError(path, f"no column {missing[0]!r}; expected the ages {CHILD_AGES}")
    areas = [sorted(block["mnemonic"]) for block in blocks]
    if any(block_areas != areas[0] for block_areas in areas):
        raise DataFileError(path, "the blocks do not list the same areas")


def read_children_2001(data_dir: Path) -> pd.DataFrame:
    """Children aged 0-17 on Census day 2001 in each English district and unitary authority
    (April 2015 codes, which are the 2016 districts'): ltla_code, ltla_name, children_0_17,
    summed over the 18 blocks of sex by religion."""
    path = data_dir / ST149_FILE
    if not path.is_file():
        raise DataFileError(path, f"file not found in {path.parent}")
    blocks = _blocks(path)
    _check_blocks(path, blocks)
    rows = pd.concat(blocks, ignore_index=True)
    rows = rows[rows["mnemonic"].str.fullmatch(ENGLISH_DISTRICT)]
    ages = rows[list(CHILD_AGES)].apply(pd.to_numeric, errors="coerce")
    if ages.isna().any().any():
        where = rows.loc[ages.isna().any(axis=1), "mnemonic"].iat[0]
        raise DataFileError(path, f"a child's age count of {where} is not a number")
    children = ages.sum(axis=1).groupby(rows["mnemonic"]).sum().astype(int)
    names = rows.drop_duplicates("mnemonic").set_index("mnemonic")[HEADER_START]
    return pd.DataFrame(
        {
            "ltla_code": children.index,
            "ltla_name": names.reindex(children.index).to_numpy(),
            "children_0_17": children.to_numpy(),
        }
    )
