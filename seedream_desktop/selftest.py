"""``seedream-desktop --self-test``: prove an installation works, without a screen or a token.

Catches what a frozen build loses most often — Qt platform and image-format plugins, keyring
backends, hidden imports — by exercising each: an offscreen window, PNG/JPEG/WebP round trips, a
demo job through the in-process emulator into a temporary library, and one export.
"""

from __future__ import annotations

import asyncio
import importlib
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from seedream_desktop import APP_NAME, __version__

_BACKEND_MODULES = {
    "linux": ("keyring.backends.SecretService", "secretstorage", "jeepney"),
    "darwin": ("keyring.backends.macOS",),
    "win32": ("keyring.backends.Windows",),
}


@dataclass(frozen=True, slots=True)
class CheckResult:
    name: str
    ok: bool
    detail: str


def _check(name: str, run: Callable[[], str]) -> CheckResult:
    started = time.perf_counter()
    try:
        detail = run()
    except Exception as exc:
        return CheckResult(name, False, f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}")
    return CheckResult(name, True, f"{detail} ({time.perf_counter() - started:.2f} s)")


def _qt_application() -> str:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    return f"Qt platform {app.platformName()!r}"


def _keyring_backend() -> str:
    import keyring

    platform = "linux" if sys.platform.startswith("linux") else sys.platform
    for module in _BACKEND_MODULES.get(platform, ()):
        importlib.import_module(module)
    backend = keyring.get_keyring()
    return f"active backend {type(backend).__module__}.{type(backend).__name__}"


def _image_formats() -> str:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage, QImageReader, QPainter

    source = QImage(64, 36, QImage.Format.Format_RGB32)
    source.fill(QColor(40, 90, 160))
    painter = QPainter(source)
    painter.fillRect(8, 8, 20, 12, QColor(240, 180, 40))
    painter.end()
    decoded = []
    for fmt in (b"png", b"jpeg", b"webp"):
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not source.save(buffer, fmt.decode()):
            raise RuntimeError(f"cannot encode {fmt.decode().upper()}: image plugin missing")
        buffer.close()
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        image = QImageReader(buffer, fmt).read()
        if image.isNull() or image.size() != source.size():
            raise RuntimeError(f"cannot decode {fmt.decode().upper()}")
        decoded.append(fmt.decode().upper())
    return ", ".join(decoded) + " encode and decode"


def _demo_job_and_export(workdir: Path) -> str:
    return asyncio.run(_demo_job(workdir))


async def _demo_job(workdir: Path) -> str:
    from seedream_desktop.api.params import AspectRatio, GenerationParams
    from seedream_desktop.core.export.exporter import export_images
    from seedream_desktop.core.export.metadata import read_metadata
    from seedream_desktop.core.export.options import ExportFormat, ExportOptions
    from seedream_desktop.core.jobs.polling import PollSchedule
    from seedream_desktop.core.jobs.runner import RunnerOptions
    from seedream_desktop.core.models import JobState
    from seedream_desktop.emulator import Emulator, EmulatorConfig
    from seedream_desktop.wiring import EngineConfig, open_engine

    engine = open_engine(
        EngineConfig(
            data_dir=workdir / "data",
            demo=True,
            runner=RunnerOptions(poll=PollSchedule(initial=0.05, maximum=0.2)),
        ),
        lambda: None,
        emulator=Emulator(EmulatorConfig(queue_seconds=0.1, run_seconds=0.2, per_image_seconds=0)),
    )
    try:
        params = GenerationParams.from_description(
            "a self-test lighthouse", count=2, aspect=AspectRatio.SQUARE, seed=1
        )
        job = engine.runner.enqueue(params)
        job = await asyncio.wait_for(engine.runner.wait_for(job.id), timeout=120)
        if job.state is not JobState.DONE:
            raise RuntimeError(f"demo job ended {job.state.value}: {job.error}")
        images = engine.library.images_of_job(job.id)
        if len(images) != 2:
            raise RuntimeError(f"demo job stored {len(images)} images, expected 2")
        report = export_images(
            images[:1],
            ExportOptions(destination=workdir / "export", format=ExportFormat.PNG),
        )
        if report.errors or len(report.exported) != 1:
            raise RuntimeError(f"export failed: {report.summary}")
        metadata = read_metadata(report.exported[0])
        if metadata.get("prompt") != params.prompt:
            raise RuntimeError("exported image lost its prompt metadata")
        return f"job {job.request_id}: 2 images stored, 1 exported with metadata"
    finally:
        await engine.aclose()


def _window(workdir: Path) -> str:
    from PySide6.QtCore import QSettings

    from seedream_desktop.core.settings import SettingsStore
    from seedream_desktop.ui.main_window import MainWindow
    from seedream_desktop.wiring import EngineConfig, open_engine

    async def show() -> str:
        engine = open_engine(EngineConfig(data_dir=workdir / "window", demo=True), lambda: None)
        store = SettingsStore(QSettings(str(workdir / "settings.ini"), QSettings.Format.IniFormat))
        window = MainWindow(engine, store, store.load())
        try:
            window.show()
            return f"main window {window.width()}×{window.height()}: {window.windowTitle()}"
        finally:
            window.close_without_asking()
            await engine.aclose()

    return asyncio.run(show())


def _german() -> str:
    """The app's German .qm and Qt's qtbase_de.qm load and translate (both are data files a
    frozen build can lose)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from seedream_desktop.ui.i18n import load_translators

    app = QApplication.instance() or QApplication([sys.argv[0]])
    translators = load_translators("de", app)
    try:
        for translator in translators:
            app.installTranslator(translator)
        samples = {
            QCoreApplication.translate("MainWindow", "&File"): "&Datei",
            QCoreApplication.translate("QPlatformTheme", "Cancel"): "Abbrechen",
        }
        wrong = [f"{got!r} (not {wanted!r})" for got, wanted in samples.items() if got != wanted]
        if wrong:
            raise RuntimeError(f"{len(translators)} of 2 translations loaded; " + ", ".join(wrong))
        return f"{len(translators)} translations: " + ", ".join(samples)
    finally:
        for translator in translators:
            app.removeTranslator(translator)
            translator.deleteLater()


def run_self_test() -> int:
    """Print one line per check and return 0 when all pass (1 with the reason otherwise)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(f"{APP_NAME} {__version__} self-test (Python {sys.version.split()[0]}, {sys.platform})")
    with tempfile.TemporaryDirectory(prefix="seedream-self-test-") as tmp:
        workdir = Path(tmp)
        results = [
            _check("Qt application", _qt_application),
            _check("Keyring", _keyring_backend),
            _check("Image formats", _image_formats),
            _check("Main window", lambda: _window(workdir)),
            _check("Demo job and export", lambda: _demo_job_and_export(workdir)),
            _check("German translation", _german),
        ]
    for result in results:
        mark = "PASS" if result.ok else "FAIL"
        first, _, rest = result.detail.partition("\n")
        print(f"{mark}  {result.name}: {first}")
        if rest.strip():
            print(rest.rstrip(), file=sys.stderr)
    failed = [r.name for r in results if not r.ok]
    if failed:
        print(f"Self-test FAILED: {', '.join(failed)}")
        return 1
    print("Self-test passed.")
    return 0
