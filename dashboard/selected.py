"""The selected event: what is known of it, each report in its article, and the analyst's corrections.

Streamlit code only; what a correction is and how a form becomes one live in
`dashboard.review`, where they are tested without a page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

import pandas as pd
import streamlit as st

from extract.corrections import STANCES, Correction
from extract.records import Extraction
from gazetteer import Gazetteer
from store.db import StoreError

from . import review
from .labels import when
from .reader import article_html


@dataclass(frozen=True)
class Backend:
    """What the panel reads and writes, handed in by the app (which owns the store and its caches)."""

    extractions: Callable[[list[str]], dict[str, Extraction]]
    corrections: Callable[[str], dict[int, Correction]]
    save: Callable[[list[Correction]], None]
    undo: Callable[[list[int]], None]
    gazetteer: Callable[[], Gazetteer]  # loaded on first use: most runs correct nothing


def selected_panel(view: pd.DataFrame, selected: str | None, backend: Backend) -> None:
    st.subheader("Selected event")
    if st.session_state.get("_saved"):
        st.success(st.session_state.pop("_saved"))
    if not selected:
        st.caption("Click an event on the timeline, the map or the table to read the sentences that report it.")
        return
    row = view[view["id"] == selected].iloc[0]
    mentions = row["mentions"]
    extractions = backend.extractions([m["article_id"] for m in mentions])
    st.html(f"<h3 class='cm-event-title'>{escape(row['label'])}</h3>")
    facts = {
        "When": when(row["date_start"], row["date_end"], row["date_precision"]),
        "Stance": row["stance"],
        "Claimed by": ", ".join(row["claimants"]) or "—",
        "Actors": ", ".join(row["actors"]) or "—", "Sources": ", ".join(row["sources"]),
        "Date rule": row["date_rule"],
    }
    if row["path_km"] and not pd.isna(row["path_km"]):
        facts["Path"] = f"{row['path_km']:,.0f} km; crosses {', '.join(row['crossed']) or '—'}"
    if row["merge_reason"]:
        facts["Merged because"] = row["merge_reason"]
    corrected = row.get("corrected")
    if isinstance(corrected, list) and corrected:
        facts["Corrected by an analyst"] = ", ".join(corrected)
    st.html("<ul class='cm-facts'>" + "".join(f"<li><b>{escape(k)}:</b> {escape(str(v))}</li>"
                                              for k, v in facts.items()) + "</ul>")
    shown = [m for m in mentions if m["article_id"] in extractions]
    tabs = st.tabs([f"{extractions[m['article_id']].article.source or m['article_id']} · “{m['trigger']}”"
                    for m in shown])
    for number, (tab, mention) in enumerate(zip(tabs, shown)):
        extraction = extractions[mention["article_id"]]
        with tab:
            article = extraction.article
            published = article.published.isoformat() if article.published else "no publication date"
            st.html(f"<p><b>{escape(article.title or article.id)}</b> · "
                    f"{escape(article.source or 'unknown source')} · {escape(published)}</p>")
            st.html(article_html(extraction, sentence=(mention["start"], mention["end"]),
                                 trigger=(mention["trigger_start"], mention["trigger_end"])))
            _review_form(extraction, review.Report.of(mention), f"{selected}-{number}", backend)


def _review_form(extraction: Extraction, report: review.Report, key: str, backend: Backend) -> None:
    """Correct this report's stance, date or one of its sentence's places; list and undo earlier corrections."""
    existing = backend.corrections(extraction.article.id)
    count = f" ({len(existing)} correction{'s' if len(existing) > 1 else ''} in this article)" if existing else ""
    with st.expander(f"Correct this report{count}", icon=":material/edit:"):
        left, right = st.columns(2)
        stance = left.selectbox("Stance", STANCES, index=STANCES.index(report.stance) if report.stance in STANCES
                                else 0, key=f"rv_stance_{key}")
        date_value = right.text_input("Date", value=report.date_value, key=f"rv_date_{key}",
                                      help="YYYY-MM-DD, YYYY-MM, YYYY, or START/END for a range")
        places = review.places_in_sentence(extraction, report)
        place, chosen = None, None
        if places:
            which = left.selectbox("Place to correct", [None, *range(len(places))], key=f"rv_place_{key}",
                                   format_func=lambda i: "—" if i is None else
                                   f"{places[i].text} (now {places[i].name}, {places[i].kind})")
            if which is not None:
                place = places[which]
                name = right.text_input("Means", value=places[which].text, key=f"rv_name_{key}",
                                        help="A place name to look up in the offline gazetteer")
                options = [(review.NOT_A_PLACE, "")] + review.place_options(name, backend.gazetteer())
                picked = right.selectbox("Reading", range(len(options)), index=min(1, len(options) - 1),
                                         format_func=lambda i: options[i][0], key=f"rv_reading_{key}")
                chosen = options[picked][1]
        analyst = left.text_input("Analyst", key=f"rv_analyst_{key}", value=st.session_state.get("analyst", ""))
        note = right.text_input("Note", key=f"rv_note_{key}", placeholder="why (optional)")
        if st.button("Save correction", key=f"rv_save_{key}", type="primary"):
            try:
                made = review.corrections_from_form(extraction, report, stance=stance, date_value=date_value,
                                                    place=place, place_value_chosen=chosen, analyst=analyst,
                                                    note=note)
            except ValueError as error:
                st.error(f"Not saved: {error}")
                return
            if not made:
                st.info("Nothing changed: the form still says what was extracted.")
                return
            st.session_state["analyst"] = analyst
            try:
                backend.save(made)
            except StoreError as error:
                st.error(f"Not saved: {error}")
                return
            st.session_state["_saved"] = f"Saved {len(made)} correction{'s' if len(made) > 1 else ''}; " \
                                         "the article was extracted again with them."
            st.rerun()
        for correction_id, correction in sorted(existing.items()):
            line, undo = st.columns([6, 1], vertical_alignment="center")
            line.html(f"<span class='cm-correction'>{escape(review.describe(correction))}</span>")
            if undo.button("Undo", key=f"rv_undo_{key}_{correction_id}"):
                try:
                    backend.undo([correction_id])
                except StoreError as error:
                    st.error(f"Not undone: {error}")
                    return
                st.session_state["_saved"] = "Correction undone."
                st.rerun()
