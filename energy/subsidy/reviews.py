"""Expert scores: several reviewers per application, aggregated by one documented rule.

Rule: for each application and criterion, the scores (0–5) of all reviewers are averaged;
with ``trim_min_reviewers`` (default 4) or more reviewers, the single highest and the
single lowest score are dropped first (a trimmed mean), so that one generous or one harsh
expert cannot move the result alone. The spread (highest − lowest) and the standard
deviation are kept so that the committee sees where experts disagree.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

AGGREGATE_COLUMNS = ["application_id", "criterion", "n_reviewers", "score", "mean", "min",
                     "max", "spread", "std", "trimmed"]


def _aggregate_one(scores: np.ndarray, trim_min: int) -> dict:
    ordered = np.sort(scores)
    trimmed = len(ordered) >= trim_min
    kept = ordered[1:-1] if trimmed else ordered
    return {"n_reviewers": len(ordered), "score": float(kept.mean()),
            "mean": float(ordered.mean()), "min": float(ordered[0]),
            "max": float(ordered[-1]), "spread": float(ordered[-1] - ordered[0]),
            "std": float(ordered.std(ddof=0)), "trimmed": trimmed}


def aggregate_reviews(reviews: pd.DataFrame, trim_min_reviewers: int = 4) -> pd.DataFrame:
    """One row per application and criterion with the aggregated score and the spread.

    Parameters
    ----------
    reviews
        Clean score rows (``application_id, reviewer_id, criterion, score``).
    trim_min_reviewers
        From this many reviewers on, the highest and lowest score are dropped.

    Returns
    -------
    DataFrame
        :data:`AGGREGATE_COLUMNS`; ``score`` is the aggregate [0–5 points], ``spread`` the
        highest minus the lowest score [points].
    """
    rows = []
    if len(reviews):
        for (app_id, criterion), group in reviews.groupby(
                ["application_id", "criterion"], sort=True):
            stats = _aggregate_one(group["score"].to_numpy(float), trim_min_reviewers)
            rows.append({"application_id": app_id, "criterion": criterion, **stats})
    return pd.DataFrame(rows, columns=AGGREGATE_COLUMNS)


def expert_scores(aggregated: pd.DataFrame, criteria: tuple[str, ...]) -> pd.Series:
    """Mean aggregated score over ``criteria`` per application [0–5 points]."""
    used = aggregated[aggregated["criterion"].isin(criteria)]
    return used.groupby("application_id")["score"].mean()
