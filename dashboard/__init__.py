"""Streamlit pages. Pages only call the package and draw: no SQL, no formulas here."""
