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
