from extract.evaluate.matching import Scores, match


def test_relaxed_matching_pairs_each_span_once_by_largest_overlap():
    gold = [(0, 10), (12, 20)]
    predicted = [(5, 18), (12, 20)]
    assert match(gold, predicted) == [(0, 0), (1, 1)]
    # One long prediction cannot claim two gold spans.
    assert match(gold, [(0, 20)]) == [(0, 0)]


def test_strict_matching_needs_equal_offsets():
    assert match([(0, 10), (12, 20)], [(0, 9), (12, 20)], strict=True) == [(1, 1)]


def test_scores_add_and_handle_empty_sets():
    total = Scores(1, 2, 4) + Scores(1, 2, 0)
    assert (total.precision, total.recall) == (0.5, 0.5)
    assert Scores(0, 0, 0).f1 == 0.0
