"""Build names.tsv.gz: the name index of places.tsv.gz, precomputed so loading is a dict build, not a scan.

One line per normalised name: the key, then the row numbers (0 = first row after
the header) of the places called so, own names as n and alternate names as ~n
(written -n-1). Dotted abbreviations ("W.Va.", "Kan.") are matched exactly as
written, so they are keyed with a leading "=" and without spaces instead of normalised.
"""

from __future__ import annotations

import gzip
import io
import re

from gazetteer.names import normalize

ABBREVIATION = re.compile(r"(?:[A-Z][A-Za-z]{0,4}\.\s?)+")
ABBREVIATION_PREFIX = "="


def build_index(places_tsv_gz: bytes) -> bytes:
    """Gzipped index lines, sorted by key, byte-identical across runs."""
    lines = gzip.decompress(places_tsv_gz).decode("utf-8").splitlines()[1:]
    index: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        fields = line.split("\t")
        name, alternates = fields[1], fields[-1].split("|") if fields[-1] else []
        own = normalize(name)
        index.setdefault(own, []).append(i)
        for alternate in alternates:
            if ABBREVIATION.fullmatch(alternate):
                index.setdefault(ABBREVIATION_PREFIX + alternate.replace(" ", ""), []).append(i)
            elif (key := normalize(alternate)) != own:
                index.setdefault(key, []).append(~i)
    text = "".join(f"{key}\t{','.join(map(str, dict.fromkeys(rows)))}\n" for key, rows in sorted(index.items()))
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as gz:
        gz.write(text.encode("utf-8"))
    return buffer.getvalue()
