"""Check a survey file: refuse hostile input, read forgivingly, validate every cell.

:func:`check_bytes` does the work in the calling process; :func:`check_isolated` runs it in
a separate worker process with hard limits on memory, CPU time and output
(:mod:`core.isolation`), so that a parser crash or a runaway allocation costs that worker
only. Everything that checks bytes a school sent (the upload page, ``python -m surveys
check|import``, :meth:`surveys.store.SurveyStore.import_bytes`) uses :func:`check_isolated`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from core.isolation import WorkerFailure, limits_from_environment, run_isolated
from sheets.gcpause import collection_paused
from sheets.reader import Profiles, UnreadableFile
from sheets.safety import DEFAULT_LIMITS, Limits
from surveys.validate import ValidationResult, validate_workbook

LOG = logging.getLogger(__name__)


def read_survey(data: bytes, file_name: str, limits: Limits = DEFAULT_LIMITS,
                profiles: Profiles | None = None):
    """Read a building survey sheet, values not yet judged (:func:`sheets.reader.read_table`);
    ``profiles``: saved column mappings (:func:`surveys.mappings.survey_profiles`)."""
    from sheets.reader import read_table
    from surveys.schema import SURVEY

    return read_table(data, file_name, SURVEY, limits, profiles)


@collection_paused()  # one pause over read and check, not two
def check_bytes(data: bytes, file_name: str, limits: Limits = DEFAULT_LIMITS,
                profiles: Profiles | None = None) -> ValidationResult:
    """Read and validate a survey file's bytes, in this process; a layout with a saved
    column-mapping profile in ``profiles`` is read as it says.

    Raises
    ------
    sheets.reader.UnreadableFile
        When the file is refused before parsing or cannot be parsed at all.
    """
    from sheets.reader import read_sheets
    from surveys.schema import SURVEY

    return validate_workbook(read_sheets(data, file_name, SURVEY, limits, profiles))


def isolated(func, *args, **kwargs):
    """Run ``func`` in the isolated worker; a worker failure becomes an
    :class:`~sheets.reader.UnreadableFile` (code ``worker_<reason>``) with its bilingual
    message, like any other refusal."""
    try:
        return run_isolated(func, *args, limits=limits_from_environment(), **kwargs)
    except WorkerFailure as failure:
        raise _refusal(failure) from failure
    except UnreadableFile:
        raise
    except (MemoryError, SystemError) as exc:
        # a native reader that hit the worker's memory limit often says so only this way
        raise _refusal(WorkerFailure("memory", repr(exc)[:200])) from exc
    except ImportError as exc:
        # a library the worker loads lazily could not be mapped within the memory limit
        code = "memory" if "map segment" in str(exc) or "allocate" in str(exc) else "error"
        raise _refusal(WorkerFailure(code, repr(exc)[:200])) from exc
    except Exception as exc:  # a reader broke on this file: a refusal, never a crash page
        LOG.warning("the isolated check %s failed on a file", func.__name__, exc_info=True)
        raise _refusal(WorkerFailure("error", repr(exc)[:200])) from exc


def _refusal(failure: WorkerFailure) -> UnreadableFile:
    return UnreadableFile(f"worker_{failure.code}", failure.message_zh, failure.message_en)


def check_slim(data: bytes, file_name: str, limits: Limits = DEFAULT_LIMITS,
               profiles: Profiles | None = None) -> ValidationResult:
    """:func:`check_bytes` without the parsed cells (the worker's task): what crosses back
    from the worker is the report and the clean tables, not every cell of the sheet."""
    return _slim(check_bytes(data, file_name, limits, profiles))


def _slim(result: ValidationResult) -> ValidationResult:
    for parsed in {id(p): p for p in [result.parsed, *result.sheets] if p is not None}.values():
        parsed.grid = None
        parsed.records = []
    return result


def check_isolated(data: bytes, file_name: str, limits: Limits = DEFAULT_LIMITS,
                   profiles: Profiles | None = None) -> ValidationResult:
    """:func:`check_bytes` in the isolated worker process (see the module docstring).

    Raises
    ------
    sheets.reader.UnreadableFile
        Refused, unparseable, or stopped by the worker's limits.
    """
    return isolated(check_slim, data, file_name, limits, profiles)


@dataclass
class UploadCheck:
    """What the upload page shows: the check, and a bounded preview of the sheet.

    ``result.parsed`` keeps no cells (the whole sheet need not cross from the worker);
    ``preview`` and ``marks`` are those of :func:`sheets.preview.preview`; ``mappings`` how
    each sheet's headers were read, and whether to ask (:func:`sheets.mapping.sheet_mappings`).
    """

    result: ValidationResult
    preview: pd.DataFrame
    marks: dict
    mappings: list = field(default_factory=list)

    @property
    def ask(self) -> bool:
        """Whether some sheet's column mapping is to be confirmed before its values."""
        return any(m.ask for m in self.mappings)


def check_for_upload(data: bytes, file_name: str,
                     profiles: Profiles | None = None) -> UploadCheck:
    """:func:`check_bytes` plus the preview and each sheet's column mapping, in this process
    (the worker's task)."""
    from sheets.mapping import sheet_mappings
    from sheets.preview import preview

    result = check_bytes(data, file_name, profiles=profiles)
    table, marks = preview(result.parsed, result.report)
    # the sheets read, taken here: surveys.mappings would load DuckDB into the worker
    mappings = sheet_mappings([p for p in (result.sheets or [result.parsed]) if p is not None])
    return UploadCheck(_slim(result), table, marks, mappings)


def check_upload_isolated(data: bytes, file_name: str,
                          profiles: Profiles | None = None) -> UploadCheck:
    """:func:`check_for_upload` in the isolated worker (raises UnreadableFile)."""
    return isolated(check_for_upload, data, file_name, profiles)


def check_file(path: str | Path, limits: Limits = DEFAULT_LIMITS,
               profiles: Profiles | None = None) -> ValidationResult:
    """Read and validate a survey file on disk in the isolated worker (``profiles``: see
    :func:`check_bytes`)."""
    return check_isolated(read_bounded(path, limits), Path(path).name, limits, profiles)


def read_bounded(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """A file's bytes, at most one byte past the size limit (so huge files cost nothing)."""
    with open(path, "rb") as handle:
        return handle.read(limits.max_bytes + 1)
