"""Render the app icon from resources/icon.svg into every file the installers need.

Writes, under the output folder (default packaging/out/icons):
  hicolor/<n>x<n>/apps/seedream-desktop.png   for n in SIZES
  hicolor/scalable/apps/seedream-desktop.svg
  seedream-desktop.ico    Windows: PNG-compressed entries 16…256 (Vista and later read them)
  seedream-desktop.icns   macOS: PNG entries 16…1024

Only PySide6 (QtSvg) is used, so no extra build dependency: the ICO and ICNS containers are tiny
formats and written here by hand.

    python packaging/render_icons.py [--svg resources/icon.svg] [--out packaging/out/icons]
"""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SVG = ROOT / "resources" / "icon.svg"
DEFAULT_OUT = ROOT / "packaging" / "out" / "icons"
ICON_NAME = "seedream-desktop"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # an ICO entry stores its side in one byte (0 = 256)
# ICNS element types whose payload may be PNG, by pixel side; the @2x types share pixel sides
# with plain ones but are what Finder picks on Retina screens.
ICNS_TYPES: tuple[tuple[bytes, int], ...] = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)


class RenderError(RuntimeError):
    """The SVG could not be read or a size could not be encoded."""


def render_pngs(svg: Path, sizes: Sequence[int]) -> dict[int, bytes]:
    """PNG bytes of the SVG rendered square at each size, antialiased, on transparency."""
    # Offscreen so that rendering works on a build server with no display.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    # QPainter and QtSvg expect a Gui application; it must live until the last image is painted.
    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise RenderError(f"not a valid SVG: {svg}")
    pngs: dict[int, bytes] = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not image.convertToFormat(QImage.Format.Format_ARGB32).save(buffer, "PNG"):
            raise RenderError(f"could not encode the {size} px PNG")
        buffer.close()
        pngs[size] = bytes(data.data())
    return pngs


def build_ico(pngs: Mapping[int, bytes]) -> bytes:
    """An ICO file holding each PNG as one entry, smallest first."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(sizes)
    entries, payloads = [], []
    for size in sizes:
        if not 1 <= size <= 256:
            raise RenderError(f"an ICO entry cannot be {size} px")
        png = pngs[size]
        side = size % 256  # 256 is written as 0
        # width, height, palette colours, reserved, colour planes, bits per pixel, size, offset
        entries.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset))
        payloads.append(png)
        offset += len(png)
    return header + b"".join(entries) + b"".join(payloads)


def build_icns(pngs: Mapping[int, bytes]) -> bytes:
    """An ICNS file with a PNG element for every type whose pixel side was rendered."""
    elements = [
        kind + struct.pack(">I", 8 + len(pngs[side])) + pngs[side]
        for kind, side in ICNS_TYPES
        if side in pngs
    ]
    body = b"".join(elements)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def write_icons(svg: Path, out: Path) -> list[Path]:
    """Render everything into ``out``; returns the files written."""
    pngs = render_pngs(svg, SIZES)
    written: list[Path] = []
    for size, png in pngs.items():
        target = out / "hicolor" / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(png)
        written.append(target)
    scalable = out / "hicolor" / "scalable" / "apps" / f"{ICON_NAME}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(svg, scalable)
    written.append(scalable)
    ico = out / f"{ICON_NAME}.ico"
    ico.write_bytes(build_ico({size: pngs[size] for size in ICO_SIZES}))
    icns = out / f"{ICON_NAME}.icns"
    icns.write_bytes(build_icns(pngs))
    written += [ico, icns]
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--svg", type=Path, default=DEFAULT_SVG, help="master SVG")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = parser.parse_args(argv)
    try:
        written = write_icons(args.svg, args.out)
    except RenderError as error:
        print(f"render_icons: {error}", file=sys.stderr)
        return 1
    print(f"render_icons: wrote {len(written)} files to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
