"""Settings of one emulator instance: accepted tokens, timings, image format, price, balance."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from seedream_desktop.api.models import ImageFormat

#: The token the app's demo mode sends; accepted by a default-configured emulator.
DEMO_TOKEN = "demo-token"
#: Where result images live when the emulator runs in-process (no socket: the host is only a name).
DEFAULT_IMAGE_BASE_URL = "http://127.0.0.2"
#: What a fresh emulator's account holds: the demo's visible starting balance.
DEMO_BALANCE = Decimal("5.00")


class AmountReport(Enum):
    """How an amount (the catalog price, a result's cost) is written into an answer."""

    EXACT = "exact"
    MISSING = "missing"  # the field is left out
    NON_FINITE = "non-finite"  # NaN, as a server with a careless JSON encoder writes it
    NEGATIVE = "negative"


class Refusal(Enum):
    """How a submit the balance cannot pay for is refused; RunComfy's clients know both."""

    ERROR_CODE = "error-code"  # HTTP 400 with error code 400002
    HTTP_402 = "http-402"  # a bare HTTP 402


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
    #: US$ per image asked: the catalog price, what a job costs and takes from the balance.
    price_per_image: Decimal = Decimal("0.03")
    price_unit: str | None = "output"
    catalog_price: AmountReport = AmountReport.EXACT
    cost_report: AmountReport = AmountReport.EXACT
    balance_usd: Decimal = DEMO_BALANCE
    refusal: Refusal = Refusal.ERROR_CODE
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

    def job_price(self, count: int) -> Decimal:
        """The seed page: the price is computed from the count asked, not the images returned."""
        return self.price_per_image * count

    def run_time(self, count: int) -> float:
        return self.run_seconds + self.per_image_seconds * count
