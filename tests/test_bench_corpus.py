"""The benchmark corpus: real seed texts, perturbed, dated, of varied length; lazily generated."""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpus import SEEDS, generate, main  # noqa: E402


def test_generated_articles_follow_their_publication_day_and_vary_in_length():
    articles = list(generate(40))
    assert len({a.id for a in articles}) == 40 and all(a.published for a in articles)
    for a in articles:
        years = {int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", a.body)}
        assert years <= {a.published.year, a.published.year - 1}, (a.published, years)
    lengths = [len(a.body) for a in articles]
    assert min(lengths) < 2500 < max(lengths)
    seeds = [p.read_text() for p in SEEDS.glob("*.md")]
    assert all(any(a.body.split("\n\n")[0][:20] in s for s in seeds) for a in articles)  # real texts underneath
    assert [a.id for a in generate(3, start=10)] == ["bench-0000010", "bench-0000011", "bench-0000012"]


def test_the_corpus_is_written_as_json_lines_for_chronomap_ingest(tmp_path):
    from extract.articles import read_lines

    out = tmp_path / "c.jsonl"
    assert main(["5", str(out)]) == 0
    read = list(read_lines(out.read_text().splitlines(), name="c.jsonl"))
    assert [a.id for a in read] == [f"bench-{i:07d}" for i in range(5)]
    assert all(a.published and a.source for a in read)
