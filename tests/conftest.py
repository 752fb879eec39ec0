from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def gold() -> dict:
    path = SHARED / "gold" / "seeds.json"
    if not path.exists():
        pytest.fail(f"{path} is missing: the acceptance tests need ../shared beside the repository")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def gazetteer():
    from gazetteer import default_gazetteer

    return default_gazetteer()
