"""Shared fixtures for the PV tests."""
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

SHANGHAI_EPW = (REPO.parent / "shared" / "weather"
                / "CHN_SH_Shanghai-Baoshan.583620_TMYx.2011-2025.epw")


@pytest.fixture(scope="session")
def shanghai_epw():
    """Path of the Shanghai-Baoshan TMYx EPW beside the repository; the test
    is skipped when the shared weather folder is not there."""
    if not SHANGHAI_EPW.is_file():
        pytest.skip(f"Shanghai EPW not available at {SHANGHAI_EPW}")
    return SHANGHAI_EPW
