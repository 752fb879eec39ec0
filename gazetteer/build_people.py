"""Build personal_names.tsv.gz: how common a word is as a given name or surname (US Census 1990).

A town called "Taylor" or "Marshall" is rarely what "Taylor said" means; the
recognizer asks how often a word is a personal name before taking it as a place.
Source: the Census name lists packaged in `names` (public domain data).
"""

from __future__ import annotations

import gzip
import io

from gazetteer.build_places import package_file

# Surnames below this share per cent of the population are too rare to matter.
MIN_SURNAME_SHARE = 0.002


def _shares(filename: str, minimum: float = 0.0) -> dict[str, float]:
    shares = {}
    for line in package_file("names", filename).read_text(encoding="utf-8").splitlines():
        name, share, *_ = line.split()
        if float(share) >= minimum:
            key = name.title()
            shares[key] = shares.get(key, 0.0) + float(share)
    return shares


def build_people() -> bytes:
    """Gzipped TSV name, given-name share, surname share (per cent), byte-identical across runs."""
    given = _shares("dist.male.first")
    for name, share in _shares("dist.female.first").items():
        given[name] = given.get(name, 0.0) + share
    surnames = _shares("dist.all.last", MIN_SURNAME_SHARE)
    lines = ["name\tgiven\tsurname"]
    for name in sorted(given.keys() | surnames.keys()):
        lines.append(f"{name}\t{given.get(name, 0.0):.3f}\t{surnames.get(name, 0.0):.3f}")
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as gz:
        gz.write(("\n".join(lines) + "\n").encode("utf-8"))
    return buffer.getvalue()
