"""One-to-one matching of predicted spans to gold spans, as TempEval-3 and Gritta et al. score them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1 from counts; zero where a ratio is undefined."""

    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Scores) -> Scores:
        return Scores(self.true_positives + other.true_positives, self.predicted + other.predicted,
                      self.gold + other.gold)


def match(gold: list[tuple[int, int]], predicted: list[tuple[int, int]], *, strict: bool = False) -> list[tuple[int, int]]:
    """Pairs (gold index, predicted index), each span used at most once.

    Relaxed matching pairs overlapping spans, largest overlap first, so one long
    prediction cannot claim two gold spans; strict matching needs equal offsets.
    """
    candidates = []
    for g, (gs, ge) in enumerate(gold):
        for p, (ps, pe) in enumerate(predicted):
            if strict:
                if (gs, ge) == (ps, pe):
                    candidates.append((ge - gs, g, p))
            else:
                overlap = min(ge, pe) - max(gs, ps)
                if overlap > 0:
                    candidates.append((overlap, g, p))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_gold, used_pred, pairs = set(), set(), []
    for _, g, p in candidates:
        if g not in used_gold and p not in used_pred:
            used_gold.add(g)
            used_pred.add(p)
            pairs.append((g, p))
    return sorted(pairs)
