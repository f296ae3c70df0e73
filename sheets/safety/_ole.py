"""A bounded reader of OLE2 compound files that follows python-calamine's steps.

calamine (0.37) trusts the compound file: it reserves memory for as many FAT and DIFAT
entries as the header claims (``Vec::with_capacity`` of an untrusted 32-bit count), follows
sector chains without noticing loops (the directory chain has no length limit, so a loop
grows memory until the process aborts), indexes the FAT with any pointer (a panic), and
reads a stream for as long as its directory entry claims. :class:`OleFile` walks the same
structures in the same order and raises :class:`OleError` wherever calamine would allocate
by an untrusted count, loop, index out of range or read outside the file. What it returns
is byte for byte what calamine reads.
"""

from __future__ import annotations

import struct
import sys
from array import array

END_OF_CHAIN = 0xFFFFFFFE
_RESERVED = 0xFFFFFFFA          # ids from here on are markers, not sectors
_DIFSECT = 0xFFFFFFFC
_HEADER = 512                   # bytes of the header that matter [bytes]
_ENTRY = 128                    # one directory entry [bytes]
_MINI_SECTOR = 64               # [bytes]
_MINI_CUTOFF = 4096             # calamine's, whatever the header says [bytes]
# calamine reserves ``u32 at offset 62`` DIFAT entries (a field straddling two others);
# Excel's files give at most a few million [entries].
_MAX_DIFAT_RESERVE = 1 << 24
_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")


class OleError(Exception):
    """The compound file is damaged or crafted; ``str()`` says where, in English."""


def _u32s(data: bytes) -> array:
    """Little-endian 32-bit integers of ``data`` (a trailing partial one is dropped)."""
    words = array("I")
    words.frombytes(data[: len(data) // 4 * 4])
    if sys.byteorder == "big":  # pragma: no cover
        words.byteswap()
    return words


class OleFile:
    """The directory and streams of a compound file, read the way calamine reads them.

    Parameters
    ----------
    data : bytes
        The whole file [bytes].

    Attributes
    ----------
    names : list of str
        Every directory entry's name, in directory order (unused entries included: calamine
        looks streams up among all of them).

    Raises
    ------
    OleError
        When a structure is damaged, loops, points outside the file or claims more than
        the file can hold.
    """

    def __init__(self, data: bytes):
        self._data = data
        self._read_header()
        self._fats = self._load_fat()
        self._entries = self._load_directory()
        self.names = [name for name, _start, _size in self._entries]
        self._mini_fats, self._mini_stream = self._load_mini_stream()

    # ---------------------------------------------------------------- header and tables

    def _read_header(self) -> None:
        data = self._data
        if len(data) < _HEADER or not data.startswith(_SIGNATURE):
            raise OleError("not a compound file")
        version, shift, mini_shift = struct.unpack_from("<H2xHH", data, 26)
        if shift not in (9, 12):
            raise OleError(f"sector shift {shift}")
        if mini_shift != 6:
            raise OleError(f"mini sector shift {mini_shift}")
        self.version = version
        self.sector = 1 << shift
        self._offset = max(_HEADER, self.sector)   # sector 0 starts after the header
        if len(data) < self._offset:
            raise OleError("header truncated")
        (self._fat_len, self._dir_start, self._mini_fat_start, self._mini_fat_len,
         self._difat_start) = struct.unpack_from("<I I 8x I I I", data, 44)
        if struct.unpack_from("<I", data, 62)[0] > _MAX_DIFAT_RESERVE:
            raise OleError("header fields at offset 62 claim billions of DIFAT entries")
        self._max_id = len(data) // self.sector
        if self._fat_len > self._max_id + 1:
            raise OleError(f"{self._fat_len} FAT sectors claimed, the file has {self._max_id}")

    def _sector(self, sector_id: int) -> bytes:
        """One sector as calamine reads it (possibly short at the end of the file)."""
        if sector_id > self._max_id:
            raise OleError(f"sector {sector_id:#x} beyond the end of the file")
        start = self._offset + sector_id * self.sector
        if start > len(self._data):
            raise OleError(f"sector {sector_id} starts beyond the end of the file")
        return self._data[start:start + self.sector]

    def _load_fat(self) -> array:
        """The FAT, from the header's DIFAT and the DIFAT chain; each FAT sector once."""
        difat = _u32s(self._data[76:_HEADER])
        sector_id, seen = self._difat_start, set()
        while sector_id < _RESERVED:
            if sector_id in seen:
                raise OleError("the DIFAT chain loops")
            seen.add(sector_id)
            difat.extend(_u32s(self._sector(sector_id)))
            sector_id = difat.pop()
        fat_ids = [sid for sid in difat if sid < _DIFSECT]
        if len(set(fat_ids)) != len(fat_ids):
            raise OleError("a FAT sector is listed twice")
        return _u32s(b"".join(self._sector(sid) for sid in fat_ids))

    def _chain(self, start: int, length: int, fats: array, sector) -> bytes:
        """Bytes of a sector chain, at most ``length``; refuse loops and dangling pointers."""
        out = bytearray()
        sector_id, seen = start, set()
        while sector_id != END_OF_CHAIN:
            if sector_id in seen:
                raise OleError("a sector chain loops")
            seen.add(sector_id)
            out += sector(sector_id)[: length - len(out)]
            if len(out) >= length:
                break
            if sector_id >= len(fats):
                raise OleError(f"sector {sector_id:#x} has no allocation-table entry")
            sector_id = fats[sector_id]
        return bytes(out)

    def _load_directory(self) -> list[tuple[str, int, int]]:
        """``(name, start sector, size)`` of every directory entry."""
        raw = self._chain(self._dir_start, sys.maxsize, self._fats, self._sector)
        if not raw or len(raw) % _ENTRY:
            raise OleError("directory empty or truncated")
        size_format = "<I" if self.sector == 512 else "<Q"
        entries = []
        for at in range(0, len(raw), _ENTRY):
            name = raw[at:at + 64].decode("utf-16-le", "replace").split("\x00", 1)[0]
            start = struct.unpack_from("<I", raw, at + 116)[0]
            size = struct.unpack_from(size_format, raw, at + 120)[0]
            entries.append((name, start, size))
        if self.version != 3 and entries[0][1] == END_OF_CHAIN:
            raise OleError("empty root directory")
        return entries

    def _load_mini_stream(self) -> tuple[array, bytes]:
        """The mini FAT and the mini stream (the root entry's chain)."""
        if not self._mini_fat_len:
            return array("I"), b""
        _name, root_start, root_size = self._entries[0]
        stream = self._chain(root_start, root_size, self._fats, self._sector)
        mini_fat = self._chain(self._mini_fat_start, self._mini_fat_len * self.sector,
                               self._fats, self._sector)
        return _u32s(mini_fat), stream

    # ---------------------------------------------------------------- streams

    def _mini_sector(self, sector_id: int) -> bytes:
        """One mini sector; calamine would read past the mini stream from the file itself."""
        start = sector_id * _MINI_SECTOR
        if start + _MINI_SECTOR > len(self._mini_stream):
            raise OleError(f"mini sector {sector_id:#x} outside the mini stream")
        return self._mini_stream[start:start + _MINI_SECTOR]

    def stream(self, name: str) -> bytes | None:
        """The first entry named exactly ``name``, as calamine reads it, or None if absent."""
        for entry_name, start, size in self._entries:
            if entry_name != name:
                continue
            if size < _MINI_CUTOFF:
                return self._chain(start, size, self._mini_fats, self._mini_sector)
            return self._chain(start, size, self._fats, self._sector)
        return None
