"""Rooftop PV potential of Shanghai school buildings (pvlib, PVWatts v8 equivalent).

Modules: :mod:`~energy.pv.parameters` (all assumptions and their sources),
:mod:`~energy.pv.weather` (typical-year weather), :mod:`~energy.pv.roofs` (usable
roof and capacity), :mod:`~energy.pv.yield_` (hourly AC output),
:mod:`~energy.pv.demand` (school load shape, self-consumption) and
:mod:`~energy.pv.portfolio` (many buildings at once, aggregation). Command line:
``python -m energy.pv``.
"""

from energy.pv.parameters import PVAssumptions, describe_assumptions
from energy.pv.portfolio import aggregate, estimate_buildings, monthly_profile

__all__ = ["PVAssumptions", "aggregate", "describe_assumptions", "estimate_buildings",
           "monthly_profile"]
