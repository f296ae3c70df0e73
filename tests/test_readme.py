"""The README stays true: every PV assumption and CLI command it relies on is listed."""

from __future__ import annotations

import dataclasses

from core.config import PROJECT_ROOT
from energy.pv import PVAssumptions
from surveys.__main__ import build_parser

README = (PROJECT_ROOT / "README.md").read_text("utf-8")


def test_every_pv_assumption_is_documented():
    for field in dataclasses.fields(PVAssumptions):
        assert f"`{field.name}`" in README, field.name


def test_every_survey_command_is_documented():
    commands = build_parser()._subparsers._group_actions[0].choices
    for name in commands:
        assert f"python -m surveys {name}" in README, name


def test_readme_names_the_two_commands_and_the_screenshot():
    assert "make run" in README and "make test" in README
    assert (PROJECT_ROOT / "docs" / "dashboard.png").exists()
