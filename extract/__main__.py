"""`python -m extract [--published YYYY-MM-DD] [--source NAME] FILE...`: one JSON document on stdout.

Unreadable files get one line each on stderr and a non-zero exit status;
the readable ones are still extracted and printed.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

from .articles import ArticleError, load_file
from .pipeline import build_corpus, with_published
from .records import Extraction


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m extract", description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", metavar="FILE", help="article files (.md, .txt, .html, .json)")
    parser.add_argument("--published", type=_iso_date, help="publication date for every file, overriding its own")
    parser.add_argument("--source", help="source name for every file, overriding its own")
    parser.add_argument("--geocoder", metavar="PROVIDER",
                        help="opt in to an online geopy geocoder (e.g. nominatim) for names the offline "
                             "gazetteer lacks; answers are cached in .chronomap-cache/")
    args = parser.parse_args(argv)

    articles, failed = [], 0
    for name in args.files:
        try:
            article = load_file(name)
        except ArticleError as error:
            print(f"error: {error}", file=sys.stderr)
            failed += 1
            continue
        if args.published:
            article = with_published(article, args.published)
        if args.source:
            article = replace(article, source=args.source)
        articles.append(article)
    if not articles:
        return 1
    geocoder = None
    if args.geocoder:
        from gazetteer.online import OnlineGeocoder

        geocoder = OnlineGeocoder(args.geocoder, cache_path=Path(".chronomap-cache") / "geocode.json")
    corpus = build_corpus(articles, geocoder=geocoder.geocode if geocoder else None)
    if geocoder is not None and geocoder.last_error:
        print(f"warning: online geocoder failed ({geocoder.last_error}); offline gazetteer used", file=sys.stderr)
    for problem in corpus.problems:
        print(f"warning: {problem}", file=sys.stderr)
    document = {
        "articles": [_article_json(e) for e in corpus.extractions],
        "events": [_event_json(row) for row in corpus.events.to_dict("records")],
    }
    json.dump(document, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 1 if failed else 0


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}") from None


def _article_json(extraction: Extraction) -> dict:
    article = extraction.article
    return {
        "file": article.path,
        "id": article.id,
        "title": article.title,
        "source": article.source,
        "published": article.published.isoformat() if article.published else None,
        "problems": list(article.problems),
        "timexes": [
            {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value,
             "precision": t.precision, "anchor": t.anchor, "rule": t.rule, "reason": t.reason}
            for t in extraction.timexes
        ],
        "places": [
            {"start": p.start, "end": p.end, "text": p.text, "name": p.name, "kind": p.kind, "lat": p.lat,
             "lon": p.lon, "place_id": p.place_id, "geonameid": p.geonameid, "confidence": p.confidence}
            for p in extraction.places
        ],
    }


def _event_json(row: dict) -> dict:
    clean = {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()}
    clean["date"] = clean["date_start"] if clean["date_precision"] != "reported" else clean["date_end"]
    clean["places"] = [{k: p[k] for k in ("role", "name", "kind", "lat", "lon", "place_id")} for p in clean["places"]]
    return clean


if __name__ == "__main__":
    sys.exit(main())
