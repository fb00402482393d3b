from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = REPO_ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    """shared/ beside the repository; the seed tests must not pass silently without it."""
    if not (SHARED / "seeds").is_dir() or not (SHARED / "data" / "reports").is_dir():
        pytest.fail(f"shared/ with seeds and labelled data not found beside the repository: {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def seeds(shared: Path) -> dict[str, Path]:
    return {p.name[:3]: p for p in sorted((shared / "seeds").glob("*.txt"))}
