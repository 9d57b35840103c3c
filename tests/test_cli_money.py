"""``seedream-desktop balance``, and ``generate`` asking the balance before it spends."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from seedream_desktop.cli.main import run_cli
from seedream_desktop.cli.money import usd
from seedream_desktop.emulator import Emulator, Origin
from tests.support.command import run_app
from tests.support.emulator_server import ServedEmulator, serve_emulator
from tests.support.fixtures import FAST_CONFIG, TEST_TOKEN


def test_balance_in_demo_mode_prints_the_demo_balance(tmp_path: Path) -> None:
    done = run_app("balance", "--demo", "--data-dir", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Balance: US$5.00\n"


@pytest.fixture
def poor(monkeypatch: pytest.MonkeyPatch) -> Iterator[ServedEmulator]:
    """An account holding US$0.10, and the token of it in the environment."""
    monkeypatch.setenv("RUNCOMFY_API_TOKEN", TEST_TOKEN)
    config = replace(FAST_CONFIG, balance_usd=Decimal("0.10"))
    with Emulator(config) as emu, serve_emulator(emu) as served:
        yield served


def cli(served: ServedEmulator, tmp_path: Path, *args: str) -> int:
    where = ["--data-dir", str(tmp_path), "--base-url", served.base_url]
    return run_cli([*args, *where, "--balance-url", served.balance_base_url])


def posts(served: ServedEmulator) -> int:
    return sum(r.method == "POST" for r in served.emulator.requests(Origin.API))


def test_balance_prints_what_the_balance_host_says(
    poor: ServedEmulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(poor, tmp_path, "balance") == 0
    assert capsys.readouterr().out == "Balance: US$0.10\n"
    assert [r.had_auth for r in poor.emulator.requests(Origin.BALANCE)] == [True]


def test_the_balance_url_comes_from_the_environment_and_must_be_https(
    poor: ServedEmulator,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SEEDREAM_BALANCE_BASE_URL", poor.balance_base_url)
    assert run_cli(["balance", "--data-dir", str(tmp_path), "--base-url", poor.base_url]) == 0
    assert "US$0.10" in capsys.readouterr().out

    monkeypatch.setenv("SEEDREAM_BALANCE_BASE_URL", "http://api.example.com/prod/v2")
    assert run_cli(["balance", "--data-dir", str(tmp_path), "--base-url", poor.base_url]) == 2
    assert "must start with https://" in capsys.readouterr().err


def test_balance_with_a_rejected_token_exits_3(
    poor: ServedEmulator,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RUNCOMFY_API_TOKEN", "rc-not-known-here")
    assert cli(poor, tmp_path, "balance") == 3
    err = capsys.readouterr().err
    assert "rejected the API token" in err
    assert "Traceback" not in err


def test_generate_refuses_a_job_above_the_balance_unless_told_yes(
    poor: ServedEmulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(poor, tmp_path, "generate", "a paper crane", "--count", "4") == 4
    err = capsys.readouterr().err
    assert "Estimate: US$0.12 (4 × US$0.03, from RunComfy's price list)" in err
    assert "Not sent: the estimate is more than the balance (US$0.10)" in err
    assert "--yes" in err
    assert posts(poor) == 0

    # Told to send anyway, it does; the server refuses what the account cannot pay for.
    assert cli(poor, tmp_path, "generate", "a paper crane", "--count", "4", "--yes") == 4
    assert "balance is used up" in capsys.readouterr().err
    assert posts(poor) == 1


def test_generate_within_the_balance_is_sent_without_asking(
    poor: ServedEmulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(poor, tmp_path, "generate", "a paper crane", "--count", "3") == 0
    assert "Estimate: US$0.09" in capsys.readouterr().err
    assert poor.emulator.wallet.balance == Decimal("0.01")


@pytest.mark.parametrize(
    ("value", "shown"),
    [(Decimal("5"), "US$5.00"), (Decimal("0.027"), "US$0.027"), (Decimal("1234.5"), "US$1,234.50")],
)
def test_dollars_read_as_a_designer_writes_them(value: Decimal, shown: str) -> None:
    assert usd(value) == shown
