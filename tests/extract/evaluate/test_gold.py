import pytest

from extract.evaluate.gold import read_jsonl


def test_each_line_is_a_record_and_blank_lines_are_skipped(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"doc_id": 1}\n\n{"doc_id": 2}\n', encoding="utf-8")
    assert read_jsonl(path, lambda raw: raw["doc_id"]) == [1, 2]


def test_a_bad_line_is_named_by_its_number(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"doc_id": 1}\n{"text": "no id"}\n{not json\n', encoding="utf-8")
    with pytest.raises(ValueError, match="line 2: 'doc_id'"):
        read_jsonl(path, lambda raw: raw["doc_id"])
