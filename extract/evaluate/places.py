"""Geoparsing scored as Gritta et al. (2019) score it: recognition by overlap, then distance errors.

Recognition: one-to-one overlap matching of predicted and gold spans (precision,
recall, F1). Resolution, over matched toponyms that have gold coordinates:
accuracy within 161 km (100 miles), mean and median error in km, and the area
under the curve of sorted log errors (0 is perfect, 1 is antipodal everywhere).
End-to-end accuracy@161 counts a gold toponym only when it was both found and
placed within 161 km, over every gold toponym with coordinates.
"""

from __future__ import annotations

import math
import statistics
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from gazetteer import Gazetteer, default_gazetteer

from ..places import recognise
from ..records import PlaceMention
from .gold import read_jsonl
from .matching import Scores, match

ACCURACY_KM = 161.0
EARTH_HALF_CIRCUMFERENCE_KM = 20039.0


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    name: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class Document:
    doc_id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


@dataclass(frozen=True)
class Resolved:
    """A matched toponym's gold point and the place it was resolved to, for the breakdown by level."""

    level: str
    place_id: str
    gold: tuple[float, float]
    point: tuple[float, float]
    error_km: float


@dataclass
class Report:
    recognition: Scores = field(default_factory=lambda: Scores(0, 0, 0))
    errors_km: list[float] = field(default_factory=list)  # one per matched toponym with gold coordinates
    resolved: list[Resolved] = field(default_factory=list)  # the same toponyms: what they were resolved to
    gold_with_coordinates: int = 0
    mismatches: list[str] = field(default_factory=list)
    documents: int = 0
    seconds: float = 0.0

    @property
    def accuracy_161(self) -> float:
        return sum(e <= ACCURACY_KM for e in self.errors_km) / len(self.errors_km) if self.errors_km else 0.0

    @property
    def end_to_end_161(self) -> float:
        hits = sum(e <= ACCURACY_KM for e in self.errors_km)
        return hits / self.gold_with_coordinates if self.gold_with_coordinates else 0.0

    @property
    def mean_km(self) -> float:
        return statistics.fmean(self.errors_km) if self.errors_km else 0.0

    @property
    def median_km(self) -> float:
        return statistics.median(self.errors_km) if self.errors_km else 0.0

    @property
    def auc(self) -> float:
        return error_auc(self.errors_km)


def error_auc(errors_km: list[float]) -> float:
    """Area under the sorted curve of ln(1 + error), scaled by ln(20039 km), by the trapezoidal rule."""
    if len(errors_km) < 2:
        return math.log1p(errors_km[0]) / math.log(EARTH_HALF_CIRCUMFERENCE_KM) if errors_km else 0.0
    logs = sorted(math.log1p(e) for e in errors_km)
    area = sum((a + b) / 2 for a, b in zip(logs, logs[1:]))
    return area / ((len(logs) - 1) * math.log(EARTH_HALF_CIRCUMFERENCE_KM))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a sphere of radius 6,371 km (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def read_gold(path: str | Path) -> list[Document]:
    return read_jsonl(path, _document)


def _document(raw: dict) -> Document:
    toponyms = tuple(GoldToponym(t["start"], t["end"], t.get("name", ""), t.get("lat"), t.get("lon"))
                     for t in raw.get("toponyms", []))
    return Document(str(raw["doc_id"]), raw["text"], toponyms)


def evaluate(documents: list[Document], gazetteer: Gazetteer | None = None) -> Report:
    gazetteer = gazetteer or default_gazetteer()
    report = Report(documents=len(documents))
    began = time.perf_counter()
    predictions = [recognise(d.text, gazetteer) for d in documents]
    report.seconds = time.perf_counter() - began
    for document, predicted in zip(documents, predictions):
        _score(report, document, predicted)
    return report


def _score(report: Report, document: Document, predicted: list[PlaceMention]) -> None:
    gold = document.toponyms
    pairs = match([(t.start, t.end) for t in gold], [(p.start, p.end) for p in predicted])
    report.recognition += Scores(len(pairs), len(predicted), len(gold))
    report.gold_with_coordinates += sum(t.lat is not None for t in gold)
    for g, p in pairs:
        toponym, place = gold[g], predicted[p]
        if toponym.lat is None or toponym.lon is None:
            continue
        error = distance_km(toponym.lat, toponym.lon, place.lat, place.lon)
        report.errors_km.append(error)
        report.resolved.append(Resolved(level_of(place), place.place_id, (toponym.lat, toponym.lon),
                                        (place.lat, place.lon), error))
        if error > ACCURACY_KM:
            report.mismatches.append(f"{document.doc_id}\tFAR {error:,.0f} km\t{toponym.name!r} -> {place.name} "
                                     f"({place.kind}, {place.country_code}, {place.rule}, {place.confidence:.2f})"
                                     f"\t{_context(document.text, toponym.start, toponym.end)}")
    matched_gold, matched_pred = {g for g, _ in pairs}, {p for _, p in pairs}
    for g, toponym in enumerate(gold):
        if g not in matched_gold:
            report.mismatches.append(f"{document.doc_id}\tMISSED\t{toponym.name!r}"
                                     f"\t{_context(document.text, toponym.start, toponym.end)}")
    for p, place in enumerate(predicted):
        if p not in matched_pred:
            report.mismatches.append(f"{document.doc_id}\tSPURIOUS\t{place.text!r} -> {place.name} ({place.kind}, "
                                     f"{place.rule})\t{_context(document.text, place.start, place.end)}")


def _context(text: str, start: int, end: int) -> str:
    return " ".join(f"{text[max(0, start - 40):start]}[{text[start:end]}]{text[end:end + 40]}".split())


def format_report(report: Report, *, errors: bool = False) -> str:
    r = report.recognition
    lines = [
        f"{report.documents} documents, {report.seconds * 1000 / max(report.documents, 1):.2f} ms per document",
        f"recognition   P {r.precision:.1%}  R {r.recall:.1%}  F1 {r.f1:.1%}  (gold {r.gold}, predicted {r.predicted}, "
        f"matched {r.true_positives})",
        f"resolution    acc@161 {report.accuracy_161:.1%}  mean {report.mean_km:,.0f} km  "
        f"median {report.median_km:,.0f} km  AUC {report.auc:.3f}  (over {len(report.errors_km)} matched toponyms)",
        f"end to end    acc@161 {report.end_to_end_161:.1%}  (over {report.gold_with_coordinates} gold toponyms "
        f"with coordinates)",
    ]
    if errors:
        lines += ["", *report.mismatches]
    return "\n".join(lines)


_LEVELS = {"a1": "admin1", "a2": "admin2", "ap": "airport", "cu": "curated", "near": "nearby"}
_BANDS = ((10, "<10"), (161, "10-161"), (1000, "161-1000"), (math.inf, ">1000"))


def level_of(place: PlaceMention) -> str:
    """What kind of place a toponym was resolved to: country, admin1, admin2, town, continent, sea..."""
    source = place.place_id.split(":", 1)[0]
    if place.kind in ("country", "airspace", "sea", "river", "lake", "mountain"):
        return place.kind
    if source == "gn":
        return "continent" if place.kind == "region" else "town"
    return _LEVELS.get(source, place.kind)


def format_breakdown(report: Report) -> str:
    """Where the AUC comes from: each level's share of the summed log errors, its errors by band, and
    how its gold points sit: the share of mentions at the most common gold point of their place (a
    gazetteer's fixed point per place, if near 100%), and the median distance from that point to ours."""
    scale = len(report.resolved) * math.log(EARTH_HALF_CIRCUMFERENCE_KM) or 1.0
    by_level: dict[str, list[Resolved]] = defaultdict(list)
    for r in report.resolved:
        by_level[r.level].append(r)
    lines = ["level        mentions  AUC share  median km  acc@161  " + "  ".join(f"{b:>8}" for _, b in _BANDS)
             + "  at modal gold  modal gold to ours"]
    for level, rows in sorted(by_level.items(), key=lambda kv: -sum(math.log1p(r.error_km) for r in kv[1])):
        errors = [r.error_km for r in rows]
        bands = Counter(next(label for limit, label in _BANDS if e < limit) for e in errors)
        at_modal, gap = _gold_consistency(rows)
        lines.append(f"{level:<12} {len(rows):>8}  {sum(map(math.log1p, errors)) / scale:>9.3f}  "
                     f"{statistics.median(errors):>9,.0f}  {sum(e <= ACCURACY_KM for e in errors) / len(rows):>7.1%}  "
                     + "  ".join(f"{bands[label]:>8}" for _, label in _BANDS)
                     + f"  {at_modal:>13.1%}  {gap:>15,.0f} km")
    return "\n".join(lines)


def _gold_consistency(rows: list[Resolved]) -> tuple[float, float]:
    """The share of mentions whose gold point is their place's most common one, and the median (over
    mentions) distance from that most common gold point to the point the gazetteer gives the place."""
    points: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        points[r.place_id][r.gold] += 1
    modal = {place: counts.most_common(1)[0][0] for place, counts in points.items()}
    at_modal = sum(r.gold == modal[r.place_id] for r in rows) / len(rows)
    gaps = [distance_km(*modal[r.place_id], *r.point) for r in rows]
    return at_modal, statistics.median(gaps)
