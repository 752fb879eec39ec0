from __future__ import annotations

from pathlib import Path

import pytest

from extract.articles import load_folder
from extract.pipeline import build_corpus

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def corpus(gazetteer):
    articles, problems = load_folder(ROOT / "data" / "articles")
    return build_corpus(articles, problems, gazetteer)


@pytest.fixture(autouse=True)
def store_in_tmp(monkeypatch, tmp_path):
    """Every page test keeps its store in its own folder, never in the working tree."""
    monkeypatch.setenv("CHRONOMAP_STORE", str(tmp_path / "chronomap.db"))
