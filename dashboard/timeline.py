"""The event timeline: one lane per event type (or per source), one mark per source, ranges drawn as bars.

Marks say how sure the reports are: a diamond is an undated event placed at
its report date, a hollow mark a reported claim, a dashed outline a disputed
or denied one, a triangle a planned event that has not happened yet.
"""

from __future__ import annotations

from datetime import date, timedelta

import altair as alt
import pandas as pd

from . import style
from .labels import when
from .overview import overview, period_counts

SELECTION = "pick"


def timeline_rows(events: pd.DataFrame) -> pd.DataFrame:
    """One row per (event, source), with the start and end the chart draws."""
    rows = []
    for event in events.itertuples(index=False):
        if event.date_end is None or (isinstance(event.date_end, float) and pd.isna(event.date_end)):
            continue
        end = date.fromisoformat(event.date_end)
        start = date.fromisoformat(event.date_start) if event.date_start else end
        for source in event.sources:
            rows.append({
                "id": event.id,
                "type": style.type_name(event.type),
                "source": source,
                "start": pd.Timestamp(start),
                "end": pd.Timestamp(end + timedelta(days=1)),
                "ranged": start != end,
                "reported": event.date_precision == "reported",
                "when": when(event.date_start, event.date_end, event.date_precision),
                "label": event.label,
                "stance": event.stance,
                "contested": event.stance in ("disputed", "denied"),
                "planned": bool(getattr(event, "planned", False)),
                "shape": "triangle-up" if getattr(event, "planned", False) else
                         "diamond" if event.date_precision == "reported" else "circle",
                "rule": event.date_rule,
                "sentence": _short(event.sentence),
            })
    return pd.DataFrame(rows, columns=["id", "type", "source", "start", "end", "ranged", "reported", "when",
                                       "label", "stance", "contested", "planned", "shape", "rule",
                                       "sentence"])


LANES = {"type": "Event type", "source": "Source"}


def timeline_chart(events: pd.DataFrame, *, selected: str | None = None, height: int = 420,
                   lanes: str = "type", width: int | str = "container",
                   focus: tuple[date, date] | None = None) -> alt.LayerChart:
    """`lanes` is "type" (one lane per event type, marks offset by source) or "source" (the other way round).
    Past the overview limit the chart shows events per day instead of a mark per event."""
    if overview(events):
        return count_chart(events, height=height, lanes=lanes, width=width, focus=focus)
    data = timeline_rows(events)
    if focus is not None:  # events outside the window fade, they do not vanish
        lo, hi = pd.Timestamp(focus[0]), pd.Timestamp(focus[1] + timedelta(days=1))
        data["in_focus"] = (data["start"] < hi) & (data["end"] > lo)
    lane, offset = ("type", "source") if lanes != "source" else ("source", "type")
    colours = style.source_colours(sorted(set(data["source"])))
    colour = alt.Color("source:N", title="Source",
                       scale=alt.Scale(domain=list(colours), range=list(colours.values())),
                       legend=alt.Legend(orient="bottom", columns=1, labelLimit=420))
    pick = alt.selection_point(name=SELECTION, fields=["id"], on="click", clear="dblclick")
    tooltip = [alt.Tooltip("label:N", title="Event"), alt.Tooltip("when:N", title="When"),
               alt.Tooltip("source:N", title="Source"), alt.Tooltip("stance:N", title="Stance"),
               alt.Tooltip("rule:N", title="Date rule"), alt.Tooltip("sentence:N", title="Sentence")]
    y = alt.Y(f"{lane}:N", title=None, axis=alt.Axis(labelFontSize=13, labelLimit=200))
    x = alt.X("start:T", title=None, axis=alt.Axis(format="%d %b %Y", labelFontSize=12, grid=True, tickCount=8))
    base = alt.Chart(data).encode(y=y, yOffset=alt.YOffset(f"{offset}:N"), tooltip=tooltip)
    emphasis = alt.condition(pick, alt.value(1.0), alt.value(0.35))
    if selected:
        emphasis = alt.condition(alt.datum.id == selected, alt.value(1.0), alt.value(0.35))
    if focus is not None:
        emphasis = alt.condition(alt.datum.in_focus, alt.value(1.0), alt.value(0.12))
    bars = base.transform_filter(alt.datum.ranged).mark_bar(height=10, cornerRadius=3).encode(
        x=x, x2="end:T", color=colour, opacity=emphasis)
    points = base.transform_filter(~alt.datum.ranged).mark_point(size=170, filled=True, strokeWidth=2).encode(
        x=x,
        color=colour,
        shape=alt.Shape("shape:N", scale=None, legend=None),
        fillOpacity=alt.condition(alt.datum.stance == "asserted", alt.value(1.0), alt.value(0.25)),
        strokeDash=alt.condition(alt.datum.contested, alt.value([3, 2]), alt.value([1, 0])),
        stroke=colour,
        opacity=emphasis,
    )
    return (alt.layer(bars, points).add_params(pick)
            .properties(height=height, width=width)
            .configure_view(stroke=None)
            .configure_axis(labelColor="#222"))


# A decade of days is thousands of squares: drawn on a canvas, not as as many SVG elements, and without an
# ARIA label each (the chart's tooltips and its data table say the same).
_CANVAS = {"embedOptions": {"renderer": "canvas"}}
_PERIODS = {"day": ("yearmonthdate", "%d %b %Y", "Events a day"), "week": ("yearmonthdate", "%d %b %Y",
             "Events a week"), "month": ("yearmonth", "%b %Y", "Events a month")}


def count_chart(events: pd.DataFrame, *, height: int = 420, lanes: str = "type", width: int | str = "container",
                focus: tuple[date, date] | None = None) -> alt.Chart:
    """Events per day, week or month in each lane, a darker square for more; the window still fades what is
    outside it. A click on a period selects it (the app narrows the time window to it)."""
    data, unit = period_counts(events, lanes)
    if focus is not None:
        data["in_focus"] = (data["day"] >= pd.Timestamp(focus[0]) - pd.Timedelta(days=30 if unit == "month" else 6
                                                                                    if unit == "week" else 0)) & \
            (data["day"] <= pd.Timestamp(focus[1]))
    opacity = alt.condition(alt.datum.in_focus, alt.value(1.0), alt.value(0.15)) if focus is not None \
        else alt.value(1.0)
    time_unit, label_format, title = _PERIODS[unit]
    pick = alt.selection_point(name=SELECTION, fields=["day"], on="click", clear="dblclick")
    return (alt.Chart(data).mark_rect().encode(
        x=alt.X(f"{time_unit}(day):O", title=None,
                axis=alt.Axis(format=label_format, labelFontSize=11, labelOverlap=True, labelAngle=-40)),
        # Every lane named: with overlap checks Vega dropped every other label of 13 lanes in 420 px.
        y=alt.Y("lane:N", title=None, axis=alt.Axis(labelFontSize=13, labelLimit=200, labelOverlap=False)),
        color=alt.Color("events:Q", title=title, scale=alt.Scale(scheme="blues"),
                        legend=alt.Legend(orient="bottom", format=",d")),  # counts: "1,000", not "1,000.000000"
        opacity=opacity,
        tooltip=[alt.Tooltip("lane:N", title="Lane"),
                 alt.Tooltip("day:T", title="Week of" if unit == "week" else unit.title(), format=label_format),
                 alt.Tooltip("events:Q", title="Events")],
    ).add_params(pick).properties(height=height, width=width, usermeta=_CANVAS).configure_view(stroke=None)
        .configure_axis(labelColor="#222").configure_mark(aria=False))


STORE_PICK = "month"


def store_chart(counts: pd.DataFrame, *, height: int = 130) -> alt.Chart:
    """Events a month across a whole store (`store.day_counts`), by type: where in a large archive the story
    is. A click on a month reads that month."""
    data = counts.assign(period=pd.to_datetime(counts["period"]), type=counts["type"].map(style.type_name))
    types = sorted(set(counts["type"]))
    colour = alt.Color("type:N", title="Event type", legend=None,
                       scale=alt.Scale(domain=[style.type_name(t) for t in types],
                                       range=[style.event_colour(t) for t in types]))
    pick = alt.selection_point(name=STORE_PICK, fields=["period"], on="click")
    return (alt.Chart(data).mark_bar().encode(
        x=alt.X("yearmonth(period):T", title=None, axis=alt.Axis(format="%b %Y", labelOverlap=True)),
        y=alt.Y("sum(events):Q", title="events", axis=alt.Axis(tickCount=3)),
        color=colour,
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.6)),
        tooltip=[alt.Tooltip("yearmonth(period):T", title="Month", format="%B %Y"),
                 alt.Tooltip("type:N", title="Type"), alt.Tooltip("sum(events):Q", title="Events")],
    ).add_params(pick).properties(height=height, width="container", usermeta=_CANVAS)
        .configure_view(stroke=None).configure_axis(labelColor="#222"))


def _short(text: str, limit: int = 220) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
