"""Colours and marks shared by the map, the timeline and the legend.

The Okabe–Ito palette: distinguishable with the common colour-vision
deficiencies and when projected.
"""

from __future__ import annotations

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

EVENT_COLOURS = {
    "launch": "#D55E00",
    "strike": "#E69F00",
    "interception": "#F0E442",
    "crash": "#CC79A7",
    "campaign": "#0072B2",
    "movement": "#56B4E9",
    "diversion": "#009E73",
    "airspace_violation": "#B8860B",
    "statement": "#7F7F7F",
    "denial": "#000000",
    "accusation": "#6A3D9A",
    "meeting": "#0072B2",
    "agreement": "#009E73",
    "casualties": "#A50026",
}
DEFAULT_COLOUR = "#555555"
STANCE_DASH = {"asserted": None, "reported": "2 3", "disputed": "6 4", "denied": "1 4"}
WATER = "#cadcec"
LAND = "#f7f5f0"
BORDER = "#b9b2a6"


def event_colour(event_type: str) -> str:
    return EVENT_COLOURS.get(event_type, DEFAULT_COLOUR)


def source_colours(sources: list[str]) -> dict[str, str]:
    return {source: OKABE_ITO[i % len(OKABE_ITO)] for i, source in enumerate(sorted(sources))}


def type_name(event_type: str) -> str:
    return event_type.replace("_", " ")
