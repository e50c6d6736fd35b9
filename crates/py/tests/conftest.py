"""Shared fixtures: the built CLI binary (to hold the Python documents to the CLI's) and
unique temporary files."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _cli_path() -> Path:
    given = os.environ.get("REYKJAVIK_CLI")
    if given:
        return Path(given)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    for profile in ("debug", "release"):
        candidate = target / profile / "reykjavik"
        if candidate.exists():
            return candidate
    raise FileNotFoundError(
        f"no reykjavik binary under {target}: run `cargo build -p reykjavik` or set REYKJAVIK_CLI"
    )


class Cli:
    def __init__(self, path: Path):
        self.path = path

    def run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(self.path), *args], capture_output=True, text=True, timeout=600)

    def json(self, *args: str) -> dict:
        done = self.run(*args, "--format", "json")
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)


@pytest.fixture(scope="session")
def cli() -> Cli:
    return Cli(_cli_path())
