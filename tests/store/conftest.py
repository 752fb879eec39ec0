from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from extract.articles import load_folder, load_text

ROOT = Path(__file__).resolve().parents[2]

SYNTHETIC = {
    "caspian": ("Russia launched 26 cruise missiles from the Caspian Sea on Wednesday, the defence ministry said. "
                "Turkey denied that the missiles crossed its airspace.", date(2015, 10, 9), "Wire"),
    "aleppo": ("Syrian government forces struck rebel positions near Aleppo on Tuesday, state television said. "
               "Twelve people were killed, a monitoring group said.", date(2015, 10, 14), "Desk"),
    "geneva": ("Foreign ministers met in Geneva on Friday to discuss a ceasefire in Syria. "
               "They agreed to meet again next week.", date(2015, 10, 24), "Agency"),
}


def synthetic(name: str, text: str | None = None, **changes):
    body, published, source = SYNTHETIC[name]
    fields = {"source": source, "published": published, **changes}
    return load_text(text if text is not None else body, name=f"{name}.txt", **fields)


@pytest.fixture(scope="session")
def bundled():
    articles, problems = load_folder(ROOT / "data" / "articles")
    assert articles and not problems
    return articles


@pytest.fixture(scope="session")
def corpus_articles(bundled):
    return [*bundled, *(synthetic(name) for name in SYNTHETIC)]


@pytest.fixture
def store_path(tmp_path):
    return tmp_path / "chronomap.db"
