"""Downloading a finished job's images into the library, each checked before its row is written.

Every image is fetched at once (a few at a time) into a temp file, renamed into place whole, and
decoded before its row is written; a file that fails is removed, one that passed but lost its row
in a crash is adopted on resume. File names are the ``DownloadTarget``'s, the folder and stem the
library's. How often an image is tried: ``IMAGE_FETCH`` here, ``IMAGE_GET`` in the client (both
in ``api/retry.py``, with the total per image written down there).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from pathlib import Path

from PySide6.QtGui import QImage

from seedream_desktop.api.client import RunComfyClient
from seedream_desktop.api.download_target import DownloadTarget
from seedream_desktop.api.errors import ApiError, DownloadExpiredError
from seedream_desktop.api.retry import RetryPolicy, Sleep
from seedream_desktop.core.imagecheck import ImageCheckError
from seedream_desktop.core.jobs.book import JobBook, now
from seedream_desktop.core.jobs.failures import Failure, failure_of
from seedream_desktop.core.models import ErrorKind, ImageRecord, JobRecord, JobState
from seedream_desktop.core.thumbnails import verify_with_thumbnail

log = logging.getLogger(__name__)

PARALLEL_DOWNLOADS = 4
MSG_NOT_LISTED = "The server no longer lists this image."


class Downloader:
    def __init__(
        self,
        book: JobBook,
        client: RunComfyClient,
        fetch_policy: RetryPolicy,
        sleep: Sleep,
        stored_thumbnail_side: int,
    ) -> None:
        self._book = book
        self._library = book.library
        self._client = client
        self._policy = fetch_policy
        self._sleep = sleep
        self._thumbnail_side = stored_thumbnail_side

    async def download_all(self, job: JobRecord) -> None:
        """Fetch every image not yet stored; the job ends ``DONE`` or ``DOWNLOAD_FAILED``."""
        book = self._book
        have = {image.index for image in self._library.images_of_job(job.id)}
        missing = [i for i in range(len(job.result_urls)) if i not in have]
        job = book.update(job, images_done=len(have))
        gate = asyncio.Semaphore(PARALLEL_DOWNLOADS)
        refresh: asyncio.Task[None] | None = None
        errors: dict[int, Failure] = {}

        def fresh_links(current: JobRecord) -> asyncio.Task[None] | None:
            # CDN links expire: one request for fresh links per job, which every download that
            # hit an expired link waits for before trying again.
            nonlocal refresh
            if refresh is None and current.request_id:
                refresh = asyncio.get_running_loop().create_task(self._refresh_urls(current))
            return refresh

        async def fetch(index: int) -> None:
            async with gate:
                attempt = 1
                while True:
                    current = book.require(job.id)
                    if index >= len(current.result_urls):
                        errors[index] = Failure(ErrorKind.DOWNLOAD, MSG_NOT_LISTED)
                        return
                    delay = 0.0
                    try:
                        image, thumbnail = await self._download_one(current, index)
                    except DownloadExpiredError as exc:
                        errors[index] = failure_of(exc)
                        if (refreshing := fresh_links(current)) is not None:
                            await refreshing
                    except ApiError as exc:
                        errors[index] = failure_of(exc)
                        if exc.transient:
                            return  # the client's GETs already waited this out
                        delay = self._policy.delay_for(attempt)
                    except (ImageCheckError, OSError) as exc:
                        errors[index] = failure_of(exc)
                        delay = self._policy.delay_for(attempt)
                    else:
                        errors.pop(index, None)
                        book.image_stored(image, thumbnail)
                        return
                    if not self._policy.allows_another(attempt):
                        return
                    if delay:
                        await self._sleep(delay)
                    attempt += 1

        # A TaskGroup, so that a bug in one download stops the others instead of leaving them
        # writing to the library after the job has ended.
        async with asyncio.TaskGroup() as downloads:
            for index in missing:
                downloads.create_task(fetch(index))
        job = book.require(job.id)
        if errors:
            # The words count the images still missing (see wording.job_problem).
            book.fail(job, JobState.DOWNLOAD_FAILED, next(iter(errors.values())))
            return
        book.update(job, state=JobState.DONE, error=None, finished_at=now())

    def sweep_partial_files(self, job: JobRecord) -> None:
        """Remove this job's temp files: another process may be downloading into the same folder."""
        for index in range(max(len(job.result_urls), job.params.count)):
            for leftover in self._library.image_target(job.id, index).leftover_temps():
                with contextlib.suppress(OSError):
                    leftover.unlink()

    async def _download_one(self, job: JobRecord, index: int) -> tuple[ImageRecord, QImage | None]:
        """The stored image and its thumbnail's pixels (``None`` when none could be made)."""
        target = self._library.image_target(job.id, index)
        adopted = await self._adopt_existing(job, index, target)
        if adopted is not None:
            return adopted
        downloaded = await self._client.download(job.result_urls[index], target)
        try:
            verified = await verify_with_thumbnail(
                self._library.paths, downloaded.path, downloaded.sha256, self._thumbnail_side
            )
        except ImageCheckError:
            downloaded.path.unlink(missing_ok=True)  # never leave a broken file under its name
            raise
        info = verified.info
        stored = self._library.add_image(
            job.id,
            index,
            downloaded.path,
            downloaded.format,
            info.width,
            info.height,
            downloaded.byte_size,
            downloaded.sha256,
        )
        return stored, verified.thumbnail

    async def _adopt_existing(
        self, job: JobRecord, index: int, target: DownloadTarget
    ) -> tuple[ImageRecord, QImage | None] | None:
        """An image renamed into place just before a crash, but never recorded: keep it.

        Its link may have expired since, so fetching it again is not always possible.
        """
        for path in target.finished_files():
            try:
                digest, size = await asyncio.to_thread(_sha256_and_size, path)
                verified = await verify_with_thumbnail(
                    self._library.paths, path, digest, self._thumbnail_side
                )
            except (ImageCheckError, OSError):
                path.unlink(missing_ok=True)  # a broken leftover: fetch it again
                continue
            log.info("Job %s: kept image %s found on disk from an earlier run", job.id, index)
            info = verified.info
            stored = self._library.add_image(
                job.id, index, path, info.format, info.width, info.height, size, digest
            )
            return stored, verified.thumbnail
        return None

    async def _refresh_urls(self, job: JobRecord) -> None:
        assert job.request_id is not None
        try:
            result = await self._client.result(job.request_id)
        except ApiError as exc:
            log.info("Job %s: could not refresh image links: %s", job.id, exc.user_message)
            return
        if result.image_urls:
            self._book.update(job, result_urls=result.image_urls)


def _sha256_and_size(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size
