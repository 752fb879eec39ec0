"""One real event, many mentions: merging event mentions by explainable rules.

Two mentions are one event when they have the same type, their dates are
compatible within their precision, their places overlap without a
conflicting destination (or, in one article, simply do not conflict), and,
for statements, they have the same speaker; actors named with different
countries are never merged. Every merge keeps its reason.

An undated mention counts as happening in the week before it was reported:
news reports what is recent, and an open-ended "on or before" would merge
events years apart.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from .records import EventMention, PlaceRole
from .speech import same_speaker
from .triggers import SPEECH_TYPES

REPORTED_WINDOW = timedelta(days=7)
_ELABORATES = {("movement", "diversion")}
_NEARBY_CHARS = 400
_ROLES = ("origin", "destination", "location")


@dataclass
class Cluster:
    """The mentions of one event, with what they jointly say kept up to date for fast comparison.

    The rules read only the summary fields, never `mentions`: a store keeps the summaries between ingests and
    merges new mentions into them without reading old ones (store/merge_state.py).
    """

    mentions: list[EventMention]
    type: str
    negated: bool
    first_date: str  # describe_date of the first mention, for merge reasons
    reasons: list[str] = field(default_factory=list)
    interval: tuple[date, date] = (date.min, date.max)
    place_keys: set[str] = field(default_factory=set)
    countries: dict[str, set[str | None]] = field(default_factory=dict)  # role: country codes named in it
    speakers: dict[str | None, None] = field(default_factory=dict)  # distinct claimants, in order
    actor_countries: set[str] = field(default_factory=set)
    articles: dict[str, list[int]] = field(default_factory=dict)  # article id: sentence starts of its mentions

    @classmethod
    def of(cls, mention: EventMention, span: tuple[date, date] | None = None) -> Cluster:
        cluster = cls([], mention.type, mention.negated, describe_date(mention))
        cluster.add(mention, None, span)
        return cluster

    def add(self, mention: EventMention, reason: str | None, span: tuple[date, date] | None = None) -> None:
        """Take the mention in; `span` is its `interval` when the caller has it already."""
        self.mentions.append(mention)
        if reason:
            self.reasons.append(reason)
        lo, hi = span or interval(mention)
        self.interval = (max(self.interval[0], lo), min(self.interval[1], hi))
        for role in mention.places:
            self.place_keys.add(_key(role))
            self.countries.setdefault(role.role, set()).add(role.place.country_code)
        self.speakers[mention.claimant] = None
        self.actor_countries.update(mention.actor_countries)
        self.articles.setdefault(mention.article_id, []).append(mention.sentence.start)


IndexKey = tuple[str, str, str]  # (type, place or article, ISO week or "wide" or "*")


class Merger:
    """The merge, one mention at a time, with its state: the clusters so far and an index of them by type, place
    or article, and week. Merging is greedy in reading order, so mentions appended later never change an
    earlier decision: a merger whose state is kept (store/merge_state.py keeps it in the store's file) takes
    new articles and ends where one merge of all of them would.

    Here the state is in memory; a subclass keeps it elsewhere by overriding the methods below `add`.
    """

    def __init__(self) -> None:
        self.clusters: list[Cluster] = []
        self.index: dict[IndexKey, list[int]] = {}

    def add(self, mention: EventMention) -> int:
        """Merge the mention into the first cluster that may take it, or a new one; that cluster's position."""
        span = interval(mention)
        weeks = _weeks_of(*span)
        anchors = _anchors(mention)
        for i in sorted(self.candidates(_lookups(mention, anchors, weeks))):
            cluster = self.cluster(i)
            reason = _why_same(cluster, mention, span)
            if reason:
                cluster.add(mention, reason, span)
                break
        else:
            i = self.create(Cluster.of(mention, span))
        self.remember(_keys(mention, anchors, weeks), i)
        return i

    def candidates(self, keys: list[IndexKey]) -> set[int]:
        """Positions of the clusters indexed under any of `keys`."""
        found: set[int] = set()
        for key in keys:
            bucket = self.index.get(key)
            if bucket:
                found.update(bucket)
        return found

    def cluster(self, i: int) -> Cluster:
        return self.clusters[i]

    def create(self, cluster: Cluster) -> int:
        self.clusters.append(cluster)
        return len(self.clusters) - 1

    def remember(self, keys: list[IndexKey], i: int) -> None:
        for key in keys:
            bucket = self.index.setdefault(key, [])
            if not bucket or bucket[-1] != i:
                bucket.append(i)


def merge(mentions: list[EventMention]) -> list[Cluster]:
    """Clusters of mentions, each one real event; mentions must be in article reading order.

    Only clusters that could pass the rules are compared: those of the same
    type sharing a place or an article and a week, found through an index, so
    the cost per mention stays flat as the corpus grows.
    """
    merger = Merger()
    with cycle_collection_paused():
        for mention in mentions:
            merger.add(mention)
    return merger.clusters


@contextmanager
def cycle_collection_paused():
    """No cyclic garbage collection inside: building many small records (clusters, rows) would trigger full
    collections, each walking every object alive (every extraction of the corpus), so cost per article would
    grow with the corpus. Reference counting still frees everything; nothing built here forms cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _anchors(mention: EventMention) -> list[str]:
    """What a mention is indexed by besides its type and week: its article and each of its places."""
    return ["article:" + mention.article_id] + [_key(r) for r in mention.places]


def _keys(mention: EventMention, anchors: list[str], weeks: tuple[str, ...] | None) -> list[IndexKey]:
    """Index keys: (type, place or article, week), plus (type, place or article, "*") for wide look-ups."""
    return [(mention.type, anchor, week) for anchor in anchors for week in [*(weeks or ["wide"]), "*"]]


def _lookups(mention: EventMention, anchors: list[str], weeks: tuple[str, ...] | None) -> list[IndexKey]:
    pairs = {(mention.type, anchor) for anchor in anchors}
    pairs |= {(target, "article:" + mention.article_id) for kind, target in _ELABORATES if kind == mention.type}
    if weeks is None:  # undated or very wide: compare with every cluster of those anchors
        return [(kind, anchor, "*") for kind, anchor in pairs]
    return [(kind, anchor, week) for kind, anchor in pairs for week in [*weeks, "wide"]]


@lru_cache(maxsize=16384)
def _weeks_of(lo: date, hi: date) -> tuple[str, ...] | None:
    """The ISO weeks the days lo..hi touch; None when more than a quarter ("wide"). Cached: dates repeat."""
    if lo == date.min or (hi - lo).days > 92:
        return None
    days = [lo + timedelta(days=7 * k) for k in range((hi - lo).days // 7 + 1)] + [hi]
    return tuple(dict.fromkeys("{}-W{:02d}".format(*d.isocalendar()[:2]) for d in days))


def _why_same(cluster: Cluster, mention: EventMention, span: tuple[date, date] | None = None) -> str | None:
    same_article = cluster.articles.get(mention.article_id)  # sentence starts of its mentions in this article
    if mention.type != cluster.type:
        if (mention.type, cluster.type) in _ELABORATES and same_article \
                and any(abs(start - mention.sentence.start) <= _NEARBY_CHARS for start in same_article):
            return f"{mention.type} elaborates the {cluster.type} reported just before it in {mention.article_id}"
        return None
    if mention.negated != cluster.negated:
        return None
    lo, hi = span or interval(mention)
    if lo > cluster.interval[1] or cluster.interval[0] > hi:
        return None
    if mention.type in SPEECH_TYPES and not any(same_speaker(s, mention.claimant) for s in cluster.speakers):
        return None
    if _destinations_conflict(cluster, mention):
        return None
    if mention.actor_countries and cluster.actor_countries and not set(mention.actor_countries) & cluster.actor_countries:
        return None  # Ukrainian drones and Russian strikes are not one event
    shared = sorted({r.place.name for r in mention.places if _key(r) in cluster.place_keys})
    if not shared and not (same_article and not _places_conflict(cluster, mention)):
        return None
    parts = [f"same type ({mention.type})",
             f"dates compatible ({describe_date(mention)} with {cluster.first_date})"]
    if mention.type in SPEECH_TYPES:
        parts.append(f"same speaker ({mention.claimant})")
    if shared:
        parts.append("shared places: " + ", ".join(shared))
    else:
        parts.append(f"same article ({mention.article_id}), no place in conflict")
    return "; ".join(parts)


def interval(mention: EventMention) -> tuple[date, date]:
    """The days the mention allows: its date range, the week before its report date, or any day."""
    if mention.date_precision == "unknown" or mention.date_end is None:
        return date.min, date.max
    if mention.date_precision == "reported":  # no earlier than 1 January of year 1 (a report dated then)
        return max(mention.date_end, date.min + REPORTED_WINDOW) - REPORTED_WINDOW, mention.date_end
    return mention.date_start or mention.date_end, mention.date_end


def describe_date(mention: EventMention) -> str:
    if mention.date_precision == "unknown" or mention.date_end is None:
        return "undated"
    if mention.date_precision == "reported":
        return f"on or before {mention.date_end.isoformat()}"
    if mention.date_start == mention.date_end:
        return mention.date_start.isoformat()
    return f"{mention.date_start.isoformat()}..{mention.date_end.isoformat()}"


def _key(role: PlaceRole) -> str:
    return role.place.place_id.removeprefix("airspace:")


def _destinations_conflict(cluster: Cluster, mention: EventMention) -> bool:
    mine = {r.place.country_code for r in mention.places if r.role == "destination"}
    theirs = cluster.countries.get("destination", set())
    return bool(mine and theirs and not mine & theirs)


def _places_conflict(cluster: Cluster, mention: EventMention) -> bool:
    """Both name a place in the same role, and none of those places agree."""
    for role in _ROLES:
        mine = {r.place.country_code for r in mention.places if r.role == role}
        theirs = cluster.countries.get(role, set())
        if mine and theirs and not mine & theirs:
            return True
    return False
