"""TempEval-3 Task A scoring of the date tagger: relaxed, strict and value P/R/F1."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..dates import tag
from .gold import read_jsonl
from .matching import Scores, match


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class Document:
    doc_id: str
    dct: date | None
    text: str
    timexes: tuple[GoldTimex, ...]


@dataclass
class Report:
    """Counts per measure and per subset ("all" and each TIMEX3 type)."""

    scores: dict[str, dict[str, Scores]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    documents: int = 0
    seconds: float = 0.0

    def add(self, subset: str, measure: str, scores: Scores) -> None:
        row = self.scores.setdefault(subset, {})
        row[measure] = row.get(measure, Scores(0, 0, 0)) + scores


def read_gold(path: str | Path) -> list[Document]:
    return read_jsonl(path, _document)


def _document(raw: dict) -> Document:
    dct = date.fromisoformat(raw["dct"]) if raw.get("dct") else None
    timexes = tuple(GoldTimex(t["start"], t["end"], t["text"], t["type"], t["value"]) for t in raw.get("timexes", []))
    return Document(str(raw["doc_id"]), dct, raw["text"], timexes)


def evaluate(documents: list[Document]) -> Report:
    report = Report(documents=len(documents))
    began = time.perf_counter()
    predictions = [tag(d.text, d.dct) for d in documents]
    report.seconds = time.perf_counter() - began
    for document, predicted in zip(documents, predictions):
        for subset in ["all", *sorted({t.type for t in document.timexes} | {p.type for p in predicted})]:
            gold = [t for t in document.timexes if subset in ("all", t.type)]
            pred = [p for p in predicted if subset in ("all", p.type)]
            _score(report, subset, document, gold, pred)
    return report


def _score(report: Report, subset: str, document: Document, gold: list[GoldTimex], pred: list) -> None:
    spans_gold = [(t.start, t.end) for t in gold]
    spans_pred = [(p.start, p.end) for p in pred]
    relaxed = match(spans_gold, spans_pred)
    strict = match(spans_gold, spans_pred, strict=True)
    valued = [(g, p) for g, p in relaxed if gold[g].value == pred[p].value]
    typed = [(g, p) for g, p in relaxed if gold[g].type == pred[p].type]
    counts = (len(pred), len(gold))
    report.add(subset, "relaxed", Scores(len(relaxed), *counts))
    report.add(subset, "strict", Scores(len(strict), *counts))
    report.add(subset, "value", Scores(len(valued), *counts))
    report.add(subset, "type", Scores(len(typed), *counts))
    if subset != "all":
        return
    matched_gold = {g for g, _ in relaxed}
    matched_pred = {p for _, p in relaxed}
    for g, p in relaxed:
        if gold[g].value != pred[p].value or (gold[g].start, gold[g].end) != (pred[p].start, pred[p].end):
            report.errors.append(f"{document.doc_id}\tMISMATCH\tgold {gold[g].text!r} {gold[g].type} {gold[g].value}"
                                 f"\tpred {pred[p].text!r} {pred[p].type} {pred[p].value} ({pred[p].rule})")
    for g, t in enumerate(gold):
        if g not in matched_gold:
            report.errors.append(f"{document.doc_id}\tMISSED\t{t.text!r} {t.type} {t.value}\t{_context(document, t)}")
    for p, t in enumerate(pred):
        if p not in matched_pred:
            report.errors.append(f"{document.doc_id}\tSPURIOUS\t{t.text!r} {t.type} {t.value} ({t.rule})"
                                 f"\t{_context(document, t)}")


def _context(document: Document, span) -> str:
    left = document.text[max(0, span.start - 40): span.start]
    right = document.text[span.end: span.end + 40]
    return " ".join(f"{left}[{document.text[span.start:span.end]}]{right}".split())


def format_report(report: Report, *, errors: bool = False) -> str:
    lines = [f"{report.documents} documents, {report.seconds * 1000 / max(report.documents, 1):.2f} ms per document",
             f"{'subset':<10}{'measure':<9}{'P':>7}{'R':>7}{'F1':>7}{'gold':>6}{'pred':>6}"]
    for subset in sorted(report.scores, key=lambda s: (s != "all", s != "DATE", s)):
        for measure in ("relaxed", "strict", "value", "type"):
            s = report.scores[subset][measure]
            lines.append(f"{subset:<10}{measure:<9}{s.precision:7.1%}{s.recall:7.1%}{s.f1:7.1%}{s.gold:6}{s.predicted:6}")
    if errors:
        lines += ["", *report.errors]
    return "\n".join(lines)
