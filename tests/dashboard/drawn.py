"""What a map's event layers draw, read from the data their scripts receive."""

from __future__ import annotations


def _elements(layers):
    def walk(element):
        yield element
        for child in element._children.values():
            yield from walk(child)

    for group in layers.groups:
        yield from walk(group)


def marks(layers) -> list[dict]:
    """Every dot and area."""
    return [m for element in _elements(layers) for m in getattr(element, "marks", [])]


def paths(layers) -> list[dict]:
    return [p for element in _elements(layers) for p in getattr(element, "paths", [])]
