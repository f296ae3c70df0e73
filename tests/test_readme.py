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


def test_every_image_the_readme_shows_is_committed():
    import re

    images = re.findall(r"!\[[^\]]+\]\((docs/[^)]+\.png)\)", README)
    assert {"docs/dashboard.png", "docs/report_page.png", "docs/report_plan.png",
            "docs/subsidy.png", "docs/upload_mapping.png"} <= set(images)
    for image in images:
        assert (PROJECT_ROOT / image).stat().st_size > 10_000, image


def test_every_option_of_the_report_and_plan_commands_is_documented():
    from energy.plan.__main__ import build_parser as plan_parser
    from energy.report.__main__ import _parser as report_parser

    for command, parser in (("python -m energy.report", report_parser()),
                            ("python -m energy.plan", plan_parser())):
        assert command in README
        for action in parser._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert option in README, (command, option)
