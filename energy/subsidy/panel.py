"""How the panel's scores are combined: as given, or normalised per reviewer (z-score).

Reviewers use the 0–5 scale differently: one gives 4 to almost everything, another rarely
more than 3. With ``expert_combination = "zscore"`` each reviewer's scores on a criterion
are moved to the panel's mean and spread on that criterion before they are aggregated
(:func:`energy.subsidy.reviews.aggregate_reviews`, trimmed mean as always)::

    z = (x − m_r) / s_r,        x' = clip(m_p + z · s_p, 0, 5)

with ``m_r, s_r`` the reviewer's mean and standard deviation (population) over the
applications they scored on the criterion and ``m_p, s_p`` the panel's over every score of
the criterion [points]. A reviewer who scored one application, or gave every application the
same score (``s_r = 0``), is only shifted: ``x' = x − m_r + m_p``. The default,
``trimmed_mean``, uses the scores as given.

Disagreement: an application whose reviewers' scores on a criterion span at least
``disagreement_spread`` points (highest − lowest, as scored) is flagged for discussion.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from energy.subsidy.messages import text

COMBINATIONS = ("trimmed_mean", "zscore")
SCORE_MIN, SCORE_MAX = 0.0, 5.0


def normalise_per_reviewer(reviews: pd.DataFrame) -> pd.DataFrame:
    """The score rows with ``score`` moved to the panel's mean and spread (see module).

    The original score is kept as ``raw_score`` [points].
    """
    if reviews.empty:
        return reviews.assign(raw_score=reviews.get("score"))
    out = reviews.copy()
    x = out["score"].astype(float)
    by_reviewer = out.groupby(["reviewer_id", "criterion"])["score"]
    m_r = by_reviewer.transform("mean").astype(float)
    s_r = by_reviewer.transform(lambda v: float(np.std(v.astype(float)))).astype(float)
    by_panel = out.groupby("criterion")["score"]
    m_p = by_panel.transform("mean").astype(float)
    s_p = by_panel.transform(lambda v: float(np.std(v.astype(float)))).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        scaled = np.where(s_r > 0, m_p + (x - m_r) / s_r * s_p, x - m_r + m_p)
    out["raw_score"] = x
    out["score"] = np.clip(scaled, SCORE_MIN, SCORE_MAX)
    return out


def disagreements(reviews: pd.DataFrame, min_spread: float) -> list[dict]:
    """Flags (``flag_review_disagreement``) where reviewers' scores span ≥ ``min_spread``."""
    if reviews.empty:
        return []
    raw = reviews["raw_score"] if "raw_score" in reviews else reviews["score"]
    spans = raw.astype(float).groupby([reviews["application_id"], reviews["criterion"]]
                                      ).agg(["min", "max"])
    flags = []
    for (app_id, criterion), row in spans.iterrows():
        if row["max"] - row["min"] >= min_spread:
            zh, en = text("flag_review_disagreement", criterion=criterion, low=row["min"],
                          high=row["max"])
            flags.append({"application_id": app_id, "code": "flag_review_disagreement",
                          "claimed": float(row["max"]), "estimated": float(row["min"]),
                          "unit": "分", "message_zh": zh, "message_en": en})
    return flags
