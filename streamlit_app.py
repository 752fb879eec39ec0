"""Chronomap's dashboard: `streamlit run streamlit_app.py` (articles from $CHRONOMAP_DATA or data/articles)."""

from dashboard.app import main

main()
