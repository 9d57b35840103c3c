"""Where each grid row comes from: an image of the library's flat order, or a series' header.

The grid reads images a page at a time by their place in the library's order ("flat offset":
newest job first, each series in its own order). In "All images" a row is that offset; in
"Series" each job's images are preceded by a header row, and a collapsed series keeps only its
header. Both layouts answer the same questions in O(log n), from two integers a series, so the
model never reads image rows to find out where a row is (a series found by its job id is the
one linear look-up: a fold, not a paint).

A flat offset means the same image in both layouts, so a selection carried from one to the
other goes through flat ranges (``flat_ranges`` then ``row_ranges``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RowPlace:
    """What one row shows: an image at ``flat`` (its offset in the library's order), or, when
    ``flat`` is None, the header of series number ``series`` (None in the flat layout)."""

    series: int | None
    flat: int | None


class FlatRows:
    """ "All images": row ``r`` is the image at flat offset ``r``."""

    def __init__(self, count: int) -> None:
        self.row_count = count
        self.image_count = count

    def place(self, row: int) -> RowPlace:
        return RowPlace(None, row)

    def row_of(self, flat: int) -> int | None:
        return flat if 0 <= flat < self.image_count else None

    def is_header(self, row: int) -> bool:
        return False

    def flat_ranges(self, top: int, bottom: int) -> list[tuple[int, int]]:
        """The images of rows ``top…bottom``, as inclusive ranges of flat offsets."""
        return [(top, bottom)] if top <= bottom else []

    def row_ranges(self, first: int, last: int) -> list[tuple[int, int]]:
        """The rows showing flat offsets ``first…last``, as inclusive ranges of rows."""
        return [(first, last)] if first <= last else []


class SeriesRows:
    """ "Series": each job a header row, then its images unless the series is collapsed."""

    def __init__(self, counts: Sequence[tuple[int, int]], collapsed: Iterable[int] = ()) -> None:
        """``counts``: (job id, matching images) per series, in the library's order."""
        folded = set(collapsed)
        self.job_ids = [job_id for job_id, _ in counts]
        self.sizes = [size for _, size in counts]
        self._headers: list[int] = []  # the row of each series' header
        self._firsts: list[int] = []  # the flat offset of each series' first image
        row = flat = 0
        for job_id, size in counts:
            self._headers.append(row)
            self._firsts.append(flat)
            row += 1 + (0 if job_id in folded else size)
            flat += size
        self.collapsed = frozenset(folded & set(self.job_ids))
        self.row_count = row
        self.image_count = flat

    def place(self, row: int) -> RowPlace:
        series = bisect_right(self._headers, row) - 1
        step = row - self._headers[series]
        return RowPlace(series, None if step == 0 else self._firsts[series] + step - 1)

    def row_of(self, flat: int) -> int | None:
        """The row showing flat offset ``flat``; None when its series is collapsed."""
        if not 0 <= flat < self.image_count:
            return None
        series = bisect_right(self._firsts, flat) - 1
        if self.job_ids[series] in self.collapsed:
            return None
        return self._headers[series] + 1 + flat - self._firsts[series]

    def is_header(self, row: int) -> bool:
        series = bisect_right(self._headers, row) - 1
        return series >= 0 and self._headers[series] == row

    def flat_ranges(self, top: int, bottom: int) -> list[tuple[int, int]]:
        """The images of rows ``top…bottom`` (headers and folded series hold none), as inclusive
        ranges of flat offsets; the images of neighbouring series join into one range."""
        found: list[tuple[int, int]] = []
        if top > bottom or not self._headers:
            return found
        for series in range(self._series_at_row(top), self._series_at_row(bottom) + 1):
            header = self._headers[series]
            if self.job_ids[series] in self.collapsed:
                continue
            first_row = max(top, header + 1)
            last_row = min(bottom, header + self.sizes[series])
            if first_row > last_row:
                continue
            span = (
                self._firsts[series] + first_row - header - 1,
                self._firsts[series] + last_row - header - 1,
            )
            if found and found[-1][1] + 1 == span[0]:
                span = (found.pop()[0], span[1])
            found.append(span)
        return found

    def row_ranges(self, first: int, last: int) -> list[tuple[int, int]]:
        """The rows showing flat offsets ``first…last`` (none in a folded series), as inclusive
        ranges of rows, one a series."""
        found: list[tuple[int, int]] = []
        first, last = max(0, first), min(last, self.image_count - 1)
        if first > last:
            return found
        start = bisect_right(self._firsts, first) - 1
        for series in range(start, bisect_right(self._firsts, last)):
            if self.job_ids[series] in self.collapsed:
                continue
            base = self._firsts[series]
            lo, hi = max(first, base), min(last, base + self.sizes[series] - 1)
            header = self._headers[series]
            found.append((header + 1 + lo - base, header + 1 + hi - base))
        return found

    def _series_at_row(self, row: int) -> int:
        return max(0, bisect_right(self._headers, row) - 1)

    def counts(self) -> list[tuple[int, int]]:
        """(job id, images) per series, as laid out: what a fold or a landed image re-lays."""
        return list(zip(self.job_ids, self.sizes, strict=True))

    def header_row(self, series: int) -> int:
        return self._headers[series]

    def first_flat(self, series: int) -> int:
        return self._firsts[series]

    def series_of_job(self, job_id: int) -> int | None:
        try:
            return self.job_ids.index(job_id)
        except ValueError:
            return None


Rows = FlatRows | SeriesRows
