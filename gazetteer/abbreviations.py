"""Short forms news text uses for divisions and cities, which no packaged source lists.

AP style state abbreviations ("Kan.", "W.Va."), dotted postal codes ("N.Y.", "D.C."),
and common short names of provinces and cities ("NSW", "B.C.", "NYC"). Undotted
two-letter postal codes ("PA", "IN", "OR") are left out: they are ordinary words.
Dotted forms are matched exactly, never case- or dot-folded ("Pa." is not "pa").
"""

from __future__ import annotations

_US_STATES = {
    "Alabama": ["Ala."], "Arizona": ["Ariz."], "Arkansas": ["Ark."], "California": ["Calif.", "Cal."],
    "Colorado": ["Colo."], "Connecticut": ["Conn."], "Delaware": ["Del."], "Florida": ["Fla."],
    "Georgia": ["Ga."], "Illinois": ["Ill."], "Indiana": ["Ind."], "Kansas": ["Kan.", "Kans."],
    "Kentucky": ["Ky."], "Louisiana": ["La."], "Maryland": ["Md."], "Massachusetts": ["Mass."],
    "Michigan": ["Mich."], "Minnesota": ["Minn."], "Mississippi": ["Miss."], "Missouri": ["Mo."],
    "Montana": ["Mont."], "Nebraska": ["Neb.", "Nebr."], "Nevada": ["Nev."], "New Hampshire": ["N.H."],
    "New Jersey": ["N.J."], "New Mexico": ["N.M.", "N.Mex."], "New York": ["N.Y."], "North Carolina": ["N.C."],
    "North Dakota": ["N.D.", "N.Dak."], "Oklahoma": ["Okla."], "Oregon": ["Ore.", "Oreg."],
    "Pennsylvania": ["Pa.", "Penn.", "Penna."], "Rhode Island": ["R.I."], "South Carolina": ["S.C."],
    "South Dakota": ["S.D.", "S.Dak."], "Tennessee": ["Tenn."], "Texas": ["Tex."], "Vermont": ["Vt."],
    "Virginia": ["Va."], "Washington": ["Wash."], "West Virginia": ["W.Va.", "W. Va."],
    "Wisconsin": ["Wis.", "Wisc."], "Wyoming": ["Wyo."],
}

ADMIN1_ALIASES: dict[tuple[str, str], list[str]] = {
    **{("US", name): forms for name, forms in _US_STATES.items()},
    ("CA", "British Columbia"): ["B.C."],
    ("CA", "Ontario"): ["Ont."],
    ("CA", "Quebec"): ["Que."],
    ("CA", "Alberta"): ["Alta."],
    ("CA", "Saskatchewan"): ["Sask."],
    ("CA", "Manitoba"): ["Man."],
    ("CA", "Nova Scotia"): ["N.S."],
    ("CA", "New Brunswick"): ["N.B."],
    ("AU", "New South Wales"): ["NSW", "N.S.W."],
    ("AU", "Queensland"): ["Qld"],
}

# GeoNames ids of cities and their short forms.
CITY_ALIASES: dict[int, list[str]] = {
    4140963: ["D.C.", "Washington D.C.", "Washington DC"],  # Washington, D.C.
    5128581: ["NYC"],  # New York City
    5368361: ["L.A."],  # Los Angeles
}
