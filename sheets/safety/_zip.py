"""Zip archives opened for streaming: entry count, unpacked budget, ratios, twin entries."""

from __future__ import annotations

import io
import posixpath
import struct
import unicodedata
import zipfile
import zlib

from sheets.safety._common import Limits, RefusedFile, mb, refuse

MIB = 1024 * 1024
CHUNK = 512 * 1024             # unpacked bytes read from a zip entry at a time [bytes]

_EOCD = b"PK\x05\x06"
_CD_SIGNATURE = b"PK\x01\x02"
_ZIP64_LOCATOR = b"PK\x06\x07"
_EOCD_WINDOW = 65_557          # where readers look for the end record: 22 bytes + comment

ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError,
              ValueError, NotImplementedError, RuntimeError, struct.error)


def entry_key(name: str) -> str:
    """An entry name as readers look it up: ``\\`` as ``/``, no leading ``/``, lower case.

    calamine finds parts case-insensitively with backslashes turned into slashes, so
    ``XL\\Worksheets\\Sheet1.xml`` is the sheet ``xl/worksheets/sheet1.xml`` to it.
    """
    return name.replace("\\", "/").lstrip("/").lower()


def _twin_key(name: str) -> str:
    """An entry name with everything readers disagree on folded away."""
    path = posixpath.normpath("/" + name.replace("\\", "/"))
    return unicodedata.normalize("NFC", path).casefold()


class _CountingReader(io.BytesIO):
    """An in-memory file that counts the bytes read from it (the packed side of a zip)."""

    def __init__(self, data: bytes):
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size: int | None = -1) -> bytes:
        """Read like BytesIO, counting the bytes returned [bytes]."""
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk


class Budget:
    """Unpacked bytes of one upload, shared by the archive and the packages inside it."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.unpacked = 0

    def charge(self, added: int) -> None:
        """Count ``added`` unpacked bytes; refuse past ``limits.max_unpacked_bytes``."""
        self.unpacked += added
        if self.unpacked > self.limits.max_unpacked_bytes:
            raise bomb_total(self.limits)


class Archive:
    """A zip archive opened for streaming, with the unpacked-size budget of the upload.

    Parameters
    ----------
    data : bytes
        The archive [bytes].
    limits : Limits
        Bounds to enforce.
    budget : Budget, optional
        The upload's budget, when this archive is a package embedded in it.
    """

    def __init__(self, data: bytes, limits: Limits, budget: Budget | None = None):
        check_entry_count(data, limits)
        self.limits = limits
        self.budget = budget or Budget(limits)
        self._raw = _CountingReader(data)
        try:
            self.zip = zipfile.ZipFile(self._raw)
        except ZIP_ERRORS as exc:
            raise bad_zip(str(exc)) from exc
        infos = self.zip.infolist()
        if len(infos) > limits.max_zip_entries:
            raise too_many_entries(len(infos), limits)
        _check_twins(infos)
        _check_declared_sizes(infos, limits)
        self.by_name = {entry_key(info.filename): info for info in infos}

    def stream(self, info: zipfile.ZipInfo, sink) -> int:
        """Decompress one entry chunk by chunk into ``sink``; return its unpacked size [bytes].

        ``sink`` has ``feed(chunk)`` and ``close()``, or is None.
        """
        try:
            return self._stream(info, sink)
        except ZIP_ERRORS as exc:
            raise bad_zip(f"{info.filename}: {exc}") from exc

    def _stream(self, info: zipfile.ZipInfo, sink) -> int:
        """Stream one entry; ``stream`` turns zip errors into refusals."""
        start = self._raw.bytes_read
        size = 0
        with self.zip.open(info) as handle:
            while chunk := handle.read(CHUNK):
                size += len(chunk)
                self._charge(info, size, len(chunk), self._raw.bytes_read - start)
                if sink is not None:
                    sink.feed(chunk)
        if sink is not None:
            sink.close()
        return size

    def _charge(self, info: zipfile.ZipInfo, size: int, added: int, packed_read: int) -> None:
        """Count ``added`` unpacked bytes; refuse when the total or the ratio is too high."""
        self.budget.charge(added)
        packed = max(1, min(info.compress_size, packed_read))
        if size > MIB and size > self.limits.max_ratio * packed:
            raise bomb_ratio(info.filename, self.limits)

    def read_part(self, path: str, sink_type) -> bytes | None:
        """A small part streamed into a collecting sink (``sink_type(part, limits)``)."""
        info = self.by_name.get(entry_key(path))
        if info is None:
            return None
        sink = sink_type(info.filename, self.limits)
        self.stream(info, sink)
        return sink.data()


def check_entry_count(data: bytes, limits: Limits) -> None:
    """Bound the entries before :mod:`zipfile` builds one object per central-directory record.

    Also require exactly one end-of-archive record, ending the file: with two, readers may
    pick different ones and so read different archives.
    """
    tail = max(0, len(data) - _EOCD_WINDOW)
    eocd = data.rfind(_EOCD, tail)
    if eocd < 0 or len(data) < eocd + 22:
        raise bad_zip("no end-of-central-directory record")
    declared, cd_size, cd_offset, comment = struct.unpack_from("<10xHIIH", data, eocd)
    if data.count(_EOCD, tail) != 1 or eocd + 22 + comment != len(data):
        raise bad_zip("more than one end-of-central-directory record, or data after it")
    # The directory must sit where it says, right before the end record: readers that
    # correct a wrong offset (for data prepended to the archive) correct it differently.
    if cd_offset != 0xFFFFFFFF and cd_offset + cd_size != eocd \
            and data[eocd - 20:eocd - 16] != _ZIP64_LOCATOR:
        raise bad_zip("the central directory is not where the archive says")
    declared = 0 if declared == 0xFFFF else declared  # Zip64: the real count is elsewhere
    # Every record zipfile accepts starts with the signature: this bounds what it would parse.
    records = data.count(_CD_SIGNATURE, max(0, eocd - cd_size), eocd)
    if max(declared, records) > limits.max_zip_entries:
        raise too_many_entries(max(declared, records), limits)


def _check_twins(infos: list[zipfile.ZipInfo]) -> None:
    """Refuse entries whose names differ only in case, slashes or Unicode normal form."""
    seen: dict[str, str] = {}
    for info in infos:
        key = _twin_key(info.filename)
        if key in seen:
            raise duplicate_part(seen[key], info.filename)
        seen[key] = info.filename


def _check_declared_sizes(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    """Refuse at once what the directory admits to; streaming still counts what is real.

    :mod:`zipfile` never yields more than an entry's declared size (it stops there and the
    CRC check fails), so an honest bomb is refused here without inflating a byte.
    """
    for info in infos:
        if info.file_size > MIB and info.file_size > limits.max_ratio * max(1, info.compress_size):
            raise bomb_ratio(info.filename, limits)
    if sum(info.file_size for info in infos) > limits.max_unpacked_bytes:
        raise bomb_total(limits)


def bad_zip(detail: str) -> RefusedFile:
    """The refusal for a damaged archive or malformed XML."""
    return refuse("bad_zip",
                  f"文件已损坏或不是有效的 .xlsx 工作簿（{detail}）。请用 Excel 或 WPS 打开后另存为 .xlsx 再上传。",
                  f"The file is damaged or not a valid .xlsx workbook ({detail}): open it in "
                  "Excel or WPS, save it as .xlsx and upload again.")


def duplicate_part(first: str, second: str) -> RefusedFile:
    """The refusal for two entries that readers cannot tell apart."""
    return refuse(
        "duplicate_part",
        f"该 .xlsx 中有两个部件的名称只差大小写或斜杠（“{first}”与“{second}”），不同的软件会读取"
        "不同的那一个，导入的数值可能与 Excel 中显示的不一致，已拒绝。请用 Excel 或 WPS 另存为新文件后"
        "重新上传。",
        f"This .xlsx holds two parts whose names differ only in case or slashes ('{first}' and "
        f"'{second}'); programs pick different ones, so the numbers imported could differ from "
        "what Excel shows. It was refused: save it as a new file in Excel or WPS and upload "
        "again.",
    )


def too_many_entries(count: int, limits: Limits) -> RefusedFile:
    """The refusal for an archive with too many parts."""
    return refuse(
        "too_many_entries",
        f"该 .xlsx 文件内部包含 {count} 个部件，超过上限 {limits.max_zip_entries} 个，"
        "不像正常的调研表。请另存为新的 .xlsx 后重新上传。",
        f"This .xlsx holds {count} internal parts, more than the {limits.max_zip_entries} "
        "allowed, which no survey sheet needs: save it as a new .xlsx and upload again.",
    )


def bomb_total(limits: Limits) -> RefusedFile:
    """The refusal for an archive unpacking beyond the total budget."""
    cap = mb(limits.max_unpacked_bytes)
    return refuse(
        "zip_bomb",
        f"该 .xlsx 解压后超过 {cap} MB（疑似“压缩炸弹”），已拒绝。请删除无关内容后另存为新文件再上传。",
        f"This .xlsx unpacks to more than {cap} MB (a likely 'zip bomb') and was refused: "
        "remove unrelated content, save as a new file and upload again.",
    )


def bomb_ratio(part: str, limits: Limits) -> RefusedFile:
    """The refusal for one entry compressed beyond the allowed ratio."""
    ratio = f"{limits.max_ratio:g}"
    return refuse(
        "zip_bomb",
        f"该 .xlsx 中的部件“{part}”压缩比超过 {ratio}:1（疑似“压缩炸弹”），已拒绝。"
        "请用 Excel 或 WPS 另存为新文件后重新上传。",
        f"Part '{part}' of this .xlsx is compressed more than {ratio}:1 (a likely 'zip "
        "bomb') and was refused: save it as a new file in Excel or WPS and upload again.",
    )
