"""The analyst notebooks run top to bottom on a fresh demo database and are committed clean.

Each notebook is executed in a new kernel of this virtualenv's Python (checked below), with
``CAMPUS_ENERGY_DB`` pointing at a temporary demo database (40 schools, 24 applications) that
the kernels inherit from the environment.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sys
import time
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from nbclient import NotebookClient

from core.config import DB_ENV, PROJECT_ROOT
from surveys.store import SurveyStore, snapshot_path

NOTEBOOKS = PROJECT_ROOT / "notebooks"
NAMES = ("01_survey_overview.ipynb", "02_pv_potential.ipynb", "03_subsidy_ranking.ipynb")
# jupyter_client replaces these argv[0] names with sys.executable when it starts a kernel.
_NATIVE = {"python", f"python{sys.version_info[0]}", "python{}.{}".format(*sys.version_info[:2])}
TEST_KERNEL = "campus-energy-test"


def _runs_this_python(argv: list[str]) -> bool:
    # No symlink resolution: two virtualenvs share the base interpreter's binary.
    return bool(argv) and (argv[0] in _NATIVE
                           or os.path.abspath(argv[0]) == os.path.abspath(sys.executable))


@pytest.fixture(scope="module")
def kernel_name(tmp_path_factory):
    """``python3`` when it starts this interpreter, else a temporary kernelspec that does."""
    try:
        argv = KernelSpecManager().get_kernel_spec("python3").argv
    except NoSuchKernel:
        argv = []
    if _runs_this_python(argv):
        yield "python3"
        return
    folder = tmp_path_factory.mktemp("jupyter")
    spec = folder / "kernels" / TEST_KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "campus-energy tests", "language": "python"}), "utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JUPYTER_PATH", os.pathsep.join(
            p for p in (str(folder), os.environ.get("JUPYTER_PATH")) if p))
        yield TEST_KERNEL


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """A seeded demo database (surveys and subsidy applications), named in the environment."""
    from tests.demo_cache import subsidy_demo

    db = tmp_path_factory.mktemp("notebook-db") / "campus_energy.duckdb"
    summary = subsidy_demo(db, n_schools=40, n_applications=24)["subsidy"]
    assert summary["applications"]["status"] == "stored"
    assert snapshot_path(db).exists()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(DB_ENV, str(db))
        mp.setenv("IPYTHONDIR", str(tmp_path_factory.mktemp("ipython")))
        yield db


def execute(name: str, kernel: str) -> tuple[nbformat.NotebookNode, float]:
    """Run a notebook top to bottom in a fresh kernel (raises on the first failing cell)."""
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name=kernel,
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    start = time.perf_counter()
    client.execute()
    return nb, time.perf_counter() - start


def printed(nb: nbformat.NotebookNode) -> str:
    return "".join(out.get("text", "") for cell in nb.cells if cell.cell_type == "code"
                   for out in cell.get("outputs", []) if out.get("output_type") == "stream")


def test_kernel_is_this_virtualenvs_python(kernel_name):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import sys; print(sys.prefix)")])
    NotebookClient(nb, timeout=120, kernel_name=kernel_name).execute()
    assert printed(nb).strip() == sys.prefix


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_on_the_demo_data(name, demo_db, kernel_name):
    nb, seconds = execute(name, kernel_name)
    text = printed(nb)
    # The kernel inherited CAMPUS_ENERGY_DB and read the snapshot beside it.
    assert str(snapshot_path(demo_db)) in text
    assert "DEMO DATA" in text
    errors = [out for cell in nb.cells for out in cell.get("outputs", [])
              if out.get("output_type") == "error"]
    assert not errors
    print(f"{name}: {seconds:.1f} s")


@pytest.mark.slow
def test_survey_overview_with_a_roster(demo_db, kernel_name, tmp_path, monkeypatch):
    """The roster branch of notebook 01: expected schools, some of them missing."""
    from surveys.roster import import_roster

    db = tmp_path / "with_roster.duckdb"
    shutil.copyfile(demo_db, db)
    if demo_db.with_name(demo_db.name + ".wal").exists():
        shutil.copyfile(demo_db.with_name(demo_db.name + ".wal"), db.with_name(db.name + ".wal"))
    with SurveyStore(db) as store:
        schools = store.current_schools()
        rows = [[r.school_code, r.school_name, r.district, r.school_type]
                for r in schools.iloc[3:].itertuples()]
        rows += [["3101019990", "上海市黄浦区未交小学（演示）", "黄浦区", "中小学"],
                 ["3101159990", "上海市浦东新区未交幼儿园（演示）", "浦东新区", "幼儿园"]]
        buffer = io.StringIO()
        csv.writer(buffer).writerows([["学校代码", "学校名称", "所在区", "学校类型"], *rows])
        roster_id, report = import_roster(store, buffer.getvalue().encode("utf-8"), "名单.csv")
        assert roster_id is not None, report.to_text()
    monkeypatch.setenv(DB_ENV, str(db))
    nb, _ = execute(NAMES[0], kernel_name)
    text = printed(nb)
    assert f"名单 Roster: {len(rows)} schools expected" in text
    assert "未提交 missing 2" in text


def test_committed_notebooks_are_clean():
    found = sorted(NOTEBOOKS.glob("*.ipynb"))
    assert set(NAMES) <= {p.name for p in found}
    for path in found:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        first = nb.cells[0]
        assert first.cell_type == "markdown", path.name
        assert "演示数据" in first.source and "demo data" in first.source.lower(), path.name
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [], f"{path.name} {cell.get('id')}: outputs not stripped"
                assert cell.execution_count is None, f"{path.name} {cell.get('id')}: execution count"
        assert nb.metadata.get("kernelspec", {}).get("name") == "python3", path.name


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            pins[name.strip().lower().replace("_", "-")] = version.strip()
    return pins


def test_notebook_requirements_agree_with_the_other_pins():
    text = (PROJECT_ROOT / "requirements-notebook.txt").read_text("utf-8")
    assert "-r requirements.txt" in text.splitlines()
    notebook = _pins(PROJECT_ROOT / "requirements-notebook.txt")
    assert notebook["jupyterlab"] == "4.6.6"
    for other in ("requirements.txt", "requirements-dev.txt"):
        clashes = {name: (version, notebook[name])
                   for name, version in _pins(PROJECT_ROOT / other).items()
                   if name in notebook and notebook[name] != version}
        assert not clashes, f"{other}: {clashes}"
    makefile = (PROJECT_ROOT / "Makefile").read_text("utf-8")
    assert "\nnotebook:" in makefile and "requirements-notebook.txt" in makefile
