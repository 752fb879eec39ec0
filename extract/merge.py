"""One real event, many mentions: merging event mentions by explainable rules.

Two mentions are one event when they have the same type, their dates are
compatible within their precision, their places overlap without a
conflicting destination, and (for statements) they have the same speaker.
Every merge keeps the reason it was made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .records import EventMention
from .speech import same_speaker
from .triggers import SPEECH_TYPES

_ELABORATES = {("movement", "diversion")}
_NEARBY_CHARS = 400


@dataclass
class Cluster:
    mentions: list[EventMention]
    reasons: list[str] = field(default_factory=list)

    @property
    def type(self) -> str:
        return self.mentions[0].type


def merge(mentions: list[EventMention]) -> list[Cluster]:
    """Clusters of mentions, each one real event; mentions must be in article reading order."""
    clusters: list[Cluster] = []
    for mention in mentions:
        for cluster in clusters:
            reason = _why_same(cluster, mention)
            if reason:
                cluster.mentions.append(mention)
                cluster.reasons.append(reason)
                break
        else:
            clusters.append(Cluster([mention]))
    return clusters


def _why_same(cluster: Cluster, mention: EventMention) -> str | None:
    if any(m is mention for m in cluster.mentions):
        return None
    same_article = [m for m in cluster.mentions if m.article_id == mention.article_id]
    if mention.type != cluster.type:
        nearby = any(abs(m.sentence.start - mention.sentence.start) <= _NEARBY_CHARS for m in same_article)
        if (mention.type, cluster.type) in _ELABORATES and nearby:
            return f"{mention.type} elaborates the {cluster.type} reported just before it in {mention.article_id}"
        return None
    if any(m.negated != mention.negated for m in cluster.mentions):
        return None
    dates = _dates_compatible(cluster, mention)
    if dates is None:
        return None
    parts = [f"same type ({mention.type})", dates]
    if mention.type in SPEECH_TYPES:
        speakers = [m.claimant for m in cluster.mentions]
        if not any(same_speaker(s, mention.claimant) for s in speakers):
            return None
        parts.append(f"same speaker ({mention.claimant})")
    shared = _shared_places(cluster, mention)
    if shared is None:
        return None
    if shared:
        parts.append("shared places: " + ", ".join(shared))
    elif same_article and not _places_conflict(cluster, mention):
        parts.append(f"same article ({mention.article_id}), no place in conflict")
    else:
        return None
    return "; ".join(parts)


def _interval(mention: EventMention) -> tuple[date, date]:
    lo, hi = date.min, date.max
    if mention.date_precision == "reported":
        hi = mention.date_end or hi
    elif mention.date_precision != "unknown":
        lo, hi = mention.date_start or lo, mention.date_end or hi
    return lo, hi


def _dates_compatible(cluster: Cluster, mention: EventMention) -> str | None:
    lo, hi = _interval(mention)
    for other in cluster.mentions:
        olo, ohi = _interval(other)
        if lo > ohi or olo > hi:
            return None
    return f"dates compatible ({describe_date(mention)} with {describe_date(cluster.mentions[0])})"


def describe_date(mention: EventMention) -> str:
    if mention.date_precision == "unknown" or mention.date_end is None:
        return "undated"
    if mention.date_precision == "reported":
        return f"on or before {mention.date_end.isoformat()}"
    if mention.date_start == mention.date_end:
        return mention.date_start.isoformat()
    return f"{mention.date_start.isoformat()}..{mention.date_end.isoformat()}"


def _shared_places(cluster: Cluster, mention: EventMention) -> list[str] | None:
    """Names of places both share; None when their destinations conflict."""
    mine = {r.place.place_id.removeprefix("airspace:"): r for r in mention.places}
    theirs = {r.place.place_id.removeprefix("airspace:"): r for m in cluster.mentions for r in m.places}
    my_dest = {k for k, r in mine.items() if r.role == "destination"}
    their_dest = {k for k, r in theirs.items() if r.role == "destination"}
    if my_dest and their_dest and not my_dest & their_dest:
        my_countries = {mine[k].place.country_code for k in my_dest}
        their_countries = {theirs[k].place.country_code for k in their_dest}
        if not my_countries & their_countries:
            return None
    return sorted({mine[k].place.name for k in mine.keys() & theirs.keys()})


def _places_conflict(cluster: Cluster, mention: EventMention) -> bool:
    """Both name a place in the same role, and none of those places agree."""
    for role in ("origin", "destination", "location"):
        mine = {r.place.country_code for r in mention.places if r.role == role}
        theirs = {r.place.country_code for m in cluster.mentions for r in m.places if r.role == role}
        if mine and theirs and not mine & theirs:
            return True
    return False
