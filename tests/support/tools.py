"""System tools a test needs: skipped where missing locally, a failure under CI (``CI`` set),
which must never skip such a test silently."""

from __future__ import annotations

import os
import shutil

import pytest


def require_tool(name: str, package: str) -> None:
    """Skips (fails under CI) unless ``name`` is on PATH; ``package`` is the apt package."""
    if shutil.which(name) is None:
        message = f"{name} not installed (apt-get install {package})"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run this check: {message}")
        pytest.skip(message)
