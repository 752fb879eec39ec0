"""Offline gazetteer: place names, demonyms and country shapes for Chronomap.

Knows places and shapes only; text extraction lives elsewhere and calls in.
"""

from gazetteer.lookup import Gazetteer, default_gazetteer
from gazetteer.names import normalize
from gazetteer.places import Place

__all__ = ["Gazetteer", "Place", "default_gazetteer", "normalize"]
