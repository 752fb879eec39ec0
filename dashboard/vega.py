"""Altair charts as the Vega-Lite specs Streamlit draws, converted once per view instead of on every run.

st.altair_chart converts its chart on every run, and Altair checks the result against the whole Vega-Lite
schema: half of a filter change's run on the server (70 of 150 ms on the bundled corpus), done under a
process-wide lock, so concurrent sessions queue for it. Here a chart is converted as st.altair_chart
converts it (the same theme, the data as Arrow under a hash of its bytes) but unchecked, since the tests
check every chart the dashboard builds, and the result is what the app caches and st.vega_lite_chart draws.
"""

from __future__ import annotations

import hashlib
import threading
from typing import Any

import altair as alt
from streamlit import dataframe_util

# Altair's theme and data transformer are settings of the process, not of a call.
_ALTAIR_SETTINGS = threading.Lock()


def _to_arrow(data: Any, datasets: dict[str, bytes]) -> dict[str, str]:
    """Altair data transformer: the chart's data travels as Arrow beside the spec, not as JSON inside it."""
    payload = dataframe_util.convert_anything_to_arrow_bytes(data)
    name = hashlib.md5(payload, usedforsecurity=False).hexdigest()
    datasets[name] = payload
    return {"name": name}


alt.data_transformers.register("chronomap_arrow", _to_arrow)


def vega_lite_spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """The spec to pass to st.vega_lite_chart; never modified by it (it draws from a copy)."""
    datasets: dict[str, bytes] = {}
    with _ALTAIR_SETTINGS, alt.theme.enable("none"), alt.data_transformers.enable("chronomap_arrow",
                                                                                  datasets=datasets):
        spec = chart.to_dict(validate=False)
    spec["datasets"] = {**spec.get("datasets", {}), **datasets}
    return spec
