"""Rendering the catalogue into one Markdown tree per language (plus vCards and CSS)."""
