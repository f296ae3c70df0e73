"""Check a survey file: refuse hostile input, read forgivingly, validate every cell."""

from __future__ import annotations

from pathlib import Path

from surveys.reader import read_survey
from surveys.safety import DEFAULT_LIMITS, Limits
from surveys.validate import ValidationResult, validate


def check_bytes(data: bytes, file_name: str, limits: Limits = DEFAULT_LIMITS) -> ValidationResult:
    """Read and validate a survey file's bytes.

    Raises
    ------
    surveys.reader.UnreadableFile
        When the file is refused before parsing or cannot be parsed at all.
    """
    return validate(read_survey(data, file_name, limits))


def check_file(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> ValidationResult:
    """Read and validate a survey file on disk (see :func:`check_bytes`)."""
    return check_bytes(read_bounded(path, limits), Path(path).name, limits)


def read_bounded(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """A file's bytes, at most one byte past the size limit (so huge files cost nothing)."""
    with open(path, "rb") as handle:
        return handle.read(limits.max_bytes + 1)
