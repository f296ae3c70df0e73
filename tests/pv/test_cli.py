"""Command line ``python -m energy.pv`` (energy/pv/__main__.py)."""

import json
import subprocess
import sys

import pandas as pd
import pytest

from energy.pv.__main__ import _spreadsheet_safe, main
from tests.pv._helpers import REPO, require_epw

YIELD = ["yield", "--lat", "31.23", "--lon", "121.47", "--kwp", "100", "--tilt", "25",
         "--azimuth", "180"]


def run_json(capsys, argv):
    assert main(argv + ["--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_yield_json(capsys):
    out = run_json(capsys, YIELD)
    assert set(out) >= {"annual_kwh", "annual_low_kwh", "specific_yield_kwh_per_kwp",
                        "monthly_kwh", "weather_source", "inputs"}
    assert len(out["monthly_kwh"]) == 12
    assert sum(out["monthly_kwh"]) == pytest.approx(out["annual_kwh"], abs=0.01)
    assert out["specific_yield_kwh_per_kwp"] == pytest.approx(out["annual_kwh"] / 100,
                                                              abs=0.01)
    assert 1100 < out["specific_yield_kwh_per_kwp"] < 1400
    assert out["annual_low_kwh"] < out["annual_kwh"]
    assert "Shanghai" in out["weather_source"]
    assert out["inputs"]["mounting"] == "roof"


def test_yield_options_change_the_result(capsys):
    base = run_json(capsys, YIELD)["annual_kwh"]
    rack = run_json(capsys, YIELD + ["--mounting", "open-rack"])["annual_kwh"]
    lossless = run_json(capsys, YIELD + ["--losses", "0"])["annual_kwh"]
    ratio = run_json(capsys, YIELD + ["--dc-ac-ratio", "1.0", "--inverter-efficiency",
                                      "98"])["annual_kwh"]
    assert rack > base and lossless > base * 1.1 and ratio > base


def test_yield_with_weather_file(capsys):
    epw = require_epw()
    out = run_json(capsys, YIELD + ["--weather", str(epw)])
    assert "TMYx" in out["weather_source"]
    assert 1150 < out["specific_yield_kwh_per_kwp"] < 1350


def test_yield_text_output(capsys):
    assert main(YIELD) == 0
    text = capsys.readouterr().out
    assert "kWh/kWp" in text and "年发电量" in text


@pytest.mark.parametrize("change", [
    ["--kwp", "0"], ["--kwp", "-5"], ["--lat", "91"], ["--lon", "east"], ["--tilt", "95"],
    ["--azimuth", "400"], ["--losses", "100"], ["--dc-ac-ratio", "0"],
    ["--inverter-efficiency", "120"], ["--mounting", "ground"], ["--weather", "/no/such.epw"],
    ["--tilt", "nan"],
])
def test_bad_yield_arguments_exit_2_with_one_line(capsys, change):
    with pytest.raises(SystemExit) as stop:
        main(YIELD + change)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "error:" in err


@pytest.mark.parametrize("argv", [[], ["yield"], ["yield", "--lat", "31"], ["nonsense"],
                                  ["campuses"], ["campuses", "--db", "/no/such.duckdb"]])
def test_missing_arguments_exit_2(capsys, argv):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_module_entry_point():
    done = subprocess.run([sys.executable, "-m", "energy.pv", *YIELD, "--json"], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["annual_kwh"] > 0
    bad = subprocess.run([sys.executable, "-m", "energy.pv", *YIELD, "--kwp", "x"],
                         cwd=REPO, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1 and bad.stdout == ""


def test_spreadsheet_safe_prefixes_formula_text():
    frame = pd.DataFrame({"name": ["=HYPERLINK(1)", "+1", "学校", "-x", "@a"],
                          "n": [-1.0, 2.0, 3.0, 4.0, 5.0]})
    safe = _spreadsheet_safe(frame)
    assert safe["name"].tolist() == ["'=HYPERLINK(1)", "'+1", "学校", "'-x", "'@a"]
    assert safe["n"].tolist() == frame["n"].tolist()


@pytest.fixture(scope="module")
def survey_db(tmp_path_factory):
    demo = pytest.importorskip("surveys.demo")
    pytest.importorskip("surveys.store")
    path = tmp_path_factory.mktemp("store") / "survey.duckdb"
    demo.seed_demo(path, n_schools=4, progress=None)
    return path


def test_campuses_json(capsys, survey_db):
    assert main(["campuses", "--db", str(survey_db), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    campuses = out["campuses"]
    assert len(campuses) == 4
    for campus in campuses:
        assert campus["school_code"] and campus["n_buildings"] > 0
        assert campus["capacity_kwp"] >= 0 and campus["annual_yield_kwh"] >= 0
    assert "Shanghai" in out["weather_source"]


def test_campuses_csv_and_text(capsys, survey_db, tmp_path):
    target = tmp_path / "campuses.csv"
    assert main(["campuses", "--db", str(survey_db), "--csv", str(target)]) == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM so that Excel shows Chinese
    table = pd.read_csv(target, encoding="utf-8-sig", dtype={"school_code": str})
    assert len(table) == 4 and "capacity_kwp" in table
    assert main(["campuses", "--db", str(survey_db)]) == 0
    assert "capacity_kwp" in capsys.readouterr().out
    with pytest.raises(SystemExit) as stop:
        main(["campuses", "--db", str(survey_db), "--json", "--csv", str(target)])
    assert stop.value.code == 2


def test_no_cswd_low_case_outside_shanghai(capsys):
    import pvlib

    greensboro = pvlib.__path__[0] + "/data/723170TYA.CSV"
    out = run_json(capsys, ["yield", "--lat", "36.1", "--lon", "-79.9", "--kwp", "10",
                            "--tilt", "30", "--azimuth", "180", "--weather", greensboro])
    assert out["annual_low_kwh"] is None
    assert 1200 < out["specific_yield_kwh_per_kwp"] < 1700
