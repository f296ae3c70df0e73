"""Agreement with NREL PVWatts v8 (PySAM ``Pvwattsv8``) on the Shanghai TMYx EPW.

PySAM reads the EPW itself and, following the EPW format, takes each hour's
irradiance as centred half an hour after the start of the hour; the chain is given
the same reading (``read_epw(centre_offset_min=30)``), so the comparison isolates the
models. (The reader's default measures this file's irradiance as centred on the
start of the hour instead; see ``test_measured_alignment_differs_from_pysam``.)
"""

import itertools

import numpy as np
import pytest

from energy.pv.parameters import DEFAULT_ASSUMPTIONS as A
from energy.pv.yield_ import ac_power_per_kwp, solar_inputs
from tests.pv._helpers import epw_weather, require_epw

pvwattsv8 = pytest.importorskip("PySAM.Pvwattsv8")

TILTS = (0.0, 10.0, 20.0, 30.0, 40.0)
AZIMUTHS = (90.0, 135.0, 180.0, 225.0, 270.0)
GRID = list(itertools.product(TILTS, AZIMUTHS))
TOLERANCE = 0.02  # the target: within ±2 % of PVWatts v8 annual AC energy


def pysam_annual_kwh_per_kwp(epw, tilt, azimuth):
    model = pvwattsv8.new()
    model.SolarResource.solar_resource_file = str(epw)
    design = model.SystemDesign
    design.system_capacity = 1.0
    design.array_type = 1  # fixed roof mount
    design.module_type = 0  # standard
    design.losses = A.losses_pct
    design.dc_ac_ratio = A.dc_ac_ratio
    design.inv_eff = A.inverter_efficiency_pct
    design.tilt = tilt
    design.azimuth = azimuth
    model.execute(0)
    return model.Outputs.annual_energy


def chain_annual_kwh_per_kwp(centre_offset_min):
    frame, source = epw_weather(centre_offset_min)
    solar = solar_inputs(frame, source.latitude, source.longitude, source.altitude_m)
    tilts, azimuths = zip(*GRID, strict=True)
    annual = ac_power_per_kwp(frame, solar, tilts, azimuths, A).sum(axis=0)
    return dict(zip(GRID, annual, strict=True))


@pytest.fixture(scope="module")
def chain():
    require_epw()
    return chain_annual_kwh_per_kwp(30.0)


@pytest.fixture(scope="module")
def pysam():
    epw = require_epw()
    return {key: pysam_annual_kwh_per_kwp(epw, *key) for key in GRID}


@pytest.mark.parametrize("tilt, azimuth", GRID)
def test_annual_energy_within_two_percent_of_pvwatts_v8(chain, pysam, tilt, azimuth):
    ratio = chain[(tilt, azimuth)] / pysam[(tilt, azimuth)]
    assert abs(ratio - 1) < TOLERANCE, f"tilt {tilt}, azimuth {azimuth}: {ratio - 1:+.2%}"


def test_field_note_pvwatts_figures(pysam):
    # PVWatts v8 on this file (field notes): 1,123 flat, 1,262 at 25°, E/W 1,063/1,119 at 20°
    assert pysam[(0.0, 180.0)] == pytest.approx(1123, abs=2)
    assert pysam[(20.0, 90.0)] == pytest.approx(1063, abs=2)
    assert pysam[(20.0, 270.0)] == pytest.approx(1119, abs=2)


def test_east_and_west_errors_are_balanced(chain, pysam):
    # a one-hour slip would show as opposite east/west errors of 8-11 %
    errors = {key: chain[key] / pysam[key] - 1 for key in GRID}
    for tilt in TILTS[1:]:
        assert abs(errors[(tilt, 90.0)] - errors[(tilt, 270.0)]) < 0.01
    spread = np.array(list(errors.values()))
    assert spread.max() - spread.min() < 0.015


def test_measured_alignment_differs_from_pysam(pysam):
    # The reader's default alignment (irradiance centred at the start of each EPW hour,
    # measured from the data) moves east-facing output up and west-facing down
    # against PySAM's reading of the same file: a data question, not a model one.
    chain = chain_annual_kwh_per_kwp(None)
    east = chain[(40.0, 90.0)] / pysam[(40.0, 90.0)] - 1
    west = chain[(40.0, 270.0)] / pysam[(40.0, 270.0)] - 1
    south = chain[(40.0, 180.0)] / pysam[(40.0, 180.0)] - 1
    assert east > 0.04 and west < -0.03 and abs(south) < 0.01
