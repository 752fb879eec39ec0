"""Geoparsing scores: the metrics on made-up cases, then floors on LGL and GeoVirus (../shared/eval)."""

from __future__ import annotations

import json
import math

import pytest

from extract.evaluate.__main__ import main
from extract.evaluate.places import (
    Document,
    GoldToponym,
    distance_km,
    error_auc,
    evaluate,
    format_breakdown,
    format_report,
    read_gold,
)

from ...conftest import SHARED


def test_distance_km():
    assert distance_km(0, 0, 0, 0) == 0
    assert abs(distance_km(51.5, -0.12, 48.86, 2.35) - 343) < 5  # London to Paris
    assert abs(distance_km(0, 0, 0, 180) - math.pi * 6371) < 1


def test_auc_is_zero_when_exact_and_one_when_antipodal():
    assert error_auc([0.0, 0.0, 0.0]) == 0.0
    assert error_auc([20039.0, 20039.0]) == pytest.approx(1.0, rel=1e-4)
    assert 0 < error_auc([0.0, 100.0, 1000.0]) < error_auc([100.0, 1000.0, 5000.0]) < 1
    assert error_auc([]) == 0.0


def test_scores_on_a_made_up_article(gazetteer):
    text = "Flooding hit Paris, Texas, and Narnia on Monday."
    gold = (GoldToponym(13, 18, "Paris", 33.66, -95.56), GoldToponym(20, 25, "Texas", None, None),
            GoldToponym(31, 37, "Narnia", 1.0, 1.0))
    report = evaluate([Document("a", text, gold)], gazetteer)
    r = report.recognition
    assert (r.true_positives, r.predicted, r.gold) == (2, 2, 3)
    assert report.errors_km and report.errors_km[0] < 5  # Texas has no gold point: one resolved pair
    assert report.accuracy_161 == 1.0
    assert report.end_to_end_161 == 0.5  # Narnia, with a point, was missed
    lines = format_report(report, errors=True)
    assert "MISSED\t'Narnia'" in lines and "F1" in lines


def test_read_gold_rejects_malformed_lines(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"doc_id": "1", "text": "x", "toponyms": [{"start": 0}]}) + "\n")
    with pytest.raises(ValueError, match="line 1"):
        read_gold(path)


def test_command_line_prints_the_measures(tmp_path, capsys):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"doc_id": "1", "text": "Rain in Tokyo.", "toponyms": [
        {"start": 8, "end": 13, "name": "Tokyo", "lat": 35.69, "lon": 139.69}]}) + "\n")
    assert main(["places", str(path)]) == 0
    out = capsys.readouterr().out
    assert "P 100.0%" in out and "acc@161 100.0%" in out and "AUC" in out


def test_breakdown_by_level_says_where_the_auc_comes_from(gazetteer):
    text = "Rain in Tokyo, Japan, and in Osaka, Japan."
    gold = (GoldToponym(8, 13, "Tokyo", 35.69, 139.69), GoldToponym(15, 20, "Japan", 36.0, 138.0),
            GoldToponym(30, 35, "Osaka", 34.69, 135.50), GoldToponym(37, 42, "Japan", 36.0, 138.0))
    report = evaluate([Document("a", text, gold)], gazetteer)
    assert [r.level for r in report.resolved] == ["town", "country", "town", "country"]
    lines = format_breakdown(report).splitlines()
    assert lines[0].startswith("level") and {line.split()[0] for line in lines[1:]} == {"town", "country"}
    country = next(line for line in lines if line.startswith("country"))
    assert "100.0%" in country  # both gold points for Japan are the same point
    assert main(["places", "--by-level", str(SHARED / "missing.jsonl")]) == 2


# Floors just under what the geoparser reaches (see the README); a change that loses ground fails here.
# GeoVirus's AUC stays above .20 for its points, not its places: half of it (.144 of .278) comes from countries
# whose gold point (one per country in 99% of mentions: Wikipedia's) lies 111 km on median from ours (GeoNames',
# as LGL's gold); for 49% of those mentions every packaged point set (Factbook, Natural Earth label point or
# centroid) is over 50 km off too, and Wikipedia's points themselves would take LGL's AUC from .196 to about
# .24. States add .080 the same way (49 km). See `python -m extract.evaluate places GOLD --by-level`.
FLOORS = {
    "lgl.jsonl": {"f1": 0.805, "accuracy_161": 0.88, "auc": 0.1975, "end_to_end_161": 0.735},
    "geovirus.jsonl": {"f1": 0.86, "accuracy_161": 0.86, "auc": 0.2785, "end_to_end_161": 0.785},
}

@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_floors_on_annotated_news(corpus, gazetteer):
    path = SHARED / "eval" / corpus
    if not path.exists():
        pytest.fail(f"{path} is missing: the evaluation needs ../shared beside the repository")
    report = evaluate(read_gold(path), gazetteer)
    floor = FLOORS[corpus]
    assert report.recognition.f1 >= floor["f1"], format_report(report)
    assert report.accuracy_161 >= floor["accuracy_161"], format_report(report)
    assert report.auc <= floor["auc"], format_report(report)
    assert report.end_to_end_161 >= floor["end_to_end_161"], format_report(report)
