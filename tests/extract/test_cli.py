"""`python -m extract`: the JSON contract, --published, and unreadable input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from extract.__main__ import main

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "articles" / "003_538fe5b90e5731f6.md"


def test_json_contract(capsys):
    assert main([str(SEED)]) == 0
    document = json.loads(capsys.readouterr().out)
    [article] = document["articles"]
    assert {"file", "published", "timexes", "places"} <= set(article)
    text = SEED.read_text(encoding="utf-8")
    for timex in article["timexes"]:
        assert {"start", "end", "text", "type", "value", "precision"} <= set(timex)
        assert text[timex["start"]:timex["end"]] == timex["text"]
    for place in article["places"]:
        assert {"start", "end", "text", "name", "kind", "lat", "lon"} <= set(place)
        assert text[place["start"]:place["end"]] == place["text"]
    event = document["events"][0]
    assert {"id", "type", "date", "date_precision", "places", "actors", "sources", "sentence"} <= set(event)
    assert {"role", "name", "lat", "lon"} <= set(event["places"][0]) if event["places"] else True


def test_published_overrides_the_article_date(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text("The strike came yesterday.", encoding="utf-8")
    assert main(["--published", "2015-10-08", "--source", "Desk", str(path)]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["articles"][0]["timexes"][0]["value"] == "2015-10-07"
    assert document["articles"][0]["source"] == "Desk"


def test_unreadable_input_fails_with_one_line(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x00binary")
    result = subprocess.run([sys.executable, "-m", "extract", str(bad)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == ["error: bad.txt: binary data, not text"]
    assert result.stdout == ""


def test_a_batch_with_bad_files_names_each_once_and_prints_the_good(tmp_path):
    from tests.cli.test_main import BAD_FILES, GOOD_FILES

    for name, data in {**BAD_FILES, **GOOD_FILES}.items():
        (tmp_path / name).write_bytes(data)
    files = sorted(str(p) for p in tmp_path.iterdir())
    result = subprocess.run([sys.executable, "-m", "extract", *files], capture_output=True, text=True, cwd=ROOT,
                            timeout=300)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == len(BAD_FILES)
    for name in BAD_FILES:
        assert sum(line.startswith(f"error: {name}: ") for line in errors) == 1, (name, errors)
    printed = json.loads(result.stdout)
    assert sorted(a["id"] for a in printed["articles"]) == sorted(Path(n).stem for n in GOOD_FILES)
