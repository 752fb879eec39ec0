"""Articles in, one events table out: the only place that runs the stages in order."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from gazetteer import Gazetteer, default_gazetteer

from . import corrections as fixes
from . import dates, events, places
from .corrections import Correction
from .merge import merge
from .places import Fallback
from .records import Article, Extraction
from .speech import attributions
from .table import COLUMNS, events_table


@dataclass
class Corpus:
    """Everything the dashboard and the exports need."""

    articles: list[Article]
    extractions: list[Extraction]
    events: pd.DataFrame
    problems: list[str]


def extract_article(article: Article, gazetteer: Gazetteer | None = None, *,
                    geocoder: Fallback | None = None, corrections: list[Correction] = ()) -> Extraction:
    """Dates, places and event mentions of one article, offsets into `article.text`.

    `geocoder` is the opt-in online look-up for names the gazetteer lacks; None keeps everything offline.
    `corrections` are the analysts' decisions for this article, applied over what the extractors find.
    """
    gazetteer = gazetteer or default_gazetteer()
    corrections = list(corrections)
    body, offset = article.body, article.body_start
    timexes = dates.tag(body, article.published, offset=offset)
    found_places = places.recognise(body, gazetteer, offset=offset, fallback=geocoder)
    if corrections:
        timexes = fixes.apply_to_dates(timexes, corrections, article)
        found_places = fixes.apply_to_places(found_places, corrections, article)
    quotes = attributions(body, offset)
    located = [p for p in found_places if p.rule != "adjective"]  # "Russian said" places no event
    mentions = events.extract(article, timexes, located, quotes, gazetteer)
    if corrections:
        mentions = fixes.apply_to_events(mentions, corrections, article)
    return Extraction(article, timexes, found_places, mentions)


def build_corpus(articles: list[Article], problems: list[str] | None = None,
                 gazetteer: Gazetteer | None = None, *, geocoder: Fallback | None = None,
                 corrections: list[Correction] = ()) -> Corpus:
    gazetteer = gazetteer or default_gazetteer()
    problems = list(problems or [])
    by_article: dict[str, list[Correction]] = {}
    for c in corrections:
        by_article.setdefault(c.article_id, []).append(c)
    extractions = []
    for article in articles:
        mine = by_article.get(article.id, [])
        for c in fixes.orphaned(mine, article):
            problems.append(f"{article.id}: the analyst's {c.kind} correction of {c.text!r} no longer matches "
                            "the article text; kept but not applied")
        try:
            extractions.append(extract_article(article, gazetteer, geocoder=geocoder, corrections=mine))
        except Exception as error:  # one bad article must not sink the batch
            problems.append(f"{article.id}: extraction failed ({type(error).__name__}: {error})")
        for problem in article.problems:
            problems.append(f"{article.id}: {problem}")
    return Corpus(articles, extractions, corpus_events(extractions, gazetteer), problems)


def corpus_events(extractions: list[Extraction], gazetteer: Gazetteer) -> pd.DataFrame:
    all_mentions = [m for e in extractions for m in e.events]
    if not all_mentions:
        return pd.DataFrame(columns=list(COLUMNS))
    clusters = merge(all_mentions)
    per_article = {e.article.id: e.events for e in extractions}
    articles = {e.article.id: e.article for e in extractions}
    return events_table(clusters, per_article, articles, gazetteer)


def with_published(article: Article, published) -> Article:
    """The same article with another publication date (the CLI's --published)."""
    problems = tuple(p for p in article.problems if "publication date" not in p)
    return replace(article, published=published, problems=problems)
