"""The app icon: what render_icons.py makes from resources/icon.svg, read back with Qt's readers."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage, QImageReader

REPO = Path(__file__).resolve().parents[2]
MASTER_SVG = REPO / "resources" / "icon.svg"


def load_render_icons() -> ModuleType:
    # packaging/ is a folder of scripts, not a package (the name would shadow PyPI's packaging).
    spec = importlib.util.spec_from_file_location(
        "render_icons", REPO / "packaging" / "render_icons.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


render_icons = load_render_icons()


@pytest.fixture(scope="module")
def pngs() -> dict[int, bytes]:
    return render_icons.render_pngs(MASTER_SVG, render_icons.SIZES)


def read_all(data: bytes, fmt: str) -> list[QImage]:
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, fmt.encode())
    images = []
    for index in range(reader.imageCount()):
        assert reader.jumpToImage(index)
        image = reader.read()
        assert not image.isNull(), reader.errorString()
        images.append(image)
    return images


def test_the_app_loads_the_same_icon_as_the_installers_use() -> None:
    packaged = REPO / "seedream_desktop" / "resources" / "icon.svg"
    assert packaged.read_bytes() == MASTER_SVG.read_bytes()


def test_every_size_is_a_square_tile_with_transparent_corners(pngs: dict[int, bytes]) -> None:
    assert sorted(pngs) == [16, 24, 32, 48, 64, 128, 256, 512, 1024]
    for size, png in pngs.items():
        image = QImage.fromData(png, "PNG")
        assert (image.width(), image.height()) == (size, size)
        assert image.pixelColor(0, 0).alpha() == 0, f"{size} px: corner should be see-through"
        centre = image.pixelColor(size // 2, size // 2)
        assert centre.alpha() == 255, f"{size} px: the middle should be painted"


def test_ico_holds_every_windows_size_as_png(pngs: dict[int, bytes]) -> None:
    ico = render_icons.build_ico({size: pngs[size] for size in render_icons.ICO_SIZES})

    images = read_all(ico, "ico")

    assert sorted(image.width() for image in images) == [16, 24, 32, 48, 64, 128, 256]


def test_ico_refuses_a_size_windows_cannot_store(pngs: dict[int, bytes]) -> None:
    with pytest.raises(render_icons.RenderError):
        render_icons.build_ico({512: pngs[512]})


def test_icns_holds_every_macos_size(pngs: dict[int, bytes]) -> None:
    images = read_all(render_icons.build_icns(pngs), "icns")

    assert sorted({image.width() for image in images}) == [16, 32, 64, 128, 256, 512, 1024]


def test_render_writes_hicolor_tree_ico_and_icns(tmp_path: Path) -> None:
    assert render_icons.main(["--out", str(tmp_path)]) == 0

    for size in render_icons.SIZES:
        png = tmp_path / "hicolor" / f"{size}x{size}" / "apps" / "seedream-desktop.png"
        assert QImage(str(png)).width() == size
    scalable = tmp_path / "hicolor" / "scalable" / "apps" / "seedream-desktop.svg"
    assert scalable.read_bytes() == MASTER_SVG.read_bytes()
    assert (tmp_path / "seedream-desktop.ico").stat().st_size > 0
    assert (tmp_path / "seedream-desktop.icns").read_bytes()[:4] == b"icns"


def test_an_unreadable_svg_fails_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.svg"
    broken.write_text("<svg")

    assert render_icons.main(["--svg", str(broken), "--out", str(tmp_path / "out")]) == 1
    assert "not a valid SVG" in capsys.readouterr().err
