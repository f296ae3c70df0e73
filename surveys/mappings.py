"""The survey's column-mapping profiles: which declarations they serve, and reading them.

Profiles themselves are the platform's (:mod:`core.profiles`); this module names the
declarations whose layouts may have one (the survey and the roster), so that a file of
profiles is checked against their fields, and reads the saved profiles the way
:func:`sheets.reader.read_table` takes them.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from core import profiles

__all__ = ["known_fields", "merged_profiles", "saved_profiles", "sheets_of", "spec_named",
           "survey_profiles"]


def specs() -> dict:
    """The declarations read with saved profiles, by name."""
    from surveys.roster import ROSTER
    from surveys.schema import SURVEY

    return {SURVEY.name: SURVEY, ROSTER.name: ROSTER}


def spec_named(name: str):
    """The declaration called ``name`` (``KeyError`` for one this product does not read)."""
    return specs()[name]


def known_fields() -> dict[str, set[str]]:
    """Field names of every declaration, by declaration name (to check a profile file)."""
    return {name: {c.name for c in spec.columns} for name, spec in specs().items()}


def sheets_of(checked) -> list:
    """The parsed sheets of a check (every sheet of a workbook read, or its one sheet)."""
    found = getattr(checked, "sheets", None) or [checked.parsed]
    return [p for p in found if p is not None]


def saved_profiles(store, spec_name: str) -> dict:
    """``{signature: mapping}`` of one declaration saved in ``store``; none from a read-only
    snapshot or backup made before the profiles table existed."""
    try:
        return profiles.profiles_for(store, spec_name)
    except duckdb.CatalogException:
        return {}


def survey_profiles(store) -> dict:
    """The survey's saved profiles (:func:`saved_profiles`)."""
    return saved_profiles(store, "survey")


def merged_profiles(store, spec_name: str, mapping_file: str | Path | None = None) -> dict:
    """The saved profiles, with those of an exported file (``--mapping FILE``) laid over them
    (raises :class:`core.profiles.ProfileError` for a bad file)."""
    merged = saved_profiles(store, spec_name) if store is not None else {}
    if mapping_file is not None:
        merged.update(profiles.read_profiles_file(mapping_file, spec_name, known_fields()))
    return merged
