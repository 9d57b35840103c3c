"""``python -m seedream_desktop.emulator --port 8100``: serve its origins until Ctrl+C."""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import logging
import signal
import sys
from decimal import Decimal

from seedream_desktop.api.models import ImageFormat
from seedream_desktop.emulator.config import DEMO_TOKEN, EmulatorConfig, Refusal
from seedream_desktop.emulator.emulator import Emulator
from seedream_desktop.emulator.server import EmulatorServer


def _loopback(text: str) -> str:
    # The admin routes have no auth: the emulator must never be reachable from another machine.
    if not ipaddress.ip_address(text).is_loopback:
        raise argparse.ArgumentTypeError(f"{text} is not a loopback address")
    return text


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    defaults = EmulatorConfig()
    parser = argparse.ArgumentParser(
        prog="python -m seedream_desktop.emulator",
        description="Local emulator of the RunComfy Model API (Seedream 4.0 sequential).",
    )
    parser.add_argument("--host", type=_loopback, default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="API port (0: any free port)")
    parser.add_argument("--image-host", type=_loopback, default="127.0.0.2")
    parser.add_argument("--image-port", type=int, default=0)
    parser.add_argument(
        "--token",
        action="append",
        help=f"accepted bearer token (repeatable; default {DEMO_TOKEN}); fault-* always works",
    )
    parser.add_argument("--queue-seconds", type=float, default=defaults.queue_seconds)
    parser.add_argument("--run-seconds", type=float, default=defaults.run_seconds)
    parser.add_argument("--per-image-seconds", type=float, default=defaults.per_image_seconds)
    parser.add_argument("--workers", type=int, default=defaults.workers)
    parser.add_argument("--format", choices=["png", "jpeg"], default=defaults.image_format.value)
    parser.add_argument("--balance", type=Decimal, default=defaults.balance_usd, help="US$")
    parser.add_argument("--price-per-image", type=Decimal, default=defaults.price_per_image)
    parser.add_argument(
        "--refusal",
        choices=[r.value for r in Refusal],
        default=defaults.refusal.value,
        help="how a job the balance cannot pay for is refused",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # A shell starting us in the background sets SIGINT to "ignore"; Ctrl+C must still stop us.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    config = EmulatorConfig(
        tokens=frozenset(args.token or [DEMO_TOKEN]),
        queue_seconds=args.queue_seconds,
        run_seconds=args.run_seconds,
        per_image_seconds=args.per_image_seconds,
        workers=args.workers,
        image_format=ImageFormat(args.format),
        balance_usd=args.balance,
        price_per_image=args.price_per_image,
        refusal=Refusal(args.refusal),
    )
    with Emulator(config) as emulator:
        server = EmulatorServer(
            emulator,
            host=args.host,
            port=args.port,
            image_host=args.image_host,
            image_port=args.image_port,
        )
        print(f"RunComfy emulator API: {server.base_url}", flush=True)
        print(f"Result images:         {server.image_base_url}", flush=True)
        print(f"Balance:               {server.balance_base_url}", flush=True)
        if not args.token:
            print(f"Token:                 {DEMO_TOKEN}", flush=True)
        print("Press Ctrl+C to stop.", flush=True)
        try:
            asyncio.run(server.serve())
        except KeyboardInterrupt:
            print("Stopped.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
