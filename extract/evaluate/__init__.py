"""Scoring the extractors against news annotated by others (TempEval-3, LGL, GeoVirus)."""
