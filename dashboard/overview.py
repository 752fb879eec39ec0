"""Too many events to draw one by one: counts per place for the map, per day and lane for the timeline.

Past `DETAIL_LIMIT` events, a mark per event costs the browser seconds and
tells the reader nothing; counts show where and when the story is, and a
click on a place, or narrower filters, brings back the events themselves.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from . import style

DETAIL_LIMIT = 500  # events drawn one by one; beyond it, counts
PATH_LIMIT = 30  # reported paths drawn in the overview: those with the most sources
DETAIL_PATH_LIMIT = 100  # reported paths drawn with the events: each is lines, arrows and a label
GROUP_LIMIT = 400  # circles on the overview map; past it, places are pooled on a coarser grid


def overview(events: pd.DataFrame) -> bool:
    return len(events) > DETAIL_LIMIT


@dataclass
class PlaceGroup:
    """The events at one place: drawn as one circle sized by their number."""

    name: str
    lat: float
    lon: float
    types: Counter = field(default_factory=Counter)
    names: Counter = field(default_factory=Counter)
    points: dict = field(default_factory=dict)  # a place name's point, so the circle sits on the main place

    @property
    def count(self) -> int:
        return sum(self.types.values())

    @property
    def colour(self) -> str:
        return style.event_colour(self.types.most_common(1)[0][0])

    def tooltip(self) -> str:
        kinds = ", ".join(f"{n} {style.type_name(t)}" for t, n in self.types.most_common(3))
        return f"{self.count:,} events at {self.name}: {kinds}"


def place_groups(events: pd.DataFrame, grid_deg: float = 0.25, limit: int = GROUP_LIMIT) -> list[PlaceGroup]:
    """Events grouped by their marker's place on a grid (a quarter of a degree, coarser until at most
    `limit` groups remain), largest first."""
    located = events.dropna(subset=["lat", "lon"])
    names = located["location"].fillna(located["destination"]).fillna(located["origin"])
    # As lists: iterating Arrow-backed columns value by value was a third of a 10,000-event page's run.
    columns = list(zip(located["lat"].tolist(), located["lon"].tolist(), located["type"].tolist(), names.tolist()))
    while True:
        groups: dict[tuple[float, float], PlaceGroup] = {}
        for lat, lon, kind, name in columns:
            key = (round(lat / grid_deg), round(lon / grid_deg))
            group = groups.get(key)
            if group is None:
                group = groups[key] = PlaceGroup("", lat, lon)
            group.types[kind] += 1
            if isinstance(name, str):
                group.names[name] += 1
                group.points.setdefault(name, (lat, lon))
        if len(groups) <= limit or grid_deg >= 16:
            break
        grid_deg *= 2
    for group in groups.values():
        if group.names:
            group.name = group.names.most_common(1)[0][0]
            group.lat, group.lon = group.points[group.name]
        else:
            group.name = f"{group.lat:.2f}, {group.lon:.2f}"
    return sorted(groups.values(), key=lambda g: -g.count)


def busiest_paths(events: pd.DataFrame, limit: int | None = None, keep: str | None = None) -> pd.DataFrame:
    """The events with a path, at most `limit` (by default as many as the view can draw): those with the
    most sources, and always the event `keep` (the selected one)."""
    if limit is None:
        limit = PATH_LIMIT if overview(events) else DETAIL_PATH_LIMIT
    with_path = events[events["path"].map(lambda p: isinstance(p, list) and len(p) > 1)]
    if len(with_path) <= limit:
        return with_path
    order = with_path["sources"].map(len).sort_values(ascending=False, kind="stable").index[:limit]
    chosen = with_path.loc[order]
    if keep is not None and keep not in set(chosen["id"]):
        chosen = pd.concat([chosen, with_path[with_path["id"] == keep]])
    return chosen


def period_counts(events: pd.DataFrame, lanes: str = "type") -> tuple[pd.DataFrame, str]:
    """Events per period and lane (type or source), and the period: a day, a week or a month, whichever
    keeps the chart to a few hundred columns. An event on several sources counts in each source lane."""
    dated = events.dropna(subset=["date_end"])
    day = pd.to_datetime(dated["date_start"].where(dated["date_precision"] != "reported", dated["date_end"])
                         .fillna(dated["date_end"]))
    span = (day.max() - day.min()).days if len(day) else 0
    unit = "day" if span <= 180 else "week" if span <= 4 * 366 else "month"
    if unit == "week":
        day = day - pd.to_timedelta(day.dt.day_of_week, unit="D")
    elif unit == "month":
        day = day.dt.to_period("M").dt.to_timestamp()
    if lanes == "source":
        frame = pd.DataFrame({"day": day, "lane": dated["sources"]}).explode("lane")
    else:
        frame = pd.DataFrame({"day": day, "lane": dated["type"].map(style.type_name)})
    return frame.groupby(["lane", "day"]).size().rename("events").reset_index(), unit
