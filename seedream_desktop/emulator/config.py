"""Settings of one emulator instance: accepted tokens, timings, image format, price."""

from __future__ import annotations

from dataclasses import dataclass

from seedream_desktop.api.models import ImageFormat

#: The token the app's demo mode sends; accepted by a default-configured emulator.
DEMO_TOKEN = "demo-token"
#: Where result images live when the emulator runs in-process (no socket: the host is only a name).
DEFAULT_IMAGE_BASE_URL = "http://127.0.0.2"


@dataclass(frozen=True, slots=True)
class EmulatorConfig:
    """Defaults feel like the real service in a demo; tests pass much shorter timings."""

    tokens: frozenset[str] = frozenset({DEMO_TOKEN})
    #: Also accept every token starting with ``fault-`` and apply the fault it names.
    fault_tokens: bool = True
    #: Least time a job waits in the queue, even when a worker is free.
    queue_seconds: float = 2.0
    #: Time a job runs: ``run_seconds + per_image_seconds * count``.
    run_seconds: float = 4.0
    per_image_seconds: float = 0.5
    #: How many jobs run at once; the others wait in one shared queue.
    workers: int = 1
    image_format: ImageFormat = ImageFormat.PNG
    price_per_image: float = 0.03
    image_base_url: str = DEFAULT_IMAGE_BASE_URL
    #: Encoded images kept in memory (15 × 2560×1440 PNG is about 3 MB).
    image_cache_size: int = 48
    render_threads: int = 2

    def __post_init__(self) -> None:
        if self.image_format not in (ImageFormat.PNG, ImageFormat.JPEG):
            raise ValueError("the emulator serves PNG or JPEG")
        if self.workers < 1 or self.render_threads < 1 or self.image_cache_size < 1:
            raise ValueError("workers, render_threads and image_cache_size must be at least 1")
        if min(self.queue_seconds, self.run_seconds, self.per_image_seconds) < 0:
            raise ValueError("timings cannot be negative")

    def run_time(self, count: int) -> float:
        return self.run_seconds + self.per_image_seconds * count
