"""A bounded reader of OLE2 compound files (the container of .xls, .doc, .ppt and of encrypted
Office files), used to tell what a file is and to check it before a library walks it.

Every chain of sectors is followed with a step limit and a check on each sector number, so a
cycle or a number past the end of the file is an error here instead of an endless loop or a
huge allocation in the reader that comes after. The checks also cover header fields that
calamine (the Rust reader behind fastexcel) uses to size its buffers.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END_OF_CHAIN = 0xFFFF_FFFE
_RESERVED = 0xFFFF_FFFA  # sector numbers from here on are markers, not sectors
_DIFAT_SECTOR = 0xFFFF_FFFC
_MINI_CUTOFF = 4096
# calamine sizes a list of sector numbers from header bytes 62..66 (16 bits of the first
# mini FAT sector and 16 of the mini FAT length): more than this many entries is refused.
_MAX_PRESIZED_ENTRIES = 32 * 1024 * 1024


class OleError(Exception):
    """The compound file is damaged: a chain loops or leaves the file, or a field is absurd."""


@dataclass(frozen=True)
class Entry:
    name: str
    kind: int  # 1 storage, 2 stream, 5 root
    start: int
    size: int


class CompoundFile:
    """The directory and streams of an OLE2 file held in memory."""

    def __init__(self, data: bytes) -> None:
        if len(data) < 512 or not data.startswith(MAGIC):
            raise OleError("no OLE2 header")
        self.data = data
        shift, mini_shift = struct.unpack_from("<HH", data, 30)
        if shift not in (9, 12) or mini_shift != 6:
            raise OleError(f"sector shift {shift}/{mini_shift}")
        self.sector = 1 << shift
        # sectors after the header, the last one possibly cut short by the end of the file
        self.sectors = max(0, -(-(len(data) - self.sector) // self.sector))
        fat_count, dir_start = struct.unpack_from("<II", data, 44)
        mini_start, mini_count, difat_start, difat_count = struct.unpack_from("<IIII", data, 60)
        if fat_count > self.sectors or mini_count > self.sectors or difat_count > self.sectors:
            raise OleError("more FAT sectors than the file holds")
        presized = ((mini_start >> 16) & 0xFFFF) | ((mini_count & 0xFFFF) << 16)
        if presized > _MAX_PRESIZED_ENTRIES:
            raise OleError("mini FAT fields out of range")
        difat = list(struct.unpack_from("<109I", data, 76))
        sector_id, seen = difat_start, 0
        while sector_id < _RESERVED:  # the DIFAT chain: the last number of each is the next
            seen += 1
            if seen > self.sectors:
                raise OleError("the DIFAT chain loops")
            entries = list(struct.unpack(f"<{self.sector // 4}I", self._sector(sector_id, True)))
            sector_id = entries.pop()
            difat += entries
        self.fat: list[int] = []
        for number in difat:
            if number < _DIFAT_SECTOR:
                self.fat += struct.unpack(f"<{self.sector // 4}I", self._sector(number, True))
        # a directory sector cut short gives calamine a short entry, which it indexes past
        directory = self._chain(dir_start, self.fat, self.sector, None, whole=True)
        self.entries = [self._entry(directory[i : i + 128]) for i in range(0, len(directory), 128)]
        if not self.entries or self.entries[0].kind != 5:
            raise OleError("no root entry")
        root = self.entries[0]
        self.mini_stream = b""
        self.mini_fat: list[int] = []
        if mini_count:
            self.mini_stream = self._chain(root.start, self.fat, self.sector, root.size)
            table = self._chain(mini_start, self.fat, self.sector, mini_count * self.sector)
            self.mini_fat = list(
                struct.unpack(f"<{len(table) // 4}I", table[: len(table) // 4 * 4])
            )

    def names(self) -> set[str]:
        return {entry.name for entry in self.entries if entry.kind in (1, 2)}

    def stream(self, name: str) -> bytes | None:
        """The stream of that name (any case), or None."""
        wanted = name.casefold()
        for entry in self.entries:
            if entry.kind == 2 and entry.name.casefold() == wanted:
                if entry.size < _MINI_CUTOFF:
                    return self._chain(entry.start, self.mini_fat, 64, entry.size, mini=True)
                return self._chain(entry.start, self.fat, self.sector, entry.size)
        return None

    def _sector(self, number: int, whole: bool = False) -> bytes:
        if number >= self.sectors:
            raise OleError(f"sector {number} is past the end of the file")
        offset = (number + 1) * self.sector
        part = self.data[offset : offset + self.sector]
        if whole and len(part) < self.sector:
            raise OleError(f"sector {number} is cut short by the end of the file")
        return part

    def _chain(
        self,
        start: int,
        table: list[int],
        size: int,
        length: int | None,
        mini: bool = False,
        whole: bool = False,
    ) -> bytes:
        """The bytes of a chain of sectors, at most `length` of them (None: the whole chain)."""
        capacity = len(self.mini_stream) // 64 if mini else self.sectors
        if length is not None and length > capacity * size:
            raise OleError("a stream is longer than the file")
        parts: list[bytes] = []
        total, number, steps = 0, start, 0
        while number != _END_OF_CHAIN and (length is None or total < length):
            steps += 1
            if steps > capacity or number >= len(table) or number >= capacity:
                raise OleError("a chain of sectors loops or leaves the file")
            part = (
                self.mini_stream[number * 64 : number * 64 + 64]
                if mini
                else self._sector(number, whole)
            )
            parts.append(part)
            total += len(part)
            number = table[number]
        data = b"".join(parts)
        return data if length is None else data[:length]

    def _entry(self, raw: bytes) -> Entry:
        if len(raw) < 128:
            return Entry("", 0, 0, 0)
        length = min(struct.unpack_from("<H", raw, 64)[0], 64)
        name = raw[: max(0, length - 2)].decode("utf-16-le", "replace")
        start = struct.unpack_from("<I", raw, 116)[0]
        size = struct.unpack_from("<Q" if self.sector == 4096 else "<I", raw, 120)[0]
        return Entry(name, raw[66], start, size)
