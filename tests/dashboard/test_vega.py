from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pyarrow
import pytest
from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

from dashboard.timeline import count_chart, store_chart, timeline_chart, timeline_rows
from dashboard.vega import vega_lite_spec


def _charts(events: pd.DataFrame):
    counts = pd.DataFrame({"period": ["2015-09-01", "2015-10-01"], "type": ["strike", "launch"], "events": [3, 4]})
    return [timeline_chart(events), timeline_chart(events, lanes="source", focus=(date(2015, 10, 7),) * 2),
            count_chart(events), store_chart(counts)]


def _named_in_order(spec: dict) -> str:
    """The spec as text, its datasets named by their order (the names are hashes, by a function of each's choosing)."""
    text = json.dumps(spec, default=lambda payload: payload.hex(), sort_keys=True)
    for number, name in enumerate(spec["datasets"]):
        text = text.replace(name, f"dataset-{number}")
    return text


@pytest.mark.parametrize("which", range(4))
def test_a_chart_is_converted_as_streamlit_converts_it(corpus, which):
    chart = _charts(corpus.events)[which]
    assert _named_in_order(vega_lite_spec(chart)) == _named_in_order(_convert_altair_to_vega_lite_spec(chart))


def test_the_converted_spec_carries_its_data_as_arrow_beside_it(corpus):
    spec = vega_lite_spec(timeline_chart(corpus.events))
    (payload,) = spec["datasets"].values()
    table = pyarrow.ipc.open_stream(payload).read_all()
    assert table.num_rows == len(timeline_rows(corpus.events)) and "sentence" in table.column_names
    assert "config" not in spec or "continuousWidth" not in spec["config"].get("view", {})  # Altair's default theme
