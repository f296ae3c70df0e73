"""The scoring rubric: a versioned TOML file, checked with located bilingual errors.

A rubric holds hard gates (metric, comparison, threshold, reason in Chinese and English),
weighted criteria (metric, labels, benefit or cost, normalisation, weight), the tie-break
order, optional shortlist caps and the parameters of verification, metrics and
robustness. The exact text is kept (:attr:`Rubric.text`, :attr:`Rubric.sha256`) and stored
with every ranking run. ``rubric_default.toml`` beside this module is the committee's
adjustable starting point, not an official rubric (none has been published).

Normalisation of a criterion's metric ``x`` over the eligible applications, for the
weighted sum (always into 0–1, 1 best):

``minmax``
    benefit ``(x − min) / (max − min)``; cost ``(max − x) / (max − min)``; all equal → 1.
``max``
    ratio to the best: benefit ``x / max``; cost ``min / x`` (the best, smallest value
    gets 1). Ratio scaling keeps proportions (a payback twice as long gets half the
    points); min–max stretches the field so that the worst always gets 0. The two can
    order applications differently.
``fixed``
    against fixed bounds ``lower``/``upper`` from the rubric, clipped: benefit
    ``(x − lower) / (upper − lower)``, cost ``(upper − x) / (upper − lower)``. Points do not
    depend on the other applications.

A missing value (no verified energy, no survey) normalises to 0. TOPSIS ignores these
settings: it uses its standard vector normalisation ``x / √Σx²`` and treats cost criteria
by placing their ideal at the minimum (see :mod:`energy.subsidy.scoring`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np

from energy.pv.parameters import DEFAULT_ASSUMPTIONS
from energy.subsidy.messages import text
from energy.subsidy.metrics import METRICS
from energy.subsidy.schema import PROJECT_TYPES, PV, REVIEW_CRITERIA
from sheets.report import ERROR, Issue, Report

DEFAULT_RUBRIC_FILE = "rubric_default.toml"
METHODS = ("weighted_sum", "topsis")
DIRECTIONS = ("benefit", "cost")
NORMALISATIONS = ("minmax", "max", "fixed")
GATE_OPS = ("<=", "<", ">=", ">", "is_true")
CAP_GROUPS = ("district", "school_code", "project_type")
CAP_KINDS = ("cny", "share", "count")
BOUND_BASES = ("use", "pv_estimate")
ROBUSTNESS_METHODS = ("auto", "enumerate", "pool", "ratio_fill", "milp")
TIE_FIELDS = ("score", "application_id", "school_code", "project_type", *METRICS)
_OPS = {"<=": np.less_equal, "<": np.less, ">=": np.greater_equal, ">": np.greater}


class RubricError(ValueError):
    """A rubric that cannot be used; :attr:`report` lists every problem bilingually."""

    def __init__(self, report: Report):
        super().__init__("\n".join(i.message for i in report.issues))
        self.report = report


def _number(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, (bool, np.bool_)):
        return "是 yes" if value else "否 no"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


@dataclass(frozen=True)
class Gate:
    """A hard condition: an application failing it is not ranked.

    ``reason_zh``/``reason_en`` may contain ``{value}`` and ``{threshold}``.
    """

    id: str
    metric: str
    op: str
    threshold: float | None
    reason_zh: str
    reason_en: str

    def passes(self, values) -> np.ndarray:
        """Whether each value passes; a missing value fails. [bool]"""
        v = np.asarray(values, dtype=float)
        if self.op == "is_true":
            return v > 0.5
        with np.errstate(invalid="ignore"):
            return _OPS[self.op](v, self.threshold) & ~np.isnan(v)

    def reason(self, value) -> tuple[str, str]:
        """The failure reason for one value, in Chinese and English."""
        filled = [t.replace("{value}", _number(value)).replace(
            "{threshold}", _number(self.threshold)) for t in (self.reason_zh, self.reason_en)]
        return filled[0], filled[1]


@dataclass(frozen=True)
class Criterion:
    """A weighted criterion (weights of a rubric sum to 1)."""

    id: str
    metric: str
    label_zh: str
    label_en: str
    direction: str
    normalisation: str
    weight: float
    lower: float | None = None
    upper: float | None = None


@dataclass(frozen=True)
class Cap:
    """A shortlist limit per group (district, school or project type).

    ``kind``: ``cny`` (subsidy per group [CNY]), ``share`` (of the budget) or ``count``.
    """

    group: str
    kind: str
    limit: float

    def bound(self, budget_cny: float) -> float:
        """The limit in CNY (cny, share) or applications (count)."""
        return self.limit * budget_cny if self.kind == "share" else self.limit


@dataclass(frozen=True)
class Bound:
    """The largest credible annual saving (or PV yield) of one project type.

    ``basis``: ``use`` (a share of the school's annual electricity use) or
    ``pv_estimate`` (PV only: a multiple of our yield estimate for the project's size).
    ``max_share`` [-] is that share. Every bound names its ``source`` or is marked as the
    committee's ``assumption``; ``ask_zh``/``ask_en`` say what to ask a school whose claim
    is above it.
    """

    project_type: str
    basis: str
    max_share: float
    reasoning_zh: str
    reasoning_en: str
    ask_zh: str
    ask_en: str
    source: str = ""
    assumption: bool = False

    def provenance(self) -> tuple[str, str]:
        """Where the bound comes from, in Chinese and English."""
        if self.source:
            return f"来源：{self.source}", f"Source: {self.source}"
        return "委员会假设（无公开来源）", "Committee's assumption (no published source)"


@dataclass(frozen=True)
class Parameters:
    """Numbers of verification, metrics and robustness (see ``rubric_default.toml``)."""

    tariff_cny_per_kwh: float = DEFAULT_ASSUMPTIONS.tariff_cny_per_kwh
    grid_factor_t_per_mwh: float = DEFAULT_ASSUMPTIONS.grid_factor_t_per_mwh
    use_verified: bool = True
    pv_capacity_tolerance: float = 1.0
    pv_yield_tolerance: float = 1.2
    saving_plausibility_share: float = 1.0
    use_mismatch_tolerance: float = 0.2
    trim_min_reviewers: int = 4
    expert_criteria: tuple[str, ...] = ("示范教育",)
    expert_combination: str = "trimmed_mean"
    disagreement_spread: float = 2.0
    need_age_full_years: float = 40.0
    need_intensity_full_ratio: float = 2.0
    robustness_draws: int = 1000
    robustness_concentration: float = 100.0
    robustness_seed: int = 20261124
    robustness_method: str = "auto"
    robustness_exact_solves: int = 50
    borderline_low: float = 0.2
    borderline_high: float = 0.8
    sensitivity_step: float = 0.05


@dataclass(frozen=True)
class Rubric:
    """A checked rubric and the exact text it came from."""

    name: str
    version: str
    label_zh: str
    label_en: str
    method: str
    gates: tuple[Gate, ...]
    criteria: tuple[Criterion, ...]
    tie_break: tuple[str, ...]
    caps: tuple[Cap, ...] = ()
    parameters: Parameters = field(default_factory=Parameters)
    text: str = ""
    bounds: tuple[Bound, ...] = ()

    def bound_for(self, project_type: str) -> Bound | None:
        """The declared bound of a project type, or None (the parameters' default holds)."""
        return next((b for b in self.bounds if b.project_type == project_type), None)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def weights(self) -> np.ndarray:
        return np.array([c.weight for c in self.criteria], dtype=float)

    def replace(self, **changes) -> Rubric:
        """A copy with ``changes`` applied, checked, its text regenerated as TOML."""
        draft = dataclasses.replace(self, **changes)
        return parse_rubric(to_toml(draft), f"{self.name} (edited)")

    def with_relative_weights(self, weights: dict[str, float]) -> Rubric:
        """A copy whose weights are ``weights`` scaled to sum to 1 (as a committee edits
        them: any positive numbers, e.g. percentages)."""
        merged = {c.id: float(weights.get(c.id, c.weight)) for c in self.criteria}
        total = sum(merged.values())
        if total <= 0:
            return self
        return self.with_weights({k: v / total for k, v in merged.items()})

    def with_weights(self, weights: dict[str, float]) -> Rubric:
        """A copy with new weights by criterion id (others unchanged)."""
        criteria = tuple(dataclasses.replace(c, weight=weights.get(c.id, c.weight))
                         for c in self.criteria)
        return self.replace(criteria=criteria)


# --- reading -------------------------------------------------------------------------------

_EXPECTED = {
    str: ("文本", "text"), float: ("数字", "a number"), int: ("整数", "a whole number"),
    bool: ("true 或 false", "true or false"), tuple: ("文本列表", "a list of text"),
}


class _Checker:
    """Reads values from parsed TOML tables, collecting located bilingual problems."""

    def __init__(self, source: str):
        self.report = Report(source)

    def add(self, code: str, key: str, value=None, **fields) -> None:
        zh, en = text(code, key=key, value=value, **fields)
        shown = None if value is None else str(value)
        self.report.add(Issue(ERROR, code, zh, en, cell=key, column=key, value=shown))

    def bad(self, key: str, value, expected: tuple[str, str]) -> None:
        self.add("rubric_bad_value", key, value, expected_zh=expected[0],
                 expected_en=expected[1])

    def get(self, table: dict, key: str, path: str, kind: type, default=...,
            choices: tuple | None = None):
        if key not in table:
            if default is ...:
                self.add("rubric_missing", f"{path}{key}")
            return None if default is ... else default
        value = table[key]
        if not _is_kind(value, kind):
            self.bad(f"{path}{key}", value, _EXPECTED[kind])
            return None
        if choices is not None and value not in choices:
            self.bad(f"{path}{key}", value, (f"以下之一：{'、'.join(choices)}",
                                             f"one of {', '.join(choices)}"))
            return None
        return tuple(value) if kind is tuple else (float(value) if kind is float else value)

    def unknown(self, table: dict, known, path: str) -> None:
        for key in table:
            if key not in known:
                self.bad(f"{path}{key}", key, ("已知的键（拼写是否有误？）",
                                               "a known key (misspelt?)"))


def _is_kind(value, kind: type) -> bool:
    if kind is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind is tuple:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, kind)


def _syntax_error(exc: tomllib.TOMLDecodeError, source: str) -> RubricError:
    found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
    line, col = (found[1], found[2]) if found else ("?", "?")
    checker = _Checker(source)
    zh, en = text("rubric_syntax", line=line, col=col, detail=str(exc))
    checker.report.add(Issue(ERROR, "rubric_syntax", zh, en,
                             row=int(line) if line != "?" else None))
    return RubricError(checker.report)


def _metric(checker: _Checker, table: dict, path: str) -> str | None:
    name = checker.get(table, "metric", path, str)
    if name is not None and name not in METRICS:
        checker.add("rubric_unknown_metric", f"{path}metric", name, allowed=", ".join(METRICS))
        return None
    return name


def _gate(checker: _Checker, table: dict, i: int) -> Gate | None:
    path = f"gates[{i + 1}]."
    checker.unknown(table, {f.name for f in dataclasses.fields(Gate)}, path)
    op = checker.get(table, "op", path, str, choices=GATE_OPS)
    threshold = checker.get(table, "threshold", path, float,
                            default=None if op == "is_true" else ...)
    values = (checker.get(table, "id", path, str), _metric(checker, table, path), op, threshold,
              checker.get(table, "reason_zh", path, str),
              checker.get(table, "reason_en", path, str))
    return None if any(v is None for v in values[:3] + values[4:]) else Gate(*values)


def _criterion(checker: _Checker, table: dict, i: int) -> Criterion | None:
    path = f"criteria[{i + 1}]."
    checker.unknown(table, {f.name for f in dataclasses.fields(Criterion)}, path)
    metric = _metric(checker, table, path)
    known = METRICS.get(metric)
    norm = checker.get(table, "normalisation", path, str, choices=NORMALISATIONS)
    bound = ... if norm == "fixed" else None
    c = Criterion(
        checker.get(table, "id", path, str), metric,
        checker.get(table, "label_zh", path, str, default=known.label_zh if known else ""),
        checker.get(table, "label_en", path, str, default=known.label_en if known else ""),
        checker.get(table, "direction", path, str, choices=DIRECTIONS), norm,
        checker.get(table, "weight", path, float),
        checker.get(table, "lower", path, float, default=bound),
        checker.get(table, "upper", path, float, default=bound))
    if c.weight is not None and c.weight < 0:
        checker.bad(f"{path}weight", c.weight, ("不小于 0 的数", "a number ≥ 0"))
    if norm == "fixed" and c.lower is not None and c.upper is not None and c.upper <= c.lower:
        checker.bad(f"{path}upper", c.upper, ("大于 lower 的数", "a number above lower"))
    required = (c.id, c.metric, c.direction, c.normalisation, c.weight)
    return None if any(v is None for v in required) else c


def _cap(checker: _Checker, table: dict, i: int) -> Cap | None:
    path = f"caps[{i + 1}]."
    checker.unknown(table, {"group", "kind", "limit"}, path)
    cap = Cap(checker.get(table, "group", path, str, choices=CAP_GROUPS),
              checker.get(table, "kind", path, str, choices=CAP_KINDS),
              checker.get(table, "limit", path, float))
    if cap.limit is not None and not cap.limit > 0:
        checker.bad(f"{path}limit", cap.limit, ("大于 0 的数", "a number above 0"))
        return None
    return None if None in (cap.group, cap.kind, cap.limit) else cap


def _bound(checker: _Checker, table: dict, i: int) -> Bound | None:
    path = f"bounds[{i + 1}]."
    checker.unknown(table, {f.name for f in dataclasses.fields(Bound)}, path)
    kind = checker.get(table, "project_type", path, str,
                       choices=tuple(c.value for c in PROJECT_TYPES))
    basis = checker.get(table, "basis", path, str, choices=BOUND_BASES)
    values = [kind, basis, checker.get(table, "max_share", path, float)]
    values += [checker.get(table, k, path, str) for k in ("reasoning_zh", "reasoning_en",
                                                          "ask_zh", "ask_en")]
    values += [checker.get(table, "source", path, str, default=""),
               checker.get(table, "assumption", path, bool, default=False)]
    if values[2] is not None and not values[2] > 0:
        checker.bad(f"{path}max_share", values[2], ("大于 0 的数", "a number above 0"))
    if kind is not None and basis is not None and (kind == PV) != (basis == "pv_estimate"):
        checker.bad(f"{path}basis", basis, ("光伏用 pv_estimate，其他类型用 use",
                                            "pv_estimate for PV, use for every other type"))
    if not values[7] and not values[8]:
        checker.bad(f"{path}source", "", ("来源，或 assumption = true（委员会假设）",
                                          "a source, or assumption = true"))
    return None if any(v is None for v in values) else Bound(*values)


def _parameters(checker: _Checker, table: dict) -> Parameters:
    fields = {f.name: f for f in dataclasses.fields(Parameters)}
    checker.unknown(table, fields, "parameters.")
    values = {}
    for name, f in fields.items():
        kind = type(f.default)
        value = checker.get(table, name, "parameters.", kind, default=f.default)
        values[name] = f.default if value is None else (int(value) if kind is int else value)
    params = Parameters(**values)
    _check_parameters(checker, params)
    return params


def _check_parameters(checker: _Checker, p: Parameters) -> None:
    positive = ("tariff_cny_per_kwh", "grid_factor_t_per_mwh", "pv_capacity_tolerance",
                "pv_yield_tolerance", "saving_plausibility_share", "need_age_full_years",
                "need_intensity_full_ratio", "robustness_concentration")
    for name in positive:
        if not getattr(p, name) > 0:
            checker.bad(f"parameters.{name}", getattr(p, name), ("大于 0 的数", "a number > 0"))
    if not 0 <= p.borderline_low <= p.borderline_high <= 1:
        checker.bad("parameters.borderline_low", p.borderline_low,
                    ("0 ≤ borderline_low ≤ borderline_high ≤ 1", "0 ≤ low ≤ high ≤ 1"))
    known = [c.value for c in REVIEW_CRITERIA]
    for name in p.expert_criteria:
        if name not in known:
            checker.bad("parameters.expert_criteria", name, ("、".join(known), ", ".join(known)))
    if p.expert_combination not in ("trimmed_mean", "zscore"):
        checker.bad("parameters.expert_combination", p.expert_combination,
                    ("trimmed_mean 或 zscore", "trimmed_mean or zscore"))
    if not p.disagreement_spread > 0:
        checker.bad("parameters.disagreement_spread", p.disagreement_spread,
                    ("大于 0 的数", "a number > 0"))
    if p.robustness_method not in ROBUSTNESS_METHODS:
        checker.bad("parameters.robustness_method", p.robustness_method,
                    ("、".join(ROBUSTNESS_METHODS), ", ".join(ROBUSTNESS_METHODS)))
    for name, low in (("robustness_draws", 0), ("robustness_exact_solves", 0),
                      ("trim_min_reviewers", 3)):
        if getattr(p, name) < low:
            checker.bad(f"parameters.{name}", getattr(p, name), (f"不小于 {low} 的整数",
                                                                 f"a whole number ≥ {low}"))


def _tie_break(checker: _Checker, table: dict) -> tuple[str, ...]:
    order = checker.get(table, "tie_break", "rubric.", tuple, default=("score desc",)) or ()
    for item in order:
        parts = item.split()
        if len(parts) != 2 or parts[0] not in TIE_FIELDS or parts[1] not in ("asc", "desc"):
            checker.bad("rubric.tie_break", item, ("“字段 asc|desc”，字段为指标名或 score",
                                                    "'field asc|desc' with a metric or score"))
    if not any(item.split()[0] == "application_id" for item in order if item.split()):
        order = (*order, "application_id asc")
    return tuple(order)


def _unique_ids(checker: _Checker, items, key: str) -> None:
    seen = set()
    for item in items:
        if item.id in seen:
            checker.add("rubric_duplicate", key, item.id)
        seen.add(item.id)


def _unique_types(checker: _Checker, bounds) -> None:
    seen = set()
    for bound in bounds:
        if bound.project_type in seen:
            checker.add("rubric_duplicate", "bounds.project_type", bound.project_type)
        seen.add(bound.project_type)


def _list(checker: _Checker, data: dict, key: str) -> list[dict]:
    items = data.get(key, [])
    if not isinstance(items, list) or not all(isinstance(t, dict) for t in items):
        checker.bad(key, items, (f"[[{key}]] 表", f"[[{key}]] tables"))
        return []
    return items


def _rubric(checker: _Checker, data: dict, source_text: str) -> Rubric:
    head = data.get("rubric", {})
    checker.unknown(data, {"rubric", "parameters", "gates", "criteria", "caps", "bounds"}, "")
    checker.unknown(head, {"name", "version", "label_zh", "label_en", "method", "tie_break"},
                    "rubric.")
    gates = [_gate(checker, t, i) for i, t in enumerate(_list(checker, data, "gates"))]
    criteria = [_criterion(checker, t, i) for i, t in enumerate(_list(checker, data, "criteria"))]
    caps = [_cap(checker, t, i) for i, t in enumerate(_list(checker, data, "caps"))]
    bounds = [_bound(checker, t, i) for i, t in enumerate(_list(checker, data, "bounds"))]
    rubric = Rubric(
        checker.get(head, "name", "rubric.", str), checker.get(head, "version", "rubric.", str),
        checker.get(head, "label_zh", "rubric.", str, default=""),
        checker.get(head, "label_en", "rubric.", str, default=""),
        checker.get(head, "method", "rubric.", str, default="weighted_sum", choices=METHODS),
        tuple(g for g in gates if g), tuple(c for c in criteria if c),
        _tie_break(checker, head), tuple(c for c in caps if c),
        _parameters(checker, data.get("parameters", {})), source_text,
        tuple(b for b in bounds if b))
    _unique_ids(checker, rubric.gates, "gates.id")
    _unique_types(checker, rubric.bounds)
    _unique_ids(checker, rubric.criteria, "criteria.id")
    if not rubric.criteria:
        checker.add("rubric_missing", "criteria")
    elif abs(rubric.weights.sum() - 1.0) > 1e-6:
        checker.add("rubric_weights", "criteria.weight", total=round(rubric.weights.sum(), 6))
    return rubric


def parse_rubric(source_text: str, source: str = "rubric.toml") -> Rubric:
    """Check a rubric's TOML text.

    Raises
    ------
    RubricError
        With every problem, located by line (syntax) or key path (``criteria[2].weight``).
    """
    try:
        data = tomllib.loads(source_text)
    except tomllib.TOMLDecodeError as exc:
        raise _syntax_error(exc, source) from exc
    checker = _Checker(source)
    rubric = _rubric(checker, data, source_text)
    if checker.report.issues:
        raise RubricError(checker.report)
    return rubric


def default_rubric_text() -> str:
    """The text of the shipped default rubric (the committee's starting point)."""
    return resources.files(__package__).joinpath(DEFAULT_RUBRIC_FILE).read_text("utf-8")


def load_rubric(path: str | Path | None = None) -> Rubric:
    """Read and check a rubric file; the shipped default when ``path`` is None."""
    if path is None:
        return parse_rubric(default_rubric_text(), DEFAULT_RUBRIC_FILE)
    data = Path(path).read_bytes()
    try:
        decoded = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        decoded = data.decode("gb18030", errors="replace")
    return parse_rubric(decoded, Path(path).name)


# --- writing -------------------------------------------------------------------------------

def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return "nan" if math.isnan(value) else ("inf" if value == math.inf else repr(value))
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def _table(header: str, pairs: dict) -> list[str]:
    lines = [header]
    lines += [f"{key} = {_toml_value(value)}" for key, value in pairs.items()
              if value is not None]
    return lines + [""]


def to_toml(rubric: Rubric) -> str:
    """The rubric as TOML text that :func:`parse_rubric` reads back to an equal rubric."""
    head = {"name": rubric.name, "version": rubric.version, "label_zh": rubric.label_zh,
            "label_en": rubric.label_en, "method": rubric.method,
            "tie_break": list(rubric.tie_break)}
    lines = ["# 评分细则 Scoring rubric (written by energy.subsidy.rubric.to_toml)", ""]
    lines += _table("[rubric]", head)
    lines += _table("[parameters]", dataclasses.asdict(rubric.parameters))
    for gate in rubric.gates:
        lines += _table("[[gates]]", dataclasses.asdict(gate))
    for criterion in rubric.criteria:
        lines += _table("[[criteria]]", dataclasses.asdict(criterion))
    for cap in rubric.caps:
        lines += _table("[[caps]]", dataclasses.asdict(cap))
    for bound in rubric.bounds:
        lines += _table("[[bounds]]", dataclasses.asdict(bound))
    return "\n".join(lines)
