"""The package's names load on first use: the isolated worker's child, which imports only the
module of the function it runs, does not pay for the ranking's scipy and pvlib (seconds per
upload on a loaded machine, the child running at a lower priority)."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# The modules whose functions run in the isolated worker (energy.subsidy.intake.check_sheet,
# check_intentions; energy.subsidy.material_checks.check_material).
WORKER_MODULES = ["energy.subsidy.intake", "energy.subsidy.material_checks"]
HEAVY = ("scipy", "pvlib")


@pytest.mark.parametrize("module", WORKER_MODULES)
def test_a_worker_module_loads_without_scipy_or_pvlib(module):
    code = f"import sys, {module}; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                            text=True, check=True, timeout=120)
    assert loaded.stdout.strip() == ""


@pytest.mark.parametrize("package", ["energy", "energy.subsidy"])
def test_every_name_of_the_package_is_its_modules_own(package):
    loaded = importlib.import_module(package)
    assert loaded.__all__
    for name in loaded.__all__:
        value = getattr(loaded, name)
        assert getattr(importlib.import_module(value.__module__), name) is value


@pytest.mark.parametrize("package", ["energy", "energy.subsidy"])
def test_an_unknown_name_is_an_attribute_error(package):
    with pytest.raises(AttributeError, match="no_such_name"):
        importlib.import_module(package).no_such_name  # noqa: B018
