"""Checks run while building the catalogue: references (errors), places (errors), quality (warnings)."""
