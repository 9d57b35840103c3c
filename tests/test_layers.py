"""The layers, read from the source: imports point down only (the README's "How it is built").

Every import of every module counts, those inside functions and ``TYPE_CHECKING`` blocks too: a
lazy import still makes the lower layer depend on the upper one.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

import seedream_desktop

PACKAGE = Path(seedream_desktop.__file__).parent
TOP = "seedream_desktop"


@dataclass(frozen=True, slots=True)
class Rule:
    layer: str  # a package under seedream_desktop (or a top-level module)
    forbidden: tuple[str, ...]  # module names; each forbids itself and everything below it
    why: str


RULES = (
    Rule(
        "api",
        (
            "PySide6",
            "seedream_desktop.core",
            "seedream_desktop.ui",
            "seedream_desktop.cli",
            "seedream_desktop.emulator",
            "seedream_desktop.wiring",
        ),
        "api/ is the RunComfy client: httpx only, no Qt, nothing above it",
    ),
    Rule(
        "core",
        (
            "PySide6.QtWidgets",
            "seedream_desktop.ui",
            "seedream_desktop.cli",
            "seedream_desktop.emulator",
            "seedream_desktop.wiring",
        ),
        "core/ runs on what the wiring gives it: api and QtCore/QtGui, no widgets, no emulator",
    ),
    Rule(
        "emulator",
        (
            "PySide6.QtWidgets",
            "seedream_desktop.core",
            "seedream_desktop.ui",
            "seedream_desktop.cli",
            "seedream_desktop.wiring",
        ),
        "emulator/ knows api's wire format and nothing above it",
    ),
    Rule(
        "wiring",
        ("PySide6.QtWidgets", "seedream_desktop.ui", "seedream_desktop.cli"),
        "the wiring sits below both front ends",
    ),
    Rule(
        "cli",
        ("PySide6.QtWidgets", "seedream_desktop.ui"),
        "the command line runs without a window",
    ),
)


def module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_names(path: Path, package_dir: Path = PACKAGE) -> list[tuple[int, str]]:
    """(line, module) for every import in the file, relative ones resolved."""
    name = module_name(path, package_dir)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            # ``from seedream_desktop import emulator`` imports a package, not a name.
            found.append((node.lineno, target))
            found += [(node.lineno, f"{target}.{alias.name}") for alias in node.names]
    return found


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == TOP else None


def is_within(module: str, forbidden: str) -> bool:
    return module == forbidden or module.startswith(forbidden + ".")


def violations(paths: list[Path], package: Path = PACKAGE) -> list[str]:
    """One sentence per offending import statement."""
    rules = {rule.layer: rule for rule in RULES}
    found: dict[tuple[str, int], str] = {}
    for path in paths:
        module = module_name(path, package)
        rule = rules.get(layer_of(module) or "")
        if rule is None:
            continue
        for line, imported in imported_names(path, package):
            hit = next((f for f in rule.forbidden if is_within(imported, f)), None)
            if hit is not None and (module, line) not in found:
                found[module, line] = (
                    f"{module} (line {line}) imports {imported}: {rule.why}"
                    f" ({hit} is out of bounds for {rule.layer})."
                )
    return [found[key] for key in sorted(found)]


def all_modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_every_import_points_down() -> None:
    problems = violations(all_modules())
    assert not problems, "Layer rule broken:\n" + "\n".join(problems)


def test_the_rules_cover_real_modules() -> None:
    """A layer renamed or moved would make its rule silently check nothing."""
    layers = {layer_of(module_name(path)) for path in all_modules()}
    assert {rule.layer for rule in RULES} <= layers


@pytest.mark.parametrize(
    ("where", "source", "named"),
    [
        ("api/bad.py", "from PySide6.QtCore import QObject\n", "PySide6.QtCore"),
        ("api/bad.py", "from ..core import engine\n", "seedream_desktop.core"),
        ("core/bad.py", "def f():\n    from seedream_desktop.emulator import X\n", "emulator"),
        ("core/bad.py", "import PySide6.QtWidgets\n", "PySide6.QtWidgets"),
        ("core/jobs/bad.py", "from ...ui import main_window\n", "seedream_desktop.ui"),
        ("core/bad.py", "from seedream_desktop import wiring\n", "seedream_desktop.wiring"),
        ("emulator/bad.py", "from seedream_desktop.core.models import JobState\n", "core"),
    ],
)
def test_a_bad_import_is_named(tmp_path: Path, where: str, source: str, named: str) -> None:
    fake = tmp_path / TOP
    bad = fake / where
    bad.parent.mkdir(parents=True)
    bad.write_text(source, encoding="utf-8")
    [problem] = violations([bad], fake)
    assert problem.startswith(module_name(bad, fake) + " (line ")
    assert named in problem
