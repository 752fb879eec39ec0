"""The unit of ingest work: one article in, its extraction out as store-ready text.

Every engine (this process, a process pool, a Dask cluster) runs
`extract_encoded` and hands back `Encoded` records: plain strings, cheap to
send between processes and machines, written to the store (or to Parquet)
without touching the extraction code again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

from extract import corrections as fixes
from extract.corrections import Correction
from extract.pipeline import extract_article
from extract.records import Article, EventMention, Extraction, PlaceMention, TimeExpr
from gazetteer import Gazetteer

from . import codec

# What changes an extraction: the text and every metadata field but where the file was found.
_HASHED = ("text", "body_start", "title", "source", "published", "url", "language")


def content_hash(article: Article) -> str:
    """Same hash, same extraction: an article re-read from another path, unchanged, is not re-extracted."""
    data = {k: getattr(article, k) for k in _HASHED}
    data["published"] = article.published.isoformat() if article.published else None
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8", "replace")).hexdigest()


@dataclass(frozen=True)
class Encoded:
    """An article and its extraction as the store keeps them (JSON text from `store.codec`).

    `failed` marks an extraction that raised: the article is kept with its problem and tried again at the next
    ingest, since the fault may be in the code rather than the article.
    """

    article_id: str
    content_hash: str
    text: str
    metadata: str
    published: str | None
    timexes: str
    places: str
    events: str
    problems: str
    failed: bool = False

    def as_row(self) -> dict:
        return asdict(self)


def extract_encoded(article: Article, corrections: tuple[Correction, ...], gazetteer: Gazetteer, *,
                    geocoder=None) -> Encoded:
    """Extract one article with its analysts' corrections; a failure becomes a problem, never an exception."""
    problems = [f"{article.id}: {p}" for p in article.problems]
    for c in fixes.orphaned(list(corrections), article):
        problems.append(f"{article.id}: the analyst's {c.kind} correction of {c.text!r} no longer matches "
                        "the article text; kept but not applied")
    try:
        extraction = extract_article(article, gazetteer, geocoder=geocoder, corrections=list(corrections))
        failed = False
    except Exception as error:  # one bad article must not sink the batch
        problems.append(f"{article.id}: extraction failed ({type(error).__name__}: {error})")
        extraction, failed = Extraction(article), True
    return encode(extraction, problems, failed)


def encode(extraction: Extraction, problems: list[str], failed: bool = False) -> Encoded:
    article = extraction.article
    return Encoded(
        article_id=article.id,
        content_hash=content_hash(article),
        text=article.text,
        metadata=json.dumps(codec.article_metadata(article), ensure_ascii=False, sort_keys=True),
        published=article.published.isoformat() if article.published else None,
        timexes=codec.dumps(extraction.timexes),
        places=codec.dumps(extraction.places),
        events=codec.dumps(extraction.events),
        problems=json.dumps(problems, ensure_ascii=False),
        failed=failed,
    )


def decode(encoded: Encoded) -> Extraction:
    article = codec.article_from(encoded.article_id, encoded.text, json.loads(encoded.metadata))
    return Extraction(article, codec.loads(TimeExpr, encoded.timexes), codec.loads(PlaceMention, encoded.places),
                      codec.loads(EventMention, encoded.events))
