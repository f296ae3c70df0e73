"""campus-energy: rooftop PV potential and eco-school subsidy review for Shanghai schools.

The analyst's API (same defaults as the dashboard)::

    from energy import open_survey_db, estimate_pv, campuses, rank_applications

See :mod:`energy.api`. Its names load on first use: a module of the package alone (the
isolated worker's :mod:`energy.subsidy.intake`) then imports neither pvlib nor scipy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from energy.api import campuses, estimate_pv, open_survey_db, rank_applications

__all__ = ["campuses", "estimate_pv", "open_survey_db", "rank_applications"]


def __getattr__(name: str):
    if name in __all__:
        return getattr(importlib.import_module("energy.api"), name)
    raise AttributeError(f"module 'energy' has no attribute {name!r}")
