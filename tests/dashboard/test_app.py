"""The Streamlit page driven by AppTest: filters applied, problems shown, never a traceback."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "streamlit_app.py")


def run_app(monkeypatch, folder: Path) -> AppTest:
    monkeypatch.setenv("CHRONOMAP_DATA", str(folder))
    app = AppTest.from_file(APP, default_timeout=120)
    app.run()
    assert not app.exception, app.exception
    return app


def summary(app: AppTest) -> str:
    return next(h.proto.body for h in app.html if "cm-summary" in h.proto.body)


def events_in(app: AppTest) -> int:
    return int(summary(app).split("<b>")[1].split()[0].replace(",", ""))


def test_loads_the_bundled_corpus(monkeypatch):
    app = run_app(monkeypatch, ROOT / "data" / "articles")
    assert app.title[0].value == "Chronomap"
    total = events_in(app)
    assert total >= 10
    assert len(app.dataframe[0].value) == total


def test_filters_update_the_views(monkeypatch):
    app = run_app(monkeypatch, ROOT / "data" / "articles")
    app.multiselect(key="f_types").set_value(["launch"]).run()
    assert not app.exception
    assert events_in(app) == 1
    assert [e.split(":")[0] for e in app.dataframe[0].value["event"]] == ["Launch"]
    app.multiselect(key="f_sources").set_value(["PressTV"]).run()
    assert events_in(app) == 1


def test_bad_files_are_listed_and_the_rest_still_loads(monkeypatch, tmp_path):
    (tmp_path / "good.md").write_text("---\npublished: 2015-10-08\nsource: Wire\n---\n"
                                      "On Wednesday, Russia launched missiles from the Caspian Sea into Syria.",
                                      encoding="utf-8")
    (tmp_path / "undated.txt").write_text("Jets struck Raqqa yesterday.", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "broken.md").write_text("---\ntitle: [oops\n---\ntext", encoding="utf-8")
    app = run_app(monkeypatch, tmp_path)
    problems = " ".join(e.label for e in app.expander)
    assert "problems" in problems
    text = " ".join(h.proto.body for h in app.html)
    assert "binary.txt: binary data" in text and "broken.md: front matter is not valid YAML" in text
    assert "<script>" not in text
    assert "undated" in text and "no publication date" in text
    assert summary(app)  # the good article's events are still shown


def test_missing_folder_is_a_clear_message(monkeypatch, tmp_path):
    app = run_app(monkeypatch, tmp_path / "nowhere")
    assert "does not exist" in app.error[0].value


def test_empty_folder(monkeypatch, tmp_path):
    app = run_app(monkeypatch, tmp_path)
    assert any("No events" in i.value for i in app.info)


def test_a_shared_link_restores_its_filters_and_reset_clears_them(monkeypatch):
    monkeypatch.setenv("CHRONOMAP_DATA", str(ROOT / "data" / "articles"))
    app = AppTest.from_file(APP, default_timeout=120)
    app.query_params["types"] = ["launch"]
    app.run()
    assert not app.exception
    assert events_in(app) == 1 and app.multiselect(key="f_types").value == ["launch"]
    app.pills(key="f_stances").set_value(["asserted"]).run()
    assert app.query_params["stances"] == ["asserted"] or app.query_params["stances"] == "asserted"
    app.button(key="f_reset").click().run()
    assert not app.exception
    assert app.multiselect(key="f_types").value == [] and events_in(app) >= 10
    assert "types" not in app.query_params




def test_downloads_of_the_filtered_events(monkeypatch):
    app = run_app(monkeypatch, ROOT / "data" / "articles")
    app.multiselect(key="f_types").set_value(["launch"]).run()
    assert not app.exception
    labels = [button.proto.label for button in app.get("download_button")]
    assert labels == ["⬇ CSV", "⬇ GeoJSON", "⬇ KML"]


def test_timeline_lanes_switch_between_types_and_sources(monkeypatch):
    app = run_app(monkeypatch, ROOT / "data" / "articles")
    assert app.get("button_group")  # the lanes switch
    app.session_state["v_lanes"] = "source"
    app.run()
    assert not app.exception


def test_a_pasted_article_joins_the_corpus(monkeypatch, tmp_path):
    (tmp_path / "first.md").write_text("---\npublished: 2015-10-08\nsource: Wire\n---\n"
                                       "Russia launched missiles from the Caspian Sea into Syria on Wednesday.",
                                       encoding="utf-8")
    app = run_app(monkeypatch, tmp_path)
    before = events_in(app)
    assert not [t for t in app.text_area if t.key == "up_text"]  # the forms are drawn only in the dialog
    app.button(key="up_open").click().run()
    app.text_area(key="up_text").input("Officials met in Brussels on Thursday.")
    app.text_input(key="up_source").input("Other Wire")
    app.date_input(key="up_published").set_value(date(2015, 10, 9))
    next(b for b in app.button if b.label == "Add pasted article").click().run()
    assert not app.exception
    assert len(list(tmp_path.glob("*.md"))) == 2
    assert events_in(app) == before + 1
    assert "Other Wire" in summary(app)


def test_briefing_view_hides_the_controls_and_offers_its_downloads(monkeypatch):
    app = run_app(monkeypatch, ROOT / "data" / "articles")
    app.toggle(key="v_brief").set_value(True).run()
    assert not app.exception
    text = " ".join(h.proto.body for h in app.html)
    assert "cm-brief-title" in text and "stSidebar" in text
    assert not app.dataframe  # no events table in a briefing
    labels = [button.proto.label for button in app.get("download_button")]
    assert labels == ["⬇ Briefing (HTML, works offline)"]
    app.button(key="b_back").click().run()
    assert not app.exception and app.dataframe


def test_a_time_window_fades_events_outside_it_and_steps_by_days(monkeypatch):
    app = run_app(monkeypatch, ROOT / "data" / "articles")
    total = events_in(app)
    app.slider(key="v_window").set_value((date(2015, 10, 7), date(2015, 10, 7))).run()
    assert not app.exception
    assert events_in(app) == total  # faded, not removed
    app.button(key="v_ahead").click().run()
    assert not app.exception
    assert tuple(app.slider(key="v_window").value) == (date(2015, 10, 8), date(2015, 10, 8))


def test_stepping_from_the_whole_range_starts_at_its_first_day(monkeypatch):
    app = run_app(monkeypatch, ROOT / "data" / "articles")
    app.button(key="v_ahead").click().run()
    assert not app.exception
    assert tuple(app.slider(key="v_window").value) == (date(2015, 9, 28), date(2015, 9, 28))


def _launch_row(app: AppTest) -> dict:
    import store

    with store.open() as s:
        events = store.events(s)
    return events[events["type"] == "launch"].iloc[0].to_dict()


def test_an_analysts_correction_is_saved_shown_and_undone(monkeypatch):
    import store

    app = run_app(monkeypatch, ROOT / "data" / "articles")
    launch = _launch_row(app)
    assert launch["stance"] != "disputed"
    app.session_state["selected"] = launch["id"]
    app.run()
    key = f"{launch['id']}-0"
    app.selectbox(key=f"rv_stance_{key}").set_value("disputed")
    app.text_input(key=f"rv_analyst_{key}").set_value("ana")
    app.button(key=f"rv_save_{key}").click().run()
    assert not app.exception, app.exception
    assert any("Saved 1 correction" in s.value for s in app.success)
    corrected = _launch_row(app)
    assert corrected["stance"] == "disputed" and corrected["corrected"] == ["stance"]
    assert "disputed" in list(app.dataframe[0].value["stance"])
    with store.open() as s:  # kept in the store, marked as the analyst's, applied again on re-extraction
        [(correction_id, correction)] = store.corrections(s, launch["mentions"][0]["article_id"]).items()
        assert (correction.analyst, correction.value) == ("ana", "disputed")
        articles = store.articles(s)
        store.ingest(s, articles, force=True)
    assert _launch_row(app)["stance"] == "disputed"
    app.session_state["selected"] = _launch_row(app)["id"]
    app.run()
    app.button(key=f"rv_undo_{_launch_row(app)['id']}-0_{correction_id}").click().run()
    assert not app.exception, app.exception
    assert _launch_row(app)["stance"] == launch["stance"]


def test_an_impossible_corrected_date_is_refused_with_its_reason(monkeypatch):
    app = run_app(monkeypatch, ROOT / "data" / "articles")
    launch = _launch_row(app)
    app.session_state["selected"] = launch["id"]
    app.run()
    key = f"{launch['id']}-0"
    app.text_input(key=f"rv_date_{key}").set_value("2015-02-30")
    app.button(key=f"rv_save_{key}").click().run()
    assert not app.exception
    assert any("Not saved" in e.value and "2015-02-30" in e.value for e in app.error)
    assert _launch_row(app)["corrected"] == []


def test_past_the_detail_limit_the_page_shows_counts(monkeypatch):
    monkeypatch.setattr("dashboard.overview.DETAIL_LIMIT", 5)
    app = run_app(monkeypatch, ROOT / "data" / "articles")
    assert any("more than can be drawn one by one" in i.value for i in app.info)
    assert any("Darker squares" in c.value for c in app.caption)
    app.multiselect(key="f_types").set_value(["launch"]).run()  # few enough again: one mark per event
    assert not app.exception and not any("one by one" in i.value for i in app.info)


def test_a_large_store_is_read_a_window_of_dates_at_a_time(monkeypatch):
    monkeypatch.setattr("dashboard.app.LARGE_STORE", 5)
    monkeypatch.setattr("dashboard.app.DEFAULT_WINDOW_DAYS", 4)
    app = run_app(monkeypatch, ROOT / "data" / "articles")
    notice = next(i.value for i in app.info if "This store holds" in i.value)
    assert "between 2015-10-12 and 2015-10-15" in notice
    shown = events_in(app)
    assert 0 < shown < 21
    app.date_input(key="f_dates").set_value((date(2015, 9, 28), date(2015, 10, 15))).run()
    assert not app.exception
    assert events_in(app) == 21 and "between 2015-09-28 and 2015-10-15" in next(
        i.value for i in app.info if "This store holds" in i.value)


def test_dates_holding_more_than_a_page_reads_are_cut_to_their_latest_days(monkeypatch):
    monkeypatch.setattr("dashboard.app.LARGE_STORE", 5)
    monkeypatch.setattr("dashboard.app.WINDOW_EVENTS", 8)
    app = run_app(monkeypatch, ROOT / "data" / "articles")
    app.date_input(key="f_dates").set_value((date(2015, 9, 28), date(2015, 10, 15))).run()
    assert not app.exception
    notice = next(i.value for i in app.info if "This store holds" in i.value)
    assert "The dates chosen, 2015-09-28 to 2015-10-15, hold " in notice and "reads their latest days" in notice
    start, end = app.date_input(key="f_dates").value
    assert date(2015, 9, 28) < start and end == date(2015, 10, 15)  # the sidebar shows the days read
    assert 0 < events_in(app) < 21 and f"between {start.isoformat()} and 2015-10-15" in notice


def test_a_large_store_shows_its_months(monkeypatch):
    monkeypatch.setattr("dashboard.app.LARGE_STORE", 5)
    app = run_app(monkeypatch, ROOT / "data" / "articles")
    charts = [json.loads(e.proto.spec) for e in app.main if getattr(e, "type", "") == "vega_lite_chart"]
    assert any(any(p.get("name") == "month" for p in c.get("params", [])) for c in charts)
    monkeypatch.setattr("dashboard.app.LARGE_STORE", 10_000)
    app = run_app(monkeypatch, ROOT / "data" / "articles")
    charts = [json.loads(e.proto.spec) for e in app.main if getattr(e, "type", "") == "vega_lite_chart"]
    assert not any(any(p.get("name") == "month" for p in c.get("params", [])) for c in charts)


def test_a_click_on_a_month_of_the_store_reads_that_month(monkeypatch):
    import streamlit as st

    from dashboard.app import _on_store_month

    state = {"store_months": {"selection": {"month": [{"period": 1441065600000}]}}}  # 1 September 2015
    monkeypatch.setattr(st, "session_state", state)
    _on_store_month()
    assert state["f_dates"] == (date(2015, 9, 1), date(2015, 9, 30))


def test_the_table_waits_for_a_click_when_the_first_view_is_an_overview(monkeypatch):
    monkeypatch.setattr("dashboard.app.overview", lambda events: len(events) > 5)
    app = run_app(monkeypatch, ROOT / "data" / "articles")
    assert not app.dataframe and app.expander[0].label == "Events table"
    assert [b.proto.label for b in app.get("download_button")] == ["⬇ CSV", "⬇ GeoJSON", "⬇ KML"]
    app.session_state["v_table"] = True  # the analyst opens it
    app.run()
    assert not app.exception and len(app.dataframe[0].value) == events_in(app)


def test_the_table_is_open_at_first_for_a_small_view(monkeypatch):
    app = run_app(monkeypatch, ROOT / "data" / "articles")
    assert len(app.dataframe[0].value) == events_in(app)


def test_the_dates_button_shows_the_dates_chosen(monkeypatch):
    app = run_app(monkeypatch, ROOT / "data" / "articles")
    first, last = app.date_input(key="f_dates").value
    assert dates_button(app) == f"{first.day} {first:%b %Y} – {last.day} {last:%b %Y}"
    app.date_input(key="f_dates").set_value((date(2015, 10, 1), last)).run()
    assert not app.exception
    assert dates_button(app) == f"1 Oct 2015 – {last.day} {last:%b %Y}"


def dates_button(app: AppTest) -> str:
    (button,) = app.get("popover")
    return button.proto.popover.label


def test_the_table_lists_the_latest_events_when_there_are_many(monkeypatch):
    monkeypatch.setattr("dashboard.app.TABLE_LIMIT", 5)
    app = run_app(monkeypatch, ROOT / "data" / "articles")
    assert len(app.dataframe[0].value) == 5
    assert any("The latest 5 of 21 events" in c.value for c in app.caption)


@pytest.fixture(scope="module")
def sound_store(tmp_path_factory, gazetteer):
    from tests.store.conftest import make_sound_store

    return make_sound_store(tmp_path_factory.mktemp("sound") / "sound.db", gazetteer)


@pytest.mark.parametrize("kind", ["truncated", "garbage_inside", "not_sqlite", "wrong_schema", "missing_table",
                                  "newer_schema"])
@pytest.mark.parametrize("with_folder", [False, True], ids=["store-alone", "folder-synced"])
def test_a_damaged_store_is_one_clear_error_on_the_page(kind, with_folder, sound_store, monkeypatch, tmp_path):
    """Served alone (chronomap serve) or kept in step with a folder: st.error naming the file and the way out."""
    from tests.store.conftest import WAY_OUT, damage

    db = damage(sound_store, tmp_path / f"{kind}.db", kind)
    monkeypatch.setenv("CHRONOMAP_STORE", str(db))
    if with_folder:
        monkeypatch.setenv("CHRONOMAP_DATA", str(ROOT / "data" / "articles"))
    else:
        monkeypatch.delenv("CHRONOMAP_DATA", raising=False)
    app = AppTest.from_file(APP, default_timeout=120)
    app.run()
    assert not app.exception, app.exception
    assert len(app.error) == 1, [e.value for e in app.error]
    message = app.error[0].value
    assert str(db) in message and WAY_OUT[kind] in message, message


def test_each_page_run_is_timed_in_the_run_log_when_asked(monkeypatch, tmp_path):
    log = tmp_path / "runs.log"
    monkeypatch.setenv("CHRONOMAP_RUN_LOG", str(log))
    app = run_app(monkeypatch, ROOT / "data" / "articles")
    app.sidebar.multiselect[1].set_value(["launch"]).run()
    lines = log.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and all(0 < float(line.split("\t")[1]) < 120 for line in lines)


def test_the_summary_counts_in_words():
    from dashboard.app import _count

    assert (_count(1, "event"), _count(0, "source"), _count(10_724, "event")) == ("1 event", "0 sources",
                                                                                  "10,724 events")
