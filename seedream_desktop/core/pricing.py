"""What a job will cost before it is sent: the catalog's live price, or the price setting.

The catalog entry is cached for a day in ``price-catalog.json`` in the library folder, written
atomically. A file rather than a table in the library's SQLite: the cache is disposable (a
damaged or foreign file is ignored and asked again, no schema migration for a one-row cache),
and the library folder is the right scope — the demo library is a separate folder, so the
emulator's price never stands in for RunComfy's. The entry also remembers which API it came
from, so a changed base URL asks again.

How ``price_unit`` becomes an estimate: ``output`` is per image asked (the model's page says the
price is computed from the count asked, not from the images returned). Any other unit — or no
price — cannot be turned into a job's price, so the setting is used, and the quote says why.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from seedream_desktop.api.errors import ApiError
from seedream_desktop.api.money import UNIT_OUTPUT, CatalogEntry, amount
from seedream_desktop.api.params import MODEL_ID

if TYPE_CHECKING:  # the client (httpx) is the caller's: the window's estimate loads without it
    from seedream_desktop.api.client import RunComfyClient

log = logging.getLogger(__name__)

CACHE_FILE = "price-catalog.json"
CACHE_LIFETIME = timedelta(days=1)


class PriceSource(Enum):
    CATALOG = "catalog"  # RunComfy's model catalog said it
    SETTING = "setting"  # the price-per-image setting


class SettingReason(Enum):
    """Why a quote fell back to the setting."""

    NOT_ASKED = "not_asked"  # the catalog was not asked yet (or its answer is over a day old)
    UNREACHABLE = "unreachable"  # asking the catalog failed
    NO_PRICE = "no_price"  # the catalog entry has no usable price
    OTHER_UNIT = "other_unit"  # the price is per something other than an image


@dataclass(frozen=True, slots=True)
class PriceQuote:
    """A price per image asked, where it came from, and (from the catalog) when it was read."""

    per_image: Decimal
    source: PriceSource
    fetched_at: datetime | None = None
    unit: str | None = None  # the catalog's price_unit, when it gave one
    reason: SettingReason | None = None  # with SETTING

    def estimate(self, count: int) -> Decimal:
        return self.per_image * count


def setting_price(value: float) -> Decimal:
    """The setting (a float in the settings file) as the exact amount the designer typed."""
    return amount(value) or Decimal(0)


def quote_from(
    entry: CatalogEntry | None,
    setting: Decimal,
    *,
    fetched_at: datetime | None = None,
    failed: bool = False,
) -> PriceQuote:
    if entry is None:
        reason = SettingReason.UNREACHABLE if failed else SettingReason.NOT_ASKED
        return PriceQuote(setting, PriceSource.SETTING, reason=reason)
    if entry.base_price_usd is None:
        return PriceQuote(
            setting, PriceSource.SETTING, fetched_at, entry.price_unit, SettingReason.NO_PRICE
        )
    if entry.price_unit != UNIT_OUTPUT:
        return PriceQuote(
            setting, PriceSource.SETTING, fetched_at, entry.price_unit, SettingReason.OTHER_UNIT
        )
    return PriceQuote(entry.base_price_usd, PriceSource.CATALOG, fetched_at, entry.price_unit)


def _now() -> datetime:
    return datetime.now(UTC)


class PriceBook:
    """The catalog entry of one API, cached in ``cache_file``; quotes read it without waiting."""

    def __init__(
        self,
        client: RunComfyClient,
        cache_file: Path,
        *,
        clock: Callable[[], datetime] = _now,
    ) -> None:
        self._client = client
        self._file = cache_file
        self._clock = clock
        self._failed = False
        self._entry, self._fetched_at = self._load()

    def quote(self, setting: Decimal) -> PriceQuote:
        """The price to show now: the cached catalog entry while it is fresh, else the setting."""
        fresh = self._fetched_at is not None and self._clock() - self._fetched_at < CACHE_LIFETIME
        entry = self._entry if fresh else None
        return quote_from(entry, setting, fetched_at=self._fetched_at, failed=self._failed)

    async def refresh(self, setting: Decimal, *, force: bool = False) -> PriceQuote:
        """Ask the catalog when the cached entry is over a day old (or always, with ``force``).

        A failure is logged and quoted as such, never raised: the setting still gives a price.
        """
        stale = self._fetched_at is None or self._clock() - self._fetched_at >= CACHE_LIFETIME
        if force or stale:
            try:
                entry = await self._client.catalog_entry()
            except ApiError as error:
                log.warning("The model catalog could not be read: %s", error.user_message)
                self._failed = True  # a cached entry still fresh keeps being used
            else:
                self._entry, self._fetched_at, self._failed = entry, self._clock(), False
                self._save()
        return self.quote(setting)

    def _key(self) -> dict[str, str]:
        return {"base_url": self._client.base_url, "model_id": MODEL_ID}

    def _load(self) -> tuple[CatalogEntry | None, datetime | None]:
        try:
            data = json.loads(self._file.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or any(data.get(k) != v for k, v in self._key().items()):
                return None, None
            fetched_at = datetime.fromisoformat(data["fetched_at"])
            unit = data.get("price_unit")
            entry = CatalogEntry(
                model_id=MODEL_ID,
                base_price_usd=amount(data.get("base_price_usd")),
                price_unit=unit if isinstance(unit, str) else None,
            )
        except FileNotFoundError:
            return None, None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("Ignored the price cache %s: %s", self._file, type(exc).__name__)
            return None, None
        if fetched_at.tzinfo is None or fetched_at > self._clock():
            return None, None
        return entry, fetched_at

    def _save(self) -> None:
        assert self._entry is not None and self._fetched_at is not None
        price = self._entry.base_price_usd
        data = {
            **self._key(),
            "fetched_at": self._fetched_at.isoformat(),
            "base_price_usd": None if price is None else str(price),
            "price_unit": self._entry.price_unit,
        }
        # Temp file + replace: a crash mid-write leaves the old cache or none, never half of one.
        try:
            fd, name = tempfile.mkstemp(dir=self._file.parent, prefix=".price-", suffix=".tmp")
        except OSError as exc:
            log.warning("The price cache could not be written: %s", exc.strerror or exc)
            return
        temp = Path(name)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle)
            temp.replace(self._file)
        except OSError as exc:
            log.warning("The price cache could not be written: %s", exc.strerror or exc)
            with contextlib.suppress(OSError):
                temp.unlink()
