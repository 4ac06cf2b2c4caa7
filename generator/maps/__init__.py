"""Maps: tile providers and their attribution, and the map data the client draws (data.py)."""
