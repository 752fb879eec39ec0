"""The merge's state kept in the store, so an ingest of new articles merges only their mentions.

Merging is greedy in ingest order (extract.merge.Merger), so the clusters
after article k do not depend on any later article: keeping each cluster's
summary (what the rules compare), the index that finds it and where its
mentions are, a refresh takes the new articles' mentions and ends where a
merge of every article would. A changed article can change any cluster after
it, so `put` of a merged article marks the state invalid and the next refresh
merges everything again.

Tables (schema version 6): `merge_clusters` (a cluster's summary, its
mentions as [article id, index] pairs and its denial links, by position, the
row of the events table it makes) and `merge_keys` (index key, position);
`meta.merged_through` is the seq of the last article merged (0 for none),
-1 when the state must be rebuilt; `meta.merge_rules` the RULES it was kept by.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import date

from extract.merge import Cluster, IndexKey, Merger

from .schema import get_meta, set_meta

# Bump when the merge rules or the summary change: a state kept by other rules is rebuilt, not extended.
RULES = "1"

Ref = tuple[str, int]  # (article id, index of the mention in its article's events)


@dataclass
class Kept:
    """A cluster as the store keeps it: its summary, where its mentions are, and its denial links (positions)."""

    cluster: Cluster
    refs: list[Ref] = field(default_factory=list)
    denies: list[int] = field(default_factory=list)  # in the order its mentions name them
    disputed_by: list[int] = field(default_factory=list)  # ascending, as a merge of everything lists them


def dumps(kept: Kept) -> str:
    c = kept.cluster
    return json.dumps({
        "type": c.type, "negated": c.negated, "first_date": c.first_date, "reasons": c.reasons,
        "interval": [c.interval[0].isoformat(), c.interval[1].isoformat()],
        "place_keys": sorted(c.place_keys), "countries": {role: sorted(codes, key=str) for role, codes in c.countries.items()},
        "speakers": list(c.speakers), "actor_countries": sorted(c.actor_countries), "articles": c.articles,
        "refs": kept.refs, "denies": kept.denies, "disputed_by": kept.disputed_by,
    }, ensure_ascii=False, separators=(",", ":"))


def loads(text: str) -> Kept:
    """A kept cluster with its summary only: `cluster.mentions` is empty until read back from `refs`."""
    s = json.loads(text)
    cluster = Cluster([], s["type"], s["negated"], s["first_date"], s["reasons"],
                      (date.fromisoformat(s["interval"][0]), date.fromisoformat(s["interval"][1])),
                      set(s["place_keys"]), {role: set(codes) for role, codes in s["countries"].items()},
                      dict.fromkeys(s["speakers"]), set(s["actor_countries"]), s["articles"])
    return Kept(cluster, [(a, i) for a, i in s["refs"]], s["denies"], s["disputed_by"])


def key_text(key: IndexKey) -> str:
    return "\x1f".join(key)


class StoredMerger(Merger):
    """A merger over the state in the store: clusters are read as the index names them, new ones numbered after
    the last; what changes is held in `kept` and this run's `index` until `save` writes it."""

    def __init__(self, db: sqlite3.Connection) -> None:
        super().__init__()
        self.db = db
        self.kept: dict[int, Kept] = {}
        self.took: set[int] = set()  # positions whose cluster took a mention in this run
        (last,) = db.execute("SELECT max(position) FROM merge_clusters").fetchone()
        self.next = 0 if last is None else last + 1

    def candidates(self, keys: list[IndexKey]) -> set[int]:
        found = super().candidates(keys)
        texts = [key_text(k) for k in keys]
        query = f"SELECT position FROM merge_keys WHERE key IN ({','.join('?' * len(texts))})"
        found.update(p for (p,) in self.db.execute(query, texts))
        return found

    def cluster(self, i: int) -> Cluster:
        return self.get(i).cluster

    def get(self, i: int) -> Kept:
        kept = self.kept.get(i)
        if kept is None:
            (text,) = self.db.execute("SELECT state FROM merge_clusters WHERE position = ?", (i,)).fetchone()
            kept = self.kept[i] = loads(text)
        return kept

    def create(self, cluster: Cluster) -> int:
        i, self.next = self.next, self.next + 1
        self.kept[i] = Kept(cluster)
        return i

    def add_mention(self, mention, ref: Ref) -> int:
        i = self.add(mention)
        self.get(i).refs.append(ref)
        self.took.add(i)
        return i


def valid_through(db: sqlite3.Connection) -> int:
    """The seq of the last article merged into the kept state; -1 when there is none to extend. A store that
    merged nothing yet (0) has an empty state, the same by any rules: its first ingest merges in chunks too."""
    through = int(get_meta(db, "merged_through", "-1") or -1)
    if through > 0 and get_meta(db, "merge_rules") != RULES:
        return -1
    return through


def save(db: sqlite3.Connection, kept: dict[int, Kept], index: dict[IndexKey, list[int]], through: int) -> None:
    """Write changed clusters and new index entries, inside the caller's transaction; the state now reaches the
    article `through`, unless a changed article made it invalid since this merge began."""
    _write(db, kept, index)
    if get_meta(db, "merged_through") != "-1":
        _reaches(db, through)


def replace_all(db: sqlite3.Connection, kept: dict[int, Kept], index: dict[IndexKey, list[int]],
                through: int) -> None:
    """The state of a merge of every article, replacing what was kept; inside the caller's transaction."""
    db.execute("DELETE FROM merge_clusters")
    db.execute("DELETE FROM merge_keys")
    _write(db, kept, index)
    _reaches(db, through)


def _write(db: sqlite3.Connection, kept: dict[int, Kept], index: dict[IndexKey, list[int]]) -> None:
    db.executemany("INSERT OR REPLACE INTO merge_clusters (position, state) VALUES (?, ?)",
                   ((i, dumps(k)) for i, k in kept.items()))
    db.executemany("INSERT OR IGNORE INTO merge_keys (key, position) VALUES (?, ?)",
                   ((key_text(key), i) for key, positions in index.items() for i in positions))


def _reaches(db: sqlite3.Connection, through: int) -> None:
    set_meta(db, "merged_through", str(through))
    set_meta(db, "merge_rules", RULES)


def invalidate_from(db: sqlite3.Connection, seq: int) -> None:
    """Article `seq` changed: if it was merged, the kept state no longer holds (inside the caller's transaction)."""
    db.execute("UPDATE meta SET value = '-1' WHERE key = 'merged_through' AND CAST(value AS INTEGER) >= ?", (seq,))
