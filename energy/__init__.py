"""campus-energy: rooftop PV potential and eco-school subsidy review for Shanghai schools.

The analyst's API (same defaults as the dashboard)::

    from energy import open_survey_db, estimate_pv, campuses, rank_applications

See :mod:`energy.api`.
"""

from energy.api import campuses, estimate_pv, open_survey_db, rank_applications

__all__ = ["campuses", "estimate_pv", "open_survey_db", "rank_applications"]
