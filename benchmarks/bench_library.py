"""How the library behaves with 10,000 images (opening, paging, searching, memory) and with
100,000 (the filter bar's curation filters and the series view).

Builds a throw-away library (rows only: the grid's cost is in the rows, not the files), then
times the indexed queries the app uses against a naive baseline measured in the same run: read
every row into Python, then slice or filter. Prints figures; there is no pass/fail.

Run: .venv/bin/python benchmarks/bench_library.py
"""

from __future__ import annotations

import gc
import random
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from seedream_desktop.api.params import AspectRatio, GenerationParams, PromptMode
from seedream_desktop.core.library import Library, LibraryPaths
from seedream_desktop.core.library.rows import IMAGE_COLUMNS, image_from_row, to_db_time
from seedream_desktop.core.models import Flag, ImageQuery, ImageRecord, JobState, Series

IMAGES = 10_000
PER_JOB = 4
PAGE = 200
DEEP_OFFSET = 9_800
REPEATS = 7
SEARCH_WORD = "lighthouse"  # in about 1 prompt in 12
DURABLE_JOBS = 100

T = TypeVar("T")

_SUBJECTS = (
    "a lighthouse on a cliff", "a red fox in snow", "a neon city street", "an old harbour",
    "a desert caravan", "a glass greenhouse", "a mountain monastery", "a koi pond",
    "a vintage racing car", "a jazz club", "a coral reef", "a paper lantern festival",
)  # fmt: skip
_STYLES = ("watercolour", "35 mm film", "isometric", "oil painting", "low poly", "ink sketch")


CURATED_IMAGES = 100_000
PICKED_SHARE, RATED_SHARE, REJECTED_SHARE = 0.01, 0.05, 0.02
SERIES_PAGE = 50


def build(paths: LibraryPaths, jobs: int = IMAGES // PER_JOB, per_job: int = PER_JOB) -> None:
    """Write the rows in one transaction (the app writes them one job at a time)."""
    Library.open(paths).close()  # schema, search index and triggers
    rng = random.Random(4)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    conn = sqlite3.connect(paths.db_file, isolation_level=None)
    conn.execute("BEGIN")
    for job_id in range(1, jobs + 1):
        params = GenerationParams.from_description(
            f"{rng.choice(_SUBJECTS)}, {rng.choice(_STYLES)}, variation {job_id}",
            per_job,
            rng.choice(list(AspectRatio)),
            rng.choice(list(PromptMode)),
            rng.randrange(2**31),
        )
        made = start + timedelta(minutes=50 * job_id)
        conn.execute(
            "INSERT INTO jobs (id, prompt, count, aspect, mode, seed, state, request_id, "
            "created_at, result_urls, images_done) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?)",
            (
                job_id,
                params.prompt,
                params.count,
                params.aspect.value,
                params.mode.value,
                params.seed,
                JobState.DONE.value,
                f"req-{job_id:06d}",
                to_db_time(made),
                per_job,
            ),
        )
        for index in range(per_job):
            conn.execute(
                "INSERT INTO images (job_id, idx, path, format, width, height, byte_size, "
                "sha256, created_at) VALUES (?, ?, ?, 'png', 2560, 1440, 6000000, ?, ?)",
                (
                    job_id,
                    index,
                    f"images/{made:%Y}/{made:%m}/job-{job_id}-{index}.png",
                    f"{job_id:032x}{index:032x}",
                    to_db_time(made + timedelta(seconds=index)),
                ),
            )
    conn.execute("COMMIT")
    conn.close()


def timed(action: Callable[[], T]) -> tuple[float, T]:
    """Median wall time in ms over REPEATS runs, and the last result."""
    times = []
    result: T
    for _ in range(REPEATS):
        began = time.perf_counter()
        result = action()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times), result


def peak_kib(action: Callable[[], object]) -> float:
    gc.collect()
    tracemalloc.start()
    action()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1024


def max_rss_mib() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024 if sys.platform == "darwin" else 1024)


def naive_all(lib: Library) -> list[ImageRecord]:
    rows = lib._conn.execute(  # the baseline deliberately bypasses the indexed API
        f"SELECT {IMAGE_COLUMNS} FROM images i JOIN jobs j ON j.id = i.job_id "
        "ORDER BY i.job_id DESC, i.idx"
    )
    return [image_from_row(row, lib.paths) for row in rows]


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-library-") as tmp:
        paths = LibraryPaths.for_root(Path(tmp) / "library")
        began = time.perf_counter()
        build(paths)
        print(
            f"built {IMAGES:,} images in {IMAGES // PER_JOB:,} jobs in "
            f"{time.perf_counter() - began:.2f} s; database "
            f"{paths.db_file.stat().st_size / 1e6:.1f} MB"
        )

        everything = ImageQuery()
        search = ImageQuery(text=SEARCH_WORD)
        square = ImageQuery(aspect=AspectRatio.SQUARE)

        def open_count_first_page() -> tuple[int, int]:
            with Library.open(paths) as lib:
                return lib.count_images(everything), len(lib.images_page(everything, 0, PAGE))

        def naive_open_first_page() -> tuple[int, int]:
            with Library.open(paths) as lib:
                rows = naive_all(lib)
                return len(rows), len(rows[:PAGE])

        lib = Library.open(paths)

        def naive_search() -> int:
            return sum(SEARCH_WORD in im.prompt.lower() for im in naive_all(lib))

        results: list[tuple[str, float, float]] = []
        indexed_ms, (count, first) = timed(open_count_first_page)
        naive_ms, _ = timed(naive_open_first_page)
        results.append((f"open + count ({count:,}) + first page ({first})", indexed_ms, naive_ms))

        indexed_ms, deep = timed(lambda: lib.images_page(everything, DEEP_OFFSET, PAGE))
        naive_ms, _ = timed(lambda: naive_all(lib)[DEEP_OFFSET : DEEP_OFFSET + PAGE])
        results.append((f"page at offset {DEEP_OFFSET:,} ({len(deep)} rows)", indexed_ms, naive_ms))

        indexed_ms, hits = timed(lambda: lib.count_images(search))
        naive_ms, naive_hits = timed(naive_search)
        assert hits == naive_hits, (hits, naive_hits)
        results.append((f"count search '{SEARCH_WORD}' ({hits:,} hits)", indexed_ms, naive_ms))

        indexed_ms, _ = timed(lambda: lib.images_page(search, 0, PAGE))
        results.append((f"first page of search '{SEARCH_WORD}'", indexed_ms, naive_ms))

        indexed_ms, _ = timed(lambda: lib.images_page(square, 0, PAGE))
        naive_ms, _ = timed(
            lambda: [im for im in naive_all(lib) if im.aspect is AspectRatio.SQUARE]
        )
        results.append(("first page of aspect 1:1", indexed_ms, naive_ms))

        heading = f"median of {REPEATS} runs"
        print(f"\n{heading:48} {'indexed':>10} {'naive':>10} {'ratio':>7}")
        for label, indexed_ms, naive_ms in results:
            ratio = naive_ms / indexed_ms if indexed_ms else float("inf")
            print(f"{label:48} {indexed_ms:8.2f}ms {naive_ms:8.2f}ms {ratio:6.0f}×")

        indexed_kib = peak_kib(open_count_first_page)
        rss_indexed = max_rss_mib()
        naive_kib = peak_kib(naive_open_first_page)
        print(
            "\nPython heap peak (tracemalloc), open + first page: "
            f"indexed {indexed_kib:,.0f} KiB, naive {naive_kib:,.0f} KiB "
            f"({naive_kib / indexed_kib:.0f}×)"
        )
        print(
            f"process max RSS: {rss_indexed:.0f} MiB after the indexed runs, "
            f"{max_rss_mib():.0f} MiB after the naive ones"
        )

        # The price of synchronous=FULL: every job commit waits for the disk.
        params = GenerationParams.from_description("a durability test", 2)
        began = time.perf_counter()
        for _ in range(DURABLE_JOBS):
            job = lib.create_job(params)
            lib.update_job(job.id, state=JobState.QUEUED, request_id="req-durable")
        per_commit = (time.perf_counter() - began) * 1000 / (2 * DURABLE_JOBS)
        print(
            f"\ndurable commits (create_job / update_job, synchronous=FULL, in {tmp}): "
            f"{per_commit:.2f} ms each"
        )
        lib.close()
    curation()


def curate(paths: LibraryPaths) -> None:
    """Pick, rate and reject a share of the images, as a designer's months of work would."""
    rng = random.Random(15)
    conn = sqlite3.connect(paths.db_file, isolation_level=None)
    conn.execute("BEGIN")
    for column, value, share in (
        ("flag", Flag.PICKED.value, PICKED_SHARE),
        ("flag", Flag.REJECTED.value, REJECTED_SHARE),
    ):
        ids = rng.sample(range(1, CURATED_IMAGES + 1), int(CURATED_IMAGES * share))
        conn.executemany(f"UPDATE images SET {column} = ? WHERE id = ?", [(value, i) for i in ids])
    ids = rng.sample(range(1, CURATED_IMAGES + 1), int(CURATED_IMAGES * RATED_SHARE))
    conn.executemany(
        "UPDATE images SET rating = ? WHERE id = ?", [(rng.randint(1, 5), i) for i in ids]
    )
    conn.execute("COMMIT")
    conn.close()


def curation() -> None:
    """The filter bar and the series view at 100,000 images, against reading every row."""
    with tempfile.TemporaryDirectory(prefix="bench-curation-") as tmp:
        paths = LibraryPaths.for_root(Path(tmp) / "library")
        began = time.perf_counter()
        build(paths, CURATED_IMAGES // PER_JOB)
        curate(paths)
        print(
            f"\nbuilt and curated {CURATED_IMAGES:,} images in {time.perf_counter() - began:.1f} s "
            f"({PICKED_SHARE:.0%} picked, {RATED_SHARE:.0%} rated, {REJECTED_SHARE:.0%} rejected)"
        )
        with Library.open(paths) as lib:
            everything = naive_all(lib)
            seed = everything[len(everything) // 2].seed
            filters: list[tuple[str, ImageQuery, Callable[[ImageRecord], bool]]] = [
                ("picked only", ImageQuery(picked_only=True), lambda im: im.flag is Flag.PICKED),
                ("4 stars and up", ImageQuery(min_rating=4), lambda im: im.rating >= 4),
                (
                    "hide rejected",
                    ImageQuery(hide_rejected=True),
                    lambda im: im.flag is not Flag.REJECTED,
                ),
                (f"search seed {seed}", ImageQuery(text=str(seed)), lambda im: im.seed == seed),
            ]
            heading = f"count + first page, median of {REPEATS}"
            print(f"{heading:48} {'indexed':>10} {'naive':>10} {'ratio':>7}")

            def show(label: str, indexed_ms: float, naive_ms: float) -> None:
                ratio = naive_ms / indexed_ms if indexed_ms else float("inf")
                print(f"{label:48} {indexed_ms:8.2f}ms {naive_ms:8.2f}ms {ratio:6.0f}×")

            for label, query, keep in filters:
                indexed_ms, (count, _) = timed(
                    lambda q=query: (lib.count_images(q), lib.images_page(q, 0, PAGE))
                )
                naive_ms, matches = timed(lambda k=keep: [im for im in naive_all(lib) if k(im)])
                assert count == len(matches), (label, count, len(matches))
                show(f"{label} ({count:,} matches)", indexed_ms, naive_ms)

            def series_from(query: ImageQuery, last: bool = False) -> tuple[int, list[Series]]:
                # As the grid reads them: the outline, then one page of series by job id.
                outline = lib.series_counts(query)
                page = outline[-SERIES_PAGE:] if last else outline[:SERIES_PAGE]
                return len(outline), lib.series_of_jobs(query, [job_id for job_id, _ in page])

            indexed_ms, (series_count, page) = timed(lambda: series_from(ImageQuery()))
            naive_ms, _ = timed(lambda: _naive_series(lib)[:SERIES_PAGE])
            show(f"series: outline ({series_count:,}) + first {len(page)}", indexed_ms, naive_ms)
            indexed_ms, _ = timed(lambda: series_from(ImageQuery(), last=True))
            show("series: outline + last page", indexed_ms, naive_ms)
            picked = ImageQuery(picked_only=True)
            indexed_ms, _ = timed(lambda: series_from(picked))
            show("series: outline + first page of picked only", indexed_ms, naive_ms)


def _naive_series(lib: Library) -> list[list[ImageRecord]]:
    """Every image read, then grouped by job in Python."""
    groups: dict[int, list[ImageRecord]] = {}
    for image in naive_all(lib):
        groups.setdefault(image.job_id, []).append(image)
    return list(groups.values())


if __name__ == "__main__":
    main()
