"""Rows that carry the sum of their neighbours: group headings with subtotals, unlabelled totals.

A school that groups its buildings (一、教学区 over 1号教学楼 and 实验楼) often types the
group's own areas on the group's row; a sheet may end with a total row whose label was left
out. Neither is a building. Such a row is recognised by what a person checks at a glance:
its amounts equal the sum of the rows just under it (a group heading) or just above it (a
subtotal or total), and it leaves out the details a building row gives (use, year, floors).
"""

from __future__ import annotations

from dataclasses import dataclass

from sheets.cells import NumberProblem, parse_number

ADDITIVE_UNITS = ("m2", "kw", "kwh")  # amounts that add up over buildings
RELATIVE_TOLERANCE = 0.005  # typed sums are rounded: 0.5 % …
ABSOLUTE_TOLERANCE = 1.0    # … or one unit


@dataclass(frozen=True)
class SumRow:
    """A record whose amounts are the sum of ``n`` neighbouring records.

    ``index`` is the record's position; ``below`` says whether its parts follow it (a group
    heading) or precede it (a subtotal or total).
    """

    index: int
    n: int
    below: bool


def _amounts(values: dict, additive: tuple[str, ...]) -> dict[str, float]:
    found = {}
    for name in additive:
        raw = values.get(name)
        try:
            number = parse_number(raw)
        except NumberProblem:
            continue
        if number is not None:
            found[name] = number
    return found


def _equal(total: float, parts: float) -> bool:
    return abs(total - parts) <= max(ABSOLUTE_TOLERANCE, RELATIVE_TOLERANCE * abs(total))


def _sum_of(amounts: list[dict[str, float]], total: dict[str, float], parts) -> bool:
    """Whether every amount of ``total`` is the sum of the same field over ``parts``."""
    for name, value in total.items():
        if not _equal(value, sum(amounts[k].get(name, 0.0) for k in parts)):
            return False
    return True


def _sparse(filled: list[int]) -> list[bool]:
    """Records that leave out details most records give (at least two fields fewer)."""
    usual = sorted(filled)[len(filled) // 2]
    return [n <= usual - 2 for n in filled]


def sum_rows(records: list[dict], additive: tuple[str, ...]) -> list[SumRow]:
    """Records whose amounts are the sum of the records just under or just above them.

    Parameters
    ----------
    records
        Each record's raw values by field (numbers or text such as ``"1,200"``).
    additive
        Fields whose amounts add up over buildings (areas [m²], capacities [kW]).

    Returns
    -------
    list of SumRow
        In record order; the parts of a sum are never themselves sums of the same group.
    """
    if len(records) < 3:
        return []
    sparse = _sparse([sum(v is not None for v in r.values()) for r in records])
    if not any(sparse):
        return []  # every record gives the usual details: no heading or total among them
    amounts = _Amounts(records, additive)
    found: list[SumRow] = []
    taken: set[int] = set()
    for i in (k for k, thin in enumerate(sparse) if thin):
        total = amounts[i]
        if not total or not any(v > 0 for v in total.values()):
            continue
        hit = _parts_below(amounts, sparse, i, total) or _parts_above(amounts, sparse, taken, i, total)
        if hit:
            found.append(hit)
            taken.add(i)
    return found


class _Amounts:
    """Each record's additive amounts, parsed when first asked for (most never are)."""

    def __init__(self, records: list[dict], additive: tuple[str, ...]):
        self._records, self._additive = records, additive
        self._done: dict[int, dict[str, float]] = {}

    def __len__(self) -> int:
        return len(self._records)

    def __getitem__(self, k: int) -> dict[str, float]:
        if k not in self._done:
            self._done[k] = _amounts(self._records[k], self._additive)
        return self._done[k]


def _parts_below(amounts, sparse, i, total) -> SumRow | None:
    for end in range(i + 3, len(amounts) + 1):
        parts = range(i + 1, end)
        if sparse[end - 1]:
            return None  # the next group starts: its heading is not a part of this one
        if _sum_of(amounts, total, parts):
            return SumRow(i, len(parts), below=True)
    return None


def _parts_above(amounts, sparse, taken, i, total) -> SumRow | None:
    parts: list[int] = []
    for k in range(i - 1, -1, -1):
        if k in taken:
            continue  # a total over groups adds the groups' parts, not their headings
        if sparse[k]:
            return None
        parts.append(k)
        if len(parts) >= 2 and _sum_of(amounts, total, parts):
            return SumRow(i, len(parts), below=False)
    return None
